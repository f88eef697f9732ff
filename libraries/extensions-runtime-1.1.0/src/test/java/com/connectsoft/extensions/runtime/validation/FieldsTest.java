package com.connectsoft.extensions.runtime.validation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.extensions.runtime.call.*;
import com.connectsoft.extensions.runtime.data.*;
import com.connectsoft.extensions.runtime.events.*;
import com.connectsoft.extensions.runtime.idempotency.*;
import com.connectsoft.extensions.runtime.json.*;
import com.connectsoft.extensions.runtime.outcome.*;
import com.connectsoft.extensions.runtime.validation.*;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.re2j.Pattern;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every typed read of a request field: the value when it is valid, else exactly one error with its code, at each bound. */
class FieldsTest {
    enum Colour { RED, GREEN }

    private final List<FieldError> errors = new ArrayList<>();

    private static ObjectNode body(String json) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static ObjectNode with(String name, Object value) {
        ObjectNode b = Json.MAPPER.createObjectNode();
        b.set(name, Json.MAPPER.valueToTree(value));
        return b;
    }

    private void assertNoErrors() {
        assertEquals(List.of(), errors);
    }

    private void assertOneError(String field, String code) {
        assertEquals(1, errors.size(), () -> "errors: " + errors);
        assertEquals(field, errors.get(0).field());
        assertEquals(code, errors.get(0).code());
        assertTrue(errors.get(0).message().startsWith(field + " "), errors.get(0).message());
        errors.clear();
    }

    @Test
    void aMissingOrNullFieldIsAnErrorOnlyWhenRequired() {
        assertNull(Fields.string(body("{}"), "name", true, null, null, null, errors));
        assertOneError("name", "required");
        assertNull(Fields.string(body("{\"name\":null}"), "name", true, null, null, null, errors));
        assertOneError("name", "required");
        assertNull(Fields.string(body("{}"), "name", false, 1, 2, null, errors));
        assertNull(Fields.integer(body("{}"), "n", false, 1L, 2L, errors));
        assertNull(Fields.longValue(body("{}"), "n", false, 1L, 2L, errors));
        assertNull(Fields.decimal(body("{}"), "n", false, BigDecimal.ONE, BigDecimal.TEN, errors));
        assertNull(Fields.bool(body("{}"), "b", false, errors));
        assertNull(Fields.date(body("{}"), "d", false, errors));
        assertNull(Fields.instant(body("{}"), "t", false, errors));
        assertNull(Fields.uuid(body("{}"), "u", false, errors));
        assertNull(Fields.enumValue(body("{}"), "c", false, Colour.class, errors));
        assertNull(Fields.blob(body("{}"), "x", false, 1, 2, errors));
        assertNull(Fields.reference(body("{}"), "r", false, errors));
        assertEquals(List.of(), Fields.references(body("{}"), "rs", false, errors));
        assertNoErrors();
        for (String required : List.of("n", "b", "d", "t", "u", "c", "x", "r", "rs")) {
            ObjectNode empty = body("{}");
            switch (required) {
                case "n" -> Fields.integer(empty, "n", true, null, null, errors);
                case "b" -> Fields.bool(empty, "b", true, errors);
                case "d" -> Fields.date(empty, "d", true, errors);
                case "t" -> Fields.instant(empty, "t", true, errors);
                case "u" -> Fields.uuid(empty, "u", true, errors);
                case "c" -> Fields.enumValue(empty, "c", true, Colour.class, errors);
                case "x" -> Fields.blob(empty, "x", true, null, null, errors);
                case "r" -> Fields.reference(empty, "r", true, errors);
                default -> Fields.references(empty, "rs", true, errors);
            }
            assertOneError(required, "required");
        }
        Fields.longValue(body("{}"), "l", true, null, null, errors);
        assertOneError("l", "required");
        Fields.decimal(body("{}"), "m", true, null, null, errors);
        assertOneError("m", "required");
    }

    @Test
    void stringsAreCheckedForTypeAndLengthInCharactersAtEachBound() {
        assertEquals("abc", Fields.string(with("s", "abc"), "s", true, 3, 3, null, errors));
        assertNoErrors();
        assertEquals("ab", Fields.string(with("s", "ab"), "s", true, 3, null, null, errors));
        assertOneError("s", "minLength");
        assertEquals("abcd", Fields.string(with("s", "abcd"), "s", true, null, 3, null, errors));
        assertOneError("s", "maxLength");
        // one code point outside the BMP is one character, not two
        assertEquals("a\uD83D\uDE00", Fields.string(with("s", "a\uD83D\uDE00"), "s", true, 2, 2, null, errors));
        assertNoErrors();
        assertNull(Fields.string(with("s", 12), "s", true, null, null, null, errors));
        assertOneError("s", "type");
        assertEquals("", Fields.string(with("s", ""), "s", true, 0, 0, null, errors));
        assertNoErrors();
    }

