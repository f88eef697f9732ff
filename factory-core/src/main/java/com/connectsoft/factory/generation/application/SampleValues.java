package com.connectsoft.factory.generation.application;

import com.connectsoft.factory.blueprint.domain.Field;
import com.connectsoft.factory.blueprint.domain.FieldType;
import com.github.curiousoddman.rgxgen.RgxGen;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Valid sample values for a field, derived only from its rules (deterministic: the same field always gives the
 * same values), as Java expressions for generated tests. Three variants; unique fields get distinct ones when the
 * rules allow it.
 */
final class SampleValues {
    private SampleValues() {
    }

    /** Java expressions of three valid values, or a reason when none can be derived. */
    record Variants(List<String> expressions, int distinct) {
    }

    static Variants of(Field f) throws NoSampleException {
        List<Object> values = values(f);
        List<String> exprs = new ArrayList<>();
        for (Object v : values) {
            exprs.add(expression(f.type(), v));
        }
        return new Variants(exprs, new LinkedHashSet<>(values).size());
    }

    private static List<Object> values(Field f) throws NoSampleException {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            out.add(value(f, i));
        }
        return out;
    }

    private static Object value(Field f, int i) throws NoSampleException {
        return switch (f.type()) {
            case STRING, TEXT -> text(f, i);
            case INTEGER, LONG -> whole(f, i);
            case DECIMAL -> decimal(f, i);
            case BOOLEAN -> i % 2 == 0;
            case DATE -> LocalDate.of(2024, 1, 15).plusDays(i).toString();
            case INSTANT -> "2024-01-15T09:30:0" + i + "Z";
            case UUID -> UUID.nameUUIDFromBytes((f.name() + i).getBytes(StandardCharsets.UTF_8)).toString();
            case ENUM -> com.connectsoft.factory.blueprint.domain.Names.constant(f.values().get(i % f.values().size()));
            case BLOB -> blob(f, i);
        };
    }

    private static String text(Field f, int i) throws NoSampleException {
        int min = f.minLength().orElse(0);
        int max = f.maxLength().orElse(Integer.MAX_VALUE);
        Optional<Pattern> pattern = f.pattern().map(Pattern::compile);
        List<String> candidates = new ArrayList<>();
        f.example().ifPresent(e -> candidates.add(i == 0 ? e : e + i));
        f.example().ifPresent(candidates::add);
        if (f.pattern().isPresent()) {
            RgxGen gen = RgxGen.parse(f.pattern().get());
            for (int seed = 0; seed < 60; seed++) {
                candidates.add(gen.generate(new Random(seed * 31L + i * 7919L)));
            }
        } else {
            String base = "sample " + f.name() + (i == 0 ? "" : " " + i);
            candidates.add(fit(base, min, max, i));
        }
        for (String c : candidates) {
            int len = c.codePointCount(0, c.length());
            if (len >= min && len <= max && pattern.map(p -> p.matcher(c).matches()).orElse(true)) {
                return c;
            }
        }
        throw new NoSampleException("cannot derive a valid value for field '" + f.name() + "' from its rules"
                + f.pattern().map(p -> " (pattern " + p + ")").orElse(""),
                "add 'example:' with a value that satisfies the field's pattern and lengths");
    }

    private static String fit(String base, int min, int max, int i) {
        StringBuilder sb = new StringBuilder(base);
        while (sb.length() < min) {
            sb.append((char) ('a' + (sb.length() + i) % 26));
        }
        String s = sb.toString();
        if (s.length() > max) {
            s = s.substring(s.length() - max);
        }
        return s;
    }

    private static Object whole(Field f, int i) {
        BigDecimal v = within(f, BigDecimal.valueOf(1 + i), i);
        return f.type() == FieldType.INTEGER ? (Object) v.intValueExact() : (Object) v.longValueExact();
    }

    private static BigDecimal decimal(Field f, int i) {
        return within(f, new BigDecimal("12.50").add(BigDecimal.valueOf(i)), i);
    }

    /** {@code preferred} moved inside the field's min/max, the i-th variant a step away from the bound it met. */
    private static BigDecimal within(Field f, BigDecimal preferred, int i) {
        BigDecimal lo = f.min().orElse(null);
        BigDecimal hi = f.max().orElse(null);
        BigDecimal v = preferred;
        if (lo != null && v.compareTo(lo) < 0) {
            v = lo.add(BigDecimal.valueOf(i));
        }
        if (hi != null && v.compareTo(hi) > 0) {
            v = hi.subtract(BigDecimal.valueOf(i));
            if (lo != null && v.compareTo(lo) < 0) {
                v = lo;
            }
        }
        return v;
    }

    private static String blob(Field f, int i) {
        int min = f.minLength().orElse(0);
        int max = f.maxLength().orElse(Integer.MAX_VALUE);
        int size = Math.max(min, Math.min(max, 4 + i));
        byte[] bytes = new byte[size];
        for (int b = 0; b < size; b++) {
            bytes[b] = (byte) (b + i);
        }
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String expression(FieldType type, Object v) {
        return switch (type) {
            case INTEGER -> String.valueOf(v);
            case LONG -> v + "L";
            case DECIMAL -> "new BigDecimal(\"" + ((BigDecimal) v).toPlainString() + "\")";
            case BOOLEAN -> String.valueOf(v);
            default -> JavaLiterals.string(String.valueOf(v));
        };
    }

    /** A value that breaks the pattern (and only needs to break the pattern), if there is one. */
    static Optional<String> notMatching(Field f) {
        Pattern p = Pattern.compile(f.pattern().orElseThrow());
        Set<String> candidates = new LinkedHashSet<>(List.of("!", "not valid!", "0", "zz", "ZZ", "-", "a b"));
        candidates.add(RgxGen.parse(f.pattern().get()).generateNotMatching(new Random(42)));
        return candidates.stream().filter(c -> !p.matcher(c).matches()).findFirst();
    }

    /** Why a field cannot get a sample value, and what to do about it. */
    static final class NoSampleException extends Exception {
        private final String hint;

        NoSampleException(String message, String hint) {
            super(message);
            this.hint = hint;
        }

        String hint() {
            return hint;
        }
    }
}
