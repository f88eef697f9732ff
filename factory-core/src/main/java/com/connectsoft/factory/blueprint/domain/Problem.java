package com.connectsoft.factory.blueprint.domain;

import java.util.Optional;

/** What is wrong with an input, where (file, 1-based line and column) and how to fix it. */
public record Problem(String file, int line, int column, String message, Optional<String> hint) {

    public static Problem of(String file, int line, int column, String message, String hint) {
        return new Problem(file, line, column, message, Optional.ofNullable(hint));
    }

    /** {@code file:line:column: message (hint: ...)}, like a compiler. */
    public String render() {
        return file + ":" + line + ":" + column + ": " + message + hint.map(h -> "\n    hint: " + h).orElse("");
    }
}