    @Test
    void stringsMatchTheirWholePattern() {
        Pattern code = Pattern.compile("[A-Z]{3}-[0-9]{2}");
        assertEquals("ABC-12", Fields.string(with("s", "ABC-12"), "s", true, null, null, code, errors));
        assertNoErrors();
        assertEquals("xABC-12", Fields.string(with("s", "xABC-12"), "s", true, null, null, code, errors));
        assertOneError("s", "pattern");
        Fields.string(with("s", "AB"), "s", true, 3, 5, code, errors);
        assertEquals(List.of("minLength", "pattern"), errors.stream().map(FieldError::code).toList());
    }

    @Test
    void integersAreWholeNumbersWithinIntAndTheirBounds() {
        assertEquals(5, Fields.integer(with("n", 5), "n", true, 5L, 5L, errors));
        assertNoErrors();
        assertEquals(4, Fields.integer(with("n", 4), "n", true, 5L, null, errors));
        assertOneError("n", "min");
        assertEquals(6, Fields.integer(with("n", 6), "n", true, null, 5L, errors));
        assertOneError("n", "max");
        assertNull(Fields.integer(with("n", 1.5), "n", true, null, null, errors));
        assertOneError("n", "type");
        assertNull(Fields.integer(with("n", "5"), "n", true, null, null, errors));
        assertOneError("n", "type");
        assertNull(Fields.integer(with("n", 2147483648L), "n", true, null, null, errors));
        assertOneError("n", "type");
        assertEquals(Integer.MIN_VALUE, Fields.integer(with("n", Integer.MIN_VALUE), "n", true, null, null, errors));
        assertNoErrors();
        assertTrue(Fields.integer(with("n", -7), "n", true, -10L, 10L, errors) == -7);
        assertNoErrors();
    }

    @Test
    void longsAreWholeNumbersWithinLongAndTheirBounds() {
        assertEquals(10_000_000_000L, Fields.longValue(with("n", 10_000_000_000L), "n", true, 10_000_000_000L, 10_000_000_000L, errors));
        assertNoErrors();
        assertEquals(9_999_999_999L, Fields.longValue(with("n", 9_999_999_999L), "n", true, 10_000_000_000L, null, errors));
        assertOneError("n", "min");
        assertEquals(3L, Fields.longValue(with("n", 3L), "n", true, null, 2L, errors));
        assertOneError("n", "max");
        assertNull(Fields.longValue(with("n", new BigDecimal("9223372036854775808")), "n", true, null, null, errors));
        assertOneError("n", "type");
        assertNull(Fields.longValue(with("n", 2.5), "n", true, null, null, errors));
        assertOneError("n", "type");
    }

    @Test
    void decimalsAreNumbersWithinTheirBounds() {
        assertEquals(new BigDecimal("0.01"), Fields.decimal(with("m", new BigDecimal("0.01")), "m", true, new BigDecimal("0.01"),
                new BigDecimal("0.01"), errors));
        assertNoErrors();
        Fields.decimal(with("m", new BigDecimal("0.00")), "m", true, new BigDecimal("0.01"), null, errors);
        assertOneError("m", "min");
        assertTrue(errorMessageMentions(new BigDecimal("0.00"), new BigDecimal("0.01"), null, "0.01"));
        Fields.decimal(with("m", new BigDecimal("10.01")), "m", true, null, BigDecimal.TEN, errors);
        assertOneError("m", "max");
        assertEquals(0, new BigDecimal("7").compareTo(Fields.decimal(with("m", 7), "m", true, null, null, errors)));
        assertNoErrors();
        assertNull(Fields.decimal(with("m", "7"), "m", true, null, null, errors));
        assertOneError("m", "type");
    }

    private boolean errorMessageMentions(BigDecimal value, BigDecimal min, BigDecimal max, String text) {
        List<FieldError> own = new ArrayList<>();
        Fields.decimal(with("m", value), "m", true, min, max, own);
        return own.size() == 1 && own.get(0).message().contains(text);
    }

    @Test
    void booleansAreTrueOrFalseOnly() {
        assertEquals(Boolean.TRUE, Fields.bool(with("b", true), "b", true, errors));
        assertEquals(Boolean.FALSE, Fields.bool(with("b", false), "b", true, errors));
        assertNoErrors();
        assertNull(Fields.bool(with("b", "true"), "b", true, errors));
        assertOneError("b", "type");
        assertNull(Fields.bool(with("b", 1), "b", true, errors));
        assertOneError("b", "type");
    }

