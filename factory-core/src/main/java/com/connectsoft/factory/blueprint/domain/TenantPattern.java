package com.connectsoft.factory.blueprint.domain;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * A field pattern a tenant wrote, checked to run in linear time: it is compiled by RE2/J (no backtracking, so the
 * time to match is proportional to the input), and bounded in length, repetition counts and compiled size so that
 * compiling it and matching with it stay cheap too. Patterns match the whole value ({@link #matches}).
 *
 * <p>Features that need backtracking (backreferences, lookahead and lookbehind, atomic groups, possessive
 * quantifiers) are refused with a name and a way to rewrite them; other syntax RE2 lacks is refused with RE2's own
 * words. Nothing here ever evaluates a tenant pattern with {@code java.util.regex}.
 */
public final class TenantPattern {
    /** Where the accepted syntax is described, for hints. */
    public static final String SYNTAX = "RE2 syntax (https://github.com/google/re2/wiki/Syntax)";

    private final String source;
    private final Pattern re2;

    private TenantPattern(String source, Pattern re2) {
        this.source = source;
        this.re2 = re2;
    }

    /** The pattern, or why it is refused. */
    public sealed interface Check {
        record Valid(TenantPattern pattern) implements Check {
        }

        record Invalid(String message, String hint) implements Check {
        }
    }

    public static Check check(String source) {
        if (source.isEmpty()) {
            return new Check.Invalid("pattern is empty", "remove 'pattern', or write one, e.g. '^[A-Z]{3}$'");
        }
        if (source.length() > BlueprintLimits.PATTERN) {
            return new Check.Invalid("pattern is " + source.length() + " characters long; patterns are limited to "
                    + BlueprintLimits.PATTERN, "shorten it; bound the length of the value with minLength/maxLength instead");
        }
        Shape shape = Shape.of(source);
        if (shape.refusal != null) {
            return shape.refusal;
        }
        if (shape.estimatedSize > 4L * BlueprintLimits.PATTERN_PROGRAM) {
            return tooLarge("about " + shape.estimatedSize);
        }
        Pattern compiled;
        try {
            compiled = Pattern.compile(source);
        } catch (PatternSyntaxException e) {
            return new Check.Invalid("pattern is not a valid regular expression in " + SYNTAX + ": " + e.getDescription()
                    + (e.getPattern().isEmpty() ? "" : " at `" + e.getPattern() + "`"), HINT);
        }
        if (compiled.programSize() > BlueprintLimits.PATTERN_PROGRAM) {
            return tooLarge(String.valueOf(compiled.programSize()));
        }
        return new Check.Valid(new TenantPattern(source, compiled));
    }

    private static Check.Invalid tooLarge(String size) {
        return new Check.Invalid("pattern is too large: it compiles to " + size + " steps, the limit is "
                + BlueprintLimits.PATTERN_PROGRAM + " (repetitions multiply: (a{1000}){1000} is a million)",
                "use smaller repetition counts, and bound the length of the value with minLength/maxLength instead of {m,n}");
    }

    static final String HINT = "patterns use " + SYNTAX + ": like Java's, without backreferences, lookaround, atomic groups or"
            + " possessive quantifiers; in YAML, single-quote the pattern so backslashes stay as written";

    public String source() {
        return source;
    }

    /** Whether the whole of {@code value} matches; linear in its length. */
    public boolean matches(String value) {
        return re2.matches(value);
    }

    /** The size of the compiled program: matching costs at most this many steps per character. */
    public int programSize() {
        return re2.programSize();
    }

    /**
     * A single pass over the source, before RE2 sees it: names the backtracking features RE2 refuses (so the
     * message can say how to rewrite them), checks repetition counts, and estimates the compiled size with nested
     * repetitions multiplied, so that {@code (a{1000}){1000}} is refused without being compiled.
     */
    private static final class Shape {
        private Check.Invalid refusal;
        private long estimatedSize;

        static Shape of(String p) {
            Shape s = new Shape();
            s.scan(p);
            return s;
        }

        private void refuse(String feature, String at, String hint) {
            if (refusal == null) {
                refusal = new Check.Invalid("pattern uses " + feature + " (`" + at + "`), which needs a backtracking regular"
                        + " expression engine; patterns are matched in linear time by RE2", hint);
            }
        }

        private void scan(String p) {
            Deque<long[]> groups = new ArrayDeque<>(); // per open group: {size so far}
            long[] top = {0};
            long last = 0; // size of the atom just read, 0 when a quantifier cannot apply
            int i = 0;
            int n = p.length();
            while (i < n && refusal == null) {
                char c = p.charAt(i);
                switch (c) {
                    case '\\' -> {
                        int end = escapeEnd(p, i);
                        if (end < 0) {
                            return; // RE2 reports it
                        }
                        last = p.charAt(i + 1) == 'Q' ? Math.max(1, end - i - 4) : 1;
                        top[0] = add(top[0], last);
                        i = end;
                    }
                    case '[' -> {
                        int end = classEnd(p, i);
                        if (end < 0) {
                            return;
                        }
                        last = 1;
                        top[0] = add(top[0], 1);
                        i = end;
                    }
                    case '(' -> {
                        if (p.startsWith("(?=", i) || p.startsWith("(?!", i)) {
                            refuse("lookahead", p.substring(i, Math.min(n, i + 3)),
                                    "express the condition without lookahead: split the alternatives out, or check the length with"
                                            + " minLength/maxLength");
                        } else if (p.startsWith("(?<=", i) || p.startsWith("(?<!", i)) {
                            refuse("lookbehind", p.substring(i, i + 4), "express the condition without lookbehind");
                        } else if (p.startsWith("(?>", i)) {
                            refuse("an atomic group", "(?>", "write a plain group '(?:...)': RE2 never backtracks, so it cannot blow up");
                        } else if (p.startsWith("(?(", i)) {
                            refuse("a conditional", "(?(", "write the alternatives out with '|'");
                        } else if (p.startsWith("(?R)", i) || p.startsWith("(?&", i) || p.startsWith("(?P>", i)
                                || (i + 2 < n && p.charAt(i + 1) == '?' && isDigit(p.charAt(i + 2)))) {
                            refuse("recursion", p.substring(i, Math.min(n, i + 3)), "patterns cannot recurse; describe a fixed depth");
                        }
                        groups.push(top);
                        top = new long[] {0};
                        last = 0;
                        i++;
                        if (i < n && p.charAt(i) == '?') {
                            int close = groupHeaderEnd(p, i);
                            if (close < 0) {
                                return;
                            }
                            if (p.charAt(close - 1) == ')') { // (?i) sets flags, no group
                                top = groups.pop();
                            }
                            i = close;
                        }
                    }
                    case ')' -> {
                        if (groups.isEmpty()) {
                            return;
                        }
                        last = Math.max(1, top[0]);
                        top = groups.pop();
                        top[0] = add(top[0], last);
                        i++;
                    }
                    case '*', '+', '?' -> {
                        i = quantified(p, i + 1, top, last, 1, false);
                        last = 0;
                    }
                    case '{' -> {
                        int[] repeat = repeat(p, i);
                        if (repeat == null) {
                            last = 1;
                            top[0] = add(top[0], 1);
                            i++;
                        } else {
                            int count = repeat[1] >= 0 ? Math.max(repeat[0], repeat[1]) : repeat[0] + 1;
                            if (repeat[0] > BlueprintLimits.PATTERN_REPEAT || repeat[1] > BlueprintLimits.PATTERN_REPEAT) {
                                refusal = new Check.Invalid("pattern repeats " + p.substring(i, repeat[2])
                                        + ", above the largest count of " + BlueprintLimits.PATTERN_REPEAT,
                                        "use a smaller count, and bound the length of the value with minLength/maxLength");
                                return;
                            }
                            i = quantified(p, repeat[2], top, last, Math.max(1, count), true);
                            last = 0;
                        }
                    }
                    case '|' -> {
                        last = 0;
                        i++;
                    }
                    default -> {
                        last = 1;
                        top[0] = add(top[0], 1);
                        i += Character.charCount(p.codePointAt(i));
                    }
                }
            }
            long total = top[0];
            while (!groups.isEmpty()) {
                total = add(groups.pop()[0], total);
            }
            estimatedSize = total;
        }

        /** Applies a quantifier to the last atom; returns where the pattern goes on. */
        private int quantified(String p, int after, long[] top, long last, int copies, boolean counted) {
            // the atom was already added once; a repeated one is {@code copies} copies plus a split per copy
            top[0] = add(top[0], mul(last, copies - 1L) + copies);
            int i = after;
            if (i < p.length() && p.charAt(i) == '?') {
                i++; // lazy: same size
            }
            if (i < p.length() && p.charAt(i) == '+') {
                refuse("a possessive quantifier", p.substring(Math.max(0, after - 1), i + 1),
                        "drop the last '+' (e.g. 'a*+' becomes 'a*'): RE2 never backtracks, so it cannot blow up");
            }
            return i;
        }

        /** {min, max or -1 when open, end index} of a counted repetition at i, or null when '{' is a literal there. */
        private static int[] repeat(String p, int i) {
            int j = i + 1;
            int min = 0;
            int digits = 0;
            while (j < p.length() && isDigit(p.charAt(j))) {
                min = (int) Math.min(Integer.MAX_VALUE, min * 10L + (p.charAt(j) - '0'));
                j++;
                digits++;
            }
            if (digits == 0 || j >= p.length()) {
                return null;
            }
            if (p.charAt(j) == '}') {
                return new int[] {min, min, j + 1};
            }
            if (p.charAt(j) != ',') {
                return null;
            }
            j++;
            int max = 0;
            digits = 0;
            while (j < p.length() && isDigit(p.charAt(j))) {
                max = (int) Math.min(Integer.MAX_VALUE, max * 10L + (p.charAt(j) - '0'));
                j++;
                digits++;
            }
            if (j >= p.length() || p.charAt(j) != '}') {
                return null;
            }
            return new int[] {min, digits == 0 ? -1 : max, j + 1};
        }

        /** The index after the escape at i, or -1 when the pattern ends inside it. Refuses backreferences. */
        private int escapeEnd(String p, int i) {
            if (i + 1 >= p.length()) {
                return -1;
            }
            char e = p.charAt(i + 1);
            if (e >= '1' && e <= '9') {
                refuse("a backreference", p.substring(i, i + 2),
                        "repeat the group's pattern instead of referring back to it (RE2 cannot require two parts to be equal)");
                return -1;
            }
            if (e == 'k' && i + 2 < p.length() && "<'{".indexOf(p.charAt(i + 2)) >= 0) {
                refuse("a named backreference", p.substring(i, i + 3),
                        "repeat the group's pattern instead of referring back to it (RE2 cannot require two parts to be equal)");
                return -1;
            }
            if (e == 'Q') {
                int end = p.indexOf("\\E", i + 2);
                return end < 0 ? p.length() : end + 2;
            }
            if ((e == 'p' || e == 'P' || e == 'x') && i + 2 < p.length() && p.charAt(i + 2) == '{') {
                int end = p.indexOf('}', i + 3);
                return end < 0 ? -1 : end + 1;
            }
            if (e == 'p' || e == 'P') {
                return Math.min(p.length(), i + 3);
            }
            return i + 1 + Character.charCount(p.codePointAt(i + 1));
        }

        /** The index after the character class that starts at i, or -1 when it is not closed. */
        private static int classEnd(String p, int i) {
            int j = i + 1;
            if (j < p.length() && p.charAt(j) == '^') {
                j++;
            }
            if (j < p.length() && p.charAt(j) == ']') {
                j++; // a leading ']' is a literal
            }
            while (j < p.length()) {
                char c = p.charAt(j);
                if (c == '\\') {
                    j += 2;
                } else if (c == '[' && j + 1 < p.length() && p.charAt(j + 1) == ':') {
                    int end = p.indexOf(":]", j + 2);
                    j = end < 0 ? j + 1 : end + 2;
                } else if (c == ']') {
                    return j + 1;
                } else {
                    j++;
                }
            }
            return -1;
        }

        /** For "(?" at i - 1 .. : the index after the header ("(?i)" ends after ')', "(?i:" and "(?P<name>" after ':' or '>'). */
        private static int groupHeaderEnd(String p, int i) {
            for (int j = i + 1; j < p.length(); j++) {
                char c = p.charAt(j);
                if (c == ')' || c == ':' || c == '>') {
                    return j + 1;
                }
            }
            return -1;
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private static long add(long a, long b) {
            long s = a + b;
            return s < 0 ? Long.MAX_VALUE / 4 : Math.min(s, Long.MAX_VALUE / 4);
        }

        private static long mul(long a, long b) {
            if (a == 0 || b == 0) {
                return 0;
            }
            return a > (Long.MAX_VALUE / 4) / b ? Long.MAX_VALUE / 4 : a * b;
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "TenantPattern[%s]", source);
    }
}
