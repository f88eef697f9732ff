package com.connectsoft.factory.blueprint.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * The characters a name or a description may hold. Names and descriptions end up in generated code, file names,
 * terminals and web pages, so characters that are invisible or change how the text around them is displayed are
 * refused: control characters (C0, DEL, C1), bidirectional controls, other format characters (zero-width and
 * invisible ones), line and paragraph separators, unpaired surrogates and noncharacters. Names also refuse spaces
 * other than U+0020. Descriptions may hold line feeds and tabs, and the zero-width joiner and non-joiner that emoji
 * sequences and several scripts (Persian, Indic) need; they cannot reorder or hide text.
 */
public final class TextRules {
    /** A single-line name, or a free text (description, example). */
    public enum Kind { NAME, TEXT }

    /** What to tell a user about the refused characters. */
    public static final String HINT = "names and descriptions may not hold control characters, bidirectional controls or invisible"
            + " formatting characters (descriptions may hold line breaks and tabs)";

    private TextRules() {
    }

    /** The first character {@code kind} refuses in {@code value}, described for a person, or empty. */
    public static Optional<String> refused(String value, Kind kind) {
        int position = 0;
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            position++;
            String why = why(cp, kind);
            if (why != null) {
                String name = Optional.ofNullable(Character.getName(cp)).orElse("").toLowerCase(Locale.ROOT);
                return Optional.of(String.format(Locale.ROOT, "U+%04X%s (%s) at character %d", cp, name.isEmpty() ? "" : " " + name,
                        why, position));
            }
            i += Character.charCount(cp);
        }
        return Optional.empty();
    }

    private static String why(int cp, Kind kind) {
        if (isBidiControl(cp)) {
            return "a bidirectional control, which can make text display in another order than it is stored";
        }
        int type = Character.getType(cp);
        switch (type) {
            case Character.CONTROL -> {
                return kind == Kind.TEXT && (cp == '\n' || cp == '\t') ? null : "a control character";
            }
            case Character.SURROGATE -> {
                return "half of a surrogate pair, without its other half";
            }
            case Character.FORMAT -> {
                return kind == Kind.TEXT && (cp == 0x200C || cp == 0x200D) ? null : "an invisible formatting character";
            }
            case Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> {
                return "a line separator";
            }
            case Character.SPACE_SEPARATOR -> {
                return kind == Kind.NAME && cp != ' ' ? "a space other than the plain space" : null;
            }
            default -> {
                return isNoncharacter(cp) ? "not a character" : null;
            }
        }
    }

    static boolean isBidiControl(int cp) {
        return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F || cp == 0x061C;
    }

    private static boolean isNoncharacter(int cp) {
        return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
    }

    /**
     * The text with line breaks and every character {@link Kind#TEXT} refuses written as {@code \}{@code uXXXX}: safe to
     * show on one line of a terminal or a log when a message echoes a value from a tenant.
     */
    public static String printable(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int n = Character.charCount(cp);
            boolean escape = cp == '\n' || cp == '\r' || why(cp, Kind.TEXT) != null;
            if (escape && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (escape) {
                    for (int k = i; k < i + n; k++) {
                        out.append(String.format(Locale.ROOT, "\\u%04X", (int) text.charAt(k)));
                    }
                } else {
                    out.append(text, i, i + n);
                }
            }
            i += n;
        }
        return out == null ? text : out.toString();
    }
}
