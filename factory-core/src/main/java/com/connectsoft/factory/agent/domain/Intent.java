package com.connectsoft.factory.agent.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * A tenant's product description in plain language: untrusted input, so bounded ({@link #MAX_CHARS} characters,
 * {@link #MAX_WORDS} words) and free of control and invisible formatting characters (line feeds and tabs are kept).
 */
public record Intent(String text) {
    public static final int MAX_CHARS = 4_000;
    public static final int MAX_WORDS = 600;
    public static final int MIN_CHARS = 10;

    public Intent {
        List<String> problems = problems(text);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.get(0));
        }
    }

    /** Checks the text; an intent or what is wrong with it (what, where, how to fix). */
    public static Check check(String text) {
        List<String> problems = problems(text);
        return problems.isEmpty() ? new Check.Accepted(new Intent(text)) : new Check.Refused(problems);
    }

    public sealed interface Check {
        record Accepted(Intent intent) implements Check {
        }

        record Refused(List<String> problems) implements Check {
            public Refused {
                problems = List.copyOf(problems);
            }
        }
    }

    private static List<String> problems(String text) {
        List<String> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            out.add("the intent is empty: describe the product in a few sentences, e.g. \"Customers place orders for products\"");
            return out;
        }
        if (text.length() > MAX_CHARS) {
            out.add("the intent has " + text.length() + " characters, more than " + MAX_CHARS + ": describe the product in fewer words");
            return out;
        }
        if (text.strip().length() < MIN_CHARS) {
            out.add("the intent is too short to describe a product: name the things it keeps and what people do with them");
            return out;
        }
        int line = 1;
        int column = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            column++;
            if (cp == '\n') {
                line++;
                column = 0;
            } else if (cp != '\t' && cp != '\r' && refused(cp)) {
                out.add(String.format("the intent holds a control or invisible formatting character U+%04X at line %d, column %d: remove it",
                        cp, line, column));
                return out;
            }
            i += Character.charCount(cp);
        }
        long words = text.codePoints().filter(Character::isWhitespace).count() + 1;
        if (words > MAX_WORDS) {
            out.add("the intent has about " + words + " words, more than " + MAX_WORDS + ": describe the product in fewer words");
        }
        return out;
    }

    private static boolean refused(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.SURROGATE,
                 Character.PRIVATE_USE, Character.UNASSIGNED -> true;
            default -> false;
        };
    }
}
