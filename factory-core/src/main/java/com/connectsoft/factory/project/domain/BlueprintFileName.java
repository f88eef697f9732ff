package com.connectsoft.factory.project.domain;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The name a tenant gives an uploaded blueprint: it picks the format and is stored and shown again, so it is checked
 * before anything is read or written. A refusal says what is wrong without repeating the name.
 */
public final class BlueprintFileName {
    public static final int MAX_LENGTH = 255;
    public static final Set<String> EXTENSIONS = Set.of(".blueprint.yaml", ".yaml", ".yml", ".jdl", ".jh");

    private BlueprintFileName() {
    }

    /** Why the name cannot be used, or empty when it can. */
    public static Optional<String> problem(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of("the file name is empty");
        }
        if (name.length() > MAX_LENGTH) {
            return Optional.of("the file name is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            if (cp == 0) {
                return Optional.of("the file name contains a NUL character");
            }
            if (cp == '\r' || cp == '\n') {
                return Optional.of("the file name contains a line break");
            }
            if (unsafe(cp)) {
                return Optional.of("the file name contains a control, formatting (e.g. bidirectional) or unassigned character");
            }
            if (cp == '/' || cp == '\\' || cp == ':') {
                return Optional.of("the file name contains a path separator; send the name alone, e.g. shop.blueprint.yaml");
            }
            i += Character.charCount(cp);
        }
        if (!name.equals(name.strip()) || name.startsWith(".")) {
            return Optional.of("the file name starts with a dot or has leading or trailing spaces");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (EXTENSIONS.stream().noneMatch(ext -> lower.endsWith(ext) && lower.length() > ext.length())) {
            return Optional.of("the file name has no known extension");
        }
        return Optional.empty();
    }

    private static boolean unsafe(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.SURROGATE,
                 Character.PRIVATE_USE, Character.UNASSIGNED -> true;
            default -> false;
        };
    }

    /** What a valid name looks like, for the hint of a refusal. */
    public static String hint() {
        return "send a name of at most " + MAX_LENGTH + " printable characters without path separators, ending in "
                + ".blueprint.yaml, .yaml, .yml (YAML blueprint) or .jdl, .jh (JHipster JDL), e.g. ?file=shop.blueprint.yaml";
    }
}
