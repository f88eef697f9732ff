package com.connectsoft.extensions.runtime.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import com.google.re2j.Pattern;

/** Typed, validated reads of request fields. Each read adds a {@link FieldError} for what is wrong and returns null. */
public final class Fields {
    private Fields() {
    }

    private static JsonNode present(ObjectNode body, String name, boolean required, List<FieldError> errors) {
        JsonNode n = body.get(name);
        if (n == null || n.isNull()) {
            if (required) {
                errors.add(new FieldError(name, "required", name + " is required"));
            }
            return null;
        }
        return n;
    }

    private static String text(ObjectNode body, String name, boolean required, String expected, List<FieldError> errors) {
        JsonNode n = present(body, name, required, errors);
        if (n == null) {
            return null;
        }
        if (!n.isTextual()) {
            errors.add(new FieldError(name, "type", name + " must be " + expected));
            return null;
        }
        return n.textValue();
    }

    public static String string(ObjectNode body, String name, boolean required, Integer minLength, Integer maxLength,
                                Pattern pattern, List<FieldError> errors) {
        String v = text(body, name, required, "a string", errors);
        if (v == null) {
            return null;
        }
        int length = v.codePointCount(0, v.length());
        if (minLength != null && length < minLength) {
            errors.add(new FieldError(name, "minLength", name + " must have at least " + minLength + " characters"));
        }
        if (maxLength != null && length > maxLength) {
            errors.add(new FieldError(name, "maxLength", name + " must have at most " + maxLength + " characters"));
        }
        if (pattern != null && !pattern.matcher(v).matches()) {
            errors.add(new FieldError(name, "pattern", name + " must match " + pattern.pattern()));
        }
        return v;
    }

    public static Integer integer(ObjectNode body, String name, boolean required, Long min, Long max, List<FieldError> errors) {
        JsonNode n = present(body, name, required, errors);
        if (n == null) {
            return null;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            errors.add(new FieldError(name, "type", name + " must be a whole number between -2147483648 and 2147483647"));
            return null;
        }
        bounds(name, BigDecimal.valueOf(n.intValue()), min == null ? null : BigDecimal.valueOf(min),
                max == null ? null : BigDecimal.valueOf(max), errors);
        return n.intValue();
    }

    public static Long longValue(ObjectNode body, String name, boolean required, Long min, Long max, List<FieldError> errors) {
        JsonNode n = present(body, name, required, errors);
        if (n == null) {
            return null;
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            errors.add(new FieldError(name, "type", name + " must be a whole number"));
            return null;
        }
        bounds(name, BigDecimal.valueOf(n.longValue()), min == null ? null : BigDecimal.valueOf(min),
                max == null ? null : BigDecimal.valueOf(max), errors);
        return n.longValue();
    }

    public static BigDecimal decimal(ObjectNode body, String name, boolean required, BigDecimal min, BigDecimal max,
                                     List<FieldError> errors) {
        JsonNode n = present(body, name, required, errors);
        if (n == null) {
            return null;
        }
        if (!n.isNumber()) {
            errors.add(new FieldError(name, "type", name + " must be a number"));
            return null;
        }
        BigDecimal v = n.decimalValue();
        bounds(name, v, min, max, errors);
        return v;
    }

    private static void bounds(String name, BigDecimal v, BigDecimal min, BigDecimal max, List<FieldError> errors) {
        if (min != null && v.compareTo(min) < 0) {
            errors.add(new FieldError(name, "min", name + " must be at least " + min.toPlainString()));
        }
        if (max != null && v.compareTo(max) > 0) {
            errors.add(new FieldError(name, "max", name + " must be at most " + max.toPlainString()));
        }
    }

    public static Boolean bool(ObjectNode body, String name, boolean required, List<FieldError> errors) {
        JsonNode n = present(body, name, required, errors);
        if (n == null) {
            return null;
        }
        if (!n.isBoolean()) {
            errors.add(new FieldError(name, "type", name + " must be true or false"));
            return null;
        }
        return n.booleanValue();
    }

    public static LocalDate date(ObjectNode body, String name, boolean required, List<FieldError> errors) {
        String v = text(body, name, required, "a date (YYYY-MM-DD)", errors);
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "format", name + " must be a date like 2024-01-31"));
            return null;
        }
    }

    public static Instant instant(ObjectNode body, String name, boolean required, List<FieldError> errors) {
        String v = text(body, name, required, "a UTC timestamp", errors);
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "format", name + " must be a UTC timestamp like 2024-01-31T09:30:00Z"));
            return null;
        }
    }

    public static UUID uuid(ObjectNode body, String name, boolean required, List<FieldError> errors) {
        String v = text(body, name, required, "a UUID", errors);
        if (v == null) {
            return null;
        }
        try {
            UUID u = UUID.fromString(v);
            if (!u.toString().equalsIgnoreCase(v)) {
                throw new IllegalArgumentException(v);
            }
            return u;
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(name, "format", name + " must be a UUID like 123e4567-e89b-12d3-a456-426614174000"));
            return null;
        }
    }

    public static <E extends Enum<E>> E enumValue(ObjectNode body, String name, boolean required, Class<E> type,
                                                  List<FieldError> errors) {
        String v = text(body, name, required, "one of " + Arrays.toString(type.getEnumConstants()), errors);
        if (v == null) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(v)) {
                return e;
            }
        }
        errors.add(new FieldError(name, "enum", name + " must be one of " + Arrays.toString(type.getEnumConstants())));
        return null;
    }

    /** Binary content sent as base64; the lengths bound the decoded size in bytes. */
    public static byte[] blob(ObjectNode body, String name, boolean required, Integer minLength, Integer maxLength,
                              List<FieldError> errors) {
        String v = text(body, name, required, "base64 text", errors);
        if (v == null) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(v);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(name, "format", name + " must be base64"));
            return null;
        }
        if (minLength != null && bytes.length < minLength) {
            errors.add(new FieldError(name, "minLength", name + " must have at least " + minLength + " bytes"));
        }
        if (maxLength != null && bytes.length > maxLength) {
            errors.add(new FieldError(name, "maxLength", name + " must have at most " + maxLength + " bytes"));
        }
        return bytes;
    }

    /** The id of a referenced item. */
    public static String reference(ObjectNode body, String name, boolean required, List<FieldError> errors) {
        String v = text(body, name, required, "an id", errors);
        if (v != null && v.isBlank()) {
            errors.add(new FieldError(name, "required", name + " must not be blank"));
            return null;
        }
        return v;
    }

    /** The ids of referenced items. */
    public static List<String> references(ObjectNode body, String name, boolean required, List<FieldError> errors) {
        JsonNode n = present(body, name, required, errors);
        if (n == null) {
            return List.of();
        }
        if (!n.isArray()) {
            errors.add(new FieldError(name, "type", name + " must be a list of ids"));
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode item : n) {
            if (!item.isTextual() || item.textValue().isBlank()) {
                errors.add(new FieldError(name, "type", name + " must contain ids only"));
                return List.of();
            }
            ids.add(item.textValue());
        }
        if (required && ids.isEmpty()) {
            errors.add(new FieldError(name, "required", name + " needs at least one id"));
        }
        return List.copyOf(ids);
    }
}
