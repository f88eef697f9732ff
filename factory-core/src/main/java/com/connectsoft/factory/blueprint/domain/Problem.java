package com.connectsoft.factory.blueprint.domain;

import java.util.Optional;

/**
 * What is wrong with an input, where (file, 1-based line and column) and how to fix it. Message and hint often echo
 * what the tenant wrote: line breaks and the characters {@link TextRules} refuses are kept as {@code \}{@code uXXXX}, so
 * a problem always prints as the lines {@link #render()} makes, in the order they are stored.
 */
public record Problem(String file, int line, int column, String message, Optional<String> hint) {
    public Problem {
        file = TextRules.printable(file);
        message = TextRules.printable(message);
        hint = hint.map(TextRules::printable);
    }

    public static Problem of(String file, int line, int column, String message, String hint) {
        return new Problem(file, line, column, message, Optional.ofNullable(hint));
    }

    /** {@code file:line:column: message (hint: ...)}, like a compiler. */
    public String render() {
        return file + ":" + line + ":" + column + ": " + message + hint.map(h -> "\n    hint: " + h).orElse("");
    }
}
