package com.connectsoft.factory.template.domain;

import java.util.Optional;

/** The rule for every path a template writes: relative, '/'-separated, no '.', '..' or empty segments. */
public final class OutputPath {
    private OutputPath() {
    }

    /** Why {@code path} may not be written, or empty when it may. */
    public static Optional<String> refusal(String path) {
        if (path == null || path.isBlank()) {
            return Optional.of("empty path");
        }
        if (path.startsWith("/") || path.matches("^[A-Za-z]:.*") || path.startsWith("~")) {
            return Optional.of("absolute path '" + path + "'");
        }
        if (path.contains("\\") || path.indexOf('\0') >= 0) {
            return Optional.of("path '" + path + "' contains a backslash or NUL");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return Optional.of("path '" + path + "' has an empty, '.' or '..' segment");
            }
        }
        return Optional.empty();
    }
}