    @Test
    void datesAndInstantsAreIsoText() {
        assertEquals(LocalDate.of(2024, 2, 29), Fields.date(with("d", "2024-02-29"), "d", true, errors));
        assertNoErrors();
        assertNull(Fields.date(with("d", "2023-02-29"), "d", true, errors));
        assertOneError("d", "format");
        assertNull(Fields.date(with("d", 20240131), "d", true, errors));
        assertOneError("d", "type");
        assertEquals(Instant.parse("2024-01-31T09:30:00Z"), Fields.instant(with("t", "2024-01-31T09:30:00Z"), "t", true, errors));
        assertNoErrors();
        assertNull(Fields.instant(with("t", "2024-01-31 09:30"), "t", true, errors));
        assertOneError("t", "format");
        assertNull(Fields.instant(with("t", 5), "t", true, errors));
        assertOneError("t", "type");
    }

    @Test
    void uuidsAreCanonicalText() {
        UUID u = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        assertEquals(u, Fields.uuid(with("u", u.toString()), "u", true, errors));
        assertEquals(u, Fields.uuid(with("u", u.toString().toUpperCase()), "u", true, errors));
        assertNoErrors();
        // UUID.fromString accepts this short form; the service does not
        assertNull(Fields.uuid(with("u", "1-2-3-4-5"), "u", true, errors));
        assertOneError("u", "format");
        assertNull(Fields.uuid(with("u", "not-a-uuid"), "u", true, errors));
        assertOneError("u", "format");
        assertNull(Fields.uuid(with("u", 7), "u", true, errors));
        assertOneError("u", "type");
    }

    @Test
    void enumsTakeOneOfTheirExactNames() {
        assertEquals(Colour.GREEN, Fields.enumValue(with("c", "GREEN"), "c", true, Colour.class, errors));
        assertEquals(Colour.RED, Fields.enumValue(with("c", "RED"), "c", true, Colour.class, errors));
        assertNoErrors();
        assertNull(Fields.enumValue(with("c", "green"), "c", true, Colour.class, errors));
        assertEquals("enum", errors.get(0).code());
        assertTrue(errors.get(0).message().contains("[RED, GREEN]"), errors.get(0).message());
        assertOneError("c", "enum");
        assertNull(Fields.enumValue(with("c", 1), "c", true, Colour.class, errors));
        assertOneError("c", "type");
    }

    @Test
    void blobsAreBase64AndBoundedInDecodedBytes() {
        String three = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, Fields.blob(with("x", three), "x", true, 3, 3, errors));
        assertNoErrors();
        assertArrayEquals(new byte[] {1, 2, 3}, Fields.blob(with("x", three), "x", true, 4, null, errors));
        assertOneError("x", "minLength");
        assertArrayEquals(new byte[] {1, 2, 3}, Fields.blob(with("x", three), "x", true, null, 2, errors));
        assertOneError("x", "maxLength");
        assertNull(Fields.blob(with("x", "***"), "x", true, null, null, errors));
        assertOneError("x", "format");
        assertNull(Fields.blob(with("x", 3), "x", true, null, null, errors));
        assertOneError("x", "type");
    }

    @Test
    void referencesAreNonBlankIds() {
        assertEquals("c-1", Fields.reference(with("r", "c-1"), "r", true, errors));
        assertNoErrors();
        assertNull(Fields.reference(with("r", "  "), "r", false, errors));
        assertOneError("r", "required");
        assertNull(Fields.reference(with("r", 5), "r", true, errors));
        assertOneError("r", "type");
    }

    @Test
    void referenceListsHoldNonBlankIdsOnly() {
        assertEquals(List.of("a", "b"), Fields.references(with("rs", List.of("a", "b")), "rs", true, errors));
        assertNoErrors();
        assertEquals(List.of(), Fields.references(with("rs", List.of()), "rs", false, errors));
        assertNoErrors();
        assertEquals(List.of(), Fields.references(with("rs", List.of()), "rs", true, errors));
        assertOneError("rs", "required");
        assertEquals(List.of(), Fields.references(with("rs", "a"), "rs", true, errors));
        assertOneError("rs", "type");
        assertEquals(List.of(), Fields.references(body("{\"rs\":[\"a\",\" \"]}"), "rs", true, errors));
        assertOneError("rs", "type");
        assertEquals(List.of(), Fields.references(body("{\"rs\":[\"a\",3]}"), "rs", true, errors));
        assertOneError("rs", "type");
    }
}
