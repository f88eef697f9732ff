package com.connectsoft.factory.template.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * What a generated file is written in, and so how every value placed in it is escaped. The renderer escapes each
 * {@code {{value}}} for the language of its file; a template cannot opt out for a value, only name its file's language.
 * Each escaping keeps the value as data wherever the language lets a template put it (for Java: in an identifier, a
 * string or character literal, a text block, a line, block or Javadoc comment; for YAML: in a double-quoted scalar;
 * for JSON: in a string). Control and invisible formatting characters never reach a file as themselves.
 */
public enum OutputLanguage {
    JAVA("java"),
    XML("xml"),
    JSON("json"),
    YAML("yaml"),
    MARKDOWN("markdown"),
    PROPERTIES("properties"),
    /** TypeScript and JavaScript (also TSX/JSX): a value lands in a string literal or a comment, never as code or markup. */
    TYPESCRIPT("typescript"),
    /** HTML text and quoted attribute values. */
    HTML("html"),
    /** Plain lines (e.g. .gitignore): a value is kept on its line. */
    TEXT("text");

    private final String key;

    OutputLanguage(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Optional<OutputLanguage> ofKey(String key) {
        for (OutputLanguage l : values()) {
            if (l.key.equals(key)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    /** The language a target path's extension names, if it names one. */
    public static Optional<OutputLanguage> ofTarget(String target) {
        String name = target.substring(target.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
        return switch (ext) {
            case "java" -> Optional.of(JAVA);
            case "xml" -> Optional.of(XML);
            case "json" -> Optional.of(JSON);
            case "yaml", "yml" -> Optional.of(YAML);
            case "md" -> Optional.of(MARKDOWN);
            case "properties" -> Optional.of(PROPERTIES);
            case "ts", "tsx", "js", "jsx", "mjs", "cjs", "mts", "cts" -> Optional.of(TYPESCRIPT);
            case "html", "htm" -> Optional.of(HTML);
            case "gitignore", "txt" -> Optional.of(TEXT);
            default -> name.equals(".gitignore") ? Optional.of(TEXT) : Optional.empty();
        };
    }

    public String escape(String s) {
        return switch (this) {
            case JAVA -> java(s);
            case XML -> xml(s);
            case JSON -> json(s);
            case YAML -> yaml(s);
            case MARKDOWN -> markdown(s);
            case PROPERTIES -> properties(s);
            case TYPESCRIPT -> typescript(s);
            case HTML -> xml(s);
            case TEXT -> text(s);
        };
    }

    /** Invisible or control characters that never reach a file as themselves (besides line breaks and tabs). */
    static boolean hidden(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE || type == Character.UNASSIGNED
                || type == Character.PRIVATE_USE || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }

    /**
     * Java: backslashes are doubled (so no {@code \\u} escape survives: Java reads those before anything else),
     * quotes and line breaks become escapes, and the slash of a comment end (or a leading slash) is an octal escape
     * ({@code *\057}), which closes no comment and still reads as '/' in a literal. Hidden characters become escapes.
     */
    private static String java(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\'' -> out.append("\\'");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '/' -> out.append(out.length() == 0 || out.charAt(out.length() - 1) == '*' ? "\\057" : "/");
                default -> {
                    if (cp < 0x20 || cp == 0x7f) {
                        out.append(String.format("\\%03o", cp));
                    } else if (hidden(cp)) {
                        out.append("\\\\u").append(String.format("%04x", cp));
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
            }
        }
        return out.toString();
    }

    /** XML (element text and attribute values): the five entities; "--" cannot end up in a comment; hidden characters dropped. */
    private static String xml(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                case '-' -> out.append(i == s.length() || out.length() > 0 && out.charAt(out.length() - 1) == '-' ? "&#45;" : "-");
                case '\n', '\r', '\t' -> out.append("&#").append(cp).append(';');
                default -> {
                    if (hidden(cp)) {
                        out.append('\uFFFD');
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
            }
        }
        return out.toString();
    }

    /** Inside a JSON string: RFC 8259 escapes, plus "<\\/" and hidden characters as \\u escapes. */
    private static String json(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            boolean afterLt = i > 0 && s.charAt(i - 1) == '<';
            i += Character.charCount(cp);
            switch (cp) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '/' -> out.append(afterLt ? "\\/" : "/");
                default -> {
                    if (cp < 0x20 || hidden(cp)) {
                        for (char c : Character.toChars(cp)) {
                            out.append(String.format("\\u%04x", (int) c));
                        }
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
            }
        }
        return out.toString();
    }

    /** Inside a double-quoted YAML scalar. */
    private static String yaml(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (cp < 0x20 || cp == 0x7f || hidden(cp)) {
                        out.append(cp > 0xffff ? String.format("\\U%08x", cp) : String.format("\\u%04x", cp));
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
            }
        }
        return out.toString();
    }

    /**
     * Markdown text: one line; the characters that start emphasis, code, links, tables or strikethrough are
     * backslash-escaped, as is a leading heading, list or quote marker; HTML becomes entities.
     */
    private static String markdown(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        int leadingDigits = 0;
        while (leadingDigits < s.length() && Character.isDigit(s.charAt(leadingDigits))) {
            leadingDigits++;
        }
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            boolean atStart = i == 0;
            boolean afterLeadingDigits = i == leadingDigits && leadingDigits > 0;
            i += Character.charCount(cp);
            if (cp == '<') {
                out.append("&lt;");
            } else if (cp == '>' && !atStart) {
                out.append("&gt;");
            } else if (cp == '&') {
                out.append("&amp;");
            } else if (cp == '\n' || cp == '\r' || cp == '\t') {
                out.append(' ');
            } else if ("\\`*_[]|~".indexOf(cp) >= 0 || atStart && "#-+=>".indexOf(cp) >= 0 || afterLeadingDigits && (cp == '.' || cp == ')')) {
                out.append('\\').appendCodePoint(cp);
            } else if (hidden(cp)) {
                out.append('\uFFFD');
            } else {
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }

    /** A .properties value: escapes for the separators, comments and line breaks; everything past ASCII as \\u escapes. */
    private static String properties(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '=', ':', '#', '!' -> out.append('\\').append(c);
                case ' ' -> out.append(i == 0 ? "\\ " : " ");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /**
     * TypeScript: the escapes of a string literal of any quote (', ", `), so a value stays one literal wherever a
     * template quotes it. Besides backslash, quotes and line terminators, the characters that could start code or markup
     * if a value were misplaced ({@code $ < > { } /}) become backslash-u escapes: in a literal they read as themselves; in a
     * comment or JSX text they open nothing.
     */
    private static String typescript(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\'' -> out.append("\\'");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '`', '$', '<', '>', '{', '}', '/', 0x2028, 0x2029 -> out.append(String.format("\\u%04x", cp));
                default -> {
                    if (cp < 0x20 || cp == 0x7f || hidden(cp)) {
                        for (char c : Character.toChars(cp)) {
                            out.append(String.format("\\u%04x", (int) c));
                        }
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
            }
        }
        return out.toString();
    }

    /** Plain text: the value stays on its line. */
    private static String text(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            out.appendCodePoint(cp == '\n' || cp == '\r' || cp == '\t' ? ' ' : hidden(cp) ? '\uFFFD' : cp);
        }
        return out.toString();
    }
}
