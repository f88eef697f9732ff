package com.connectsoft.factory.generation.application;

import com.connectsoft.factory.blueprint.domain.Field;
import com.connectsoft.factory.blueprint.domain.FieldType;
import com.connectsoft.factory.blueprint.domain.SampleText;
import com.connectsoft.factory.blueprint.domain.TenantPattern;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Valid sample values for a field, derived only from its rules (deterministic: the same field always gives the
 * same values), as Java expressions for generated tests. Three variants; unique fields get distinct ones when the
 * rules allow it. Text values come from {@link SampleText} (bounded work, checked with RE2): the same derivation
 * blueprint validation ran, so an accepted blueprint always gets its samples here, in bounded time.
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

    /** Three valid values as plain text (numbers in plain notation, enum values as constants), for any language. */
    static List<String> plain(Field f) throws NoSampleException {
        return values(f).stream().map(v -> v instanceof BigDecimal d ? d.toPlainString() : String.valueOf(v)).toList();
    }

    private static List<Object> values(Field f) throws NoSampleException {
        List<Object> out = new ArrayList<>();
        if (f.type().isTextual()) {
            SampleText.Outcome text = SampleText.of(f, SampleText.Budget.of(SampleText.Budget.PER_BLUEPRINT));
            if (text instanceof SampleText.Outcome.None none) {
                throw new NoSampleException(none.message(), none.hint());
            }
            out.addAll(((SampleText.Outcome.Samples) text).values());
            return out;
        }
        for (int i = 0; i < SampleText.VARIANTS; i++) {
            out.add(value(f, i));
        }
        return out;
    }

    private static Object value(Field f, int i) {
        return switch (f.type()) {
            case STRING, TEXT -> throw new IllegalStateException("text samples come from SampleText");
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

    /**
     * A value that breaks the pattern (and only needs to break the pattern), if there is one: a few fixed strings,
     * checked with RE2. (rgxgen's generateNotMatching is not used: it never returns on patterns such as [^a]|[^b].)
     */
    static Optional<String> notMatching(Field f) {
        if (!(TenantPattern.check(f.pattern().orElseThrow()) instanceof TenantPattern.Check.Valid valid)) {
            return Optional.empty();
        }
        return NOT_MATCHING.stream().filter(c -> !valid.pattern().matches(c)).findFirst();
    }

    private static final List<String> NOT_MATCHING = List.of("!", "not valid!", "0", "zz", "ZZ", "-", "a b", "", " ", "!!!!!!!!", "0000000000");

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
