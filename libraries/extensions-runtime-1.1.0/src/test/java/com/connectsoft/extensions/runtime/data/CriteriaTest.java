package com.connectsoft.extensions.runtime.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.extensions.runtime.json.Json;
import com.connectsoft.extensions.runtime.outcome.Outcome;
import com.connectsoft.extensions.runtime.validation.FieldError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** JHipster-style criteria: parsed from query parameters against indexed fields, typed, bounded, and applied in memory. */
class CriteriaTest {
    static final List<Criteria.Field> FIELDS = List.of(
            new Criteria.Field("name", Criteria.Kind.STRING, List.of()),
            new Criteria.Field("ownerId", Criteria.Kind.ID, List.of()),
            new Criteria.Field("stock", Criteria.Kind.INTEGER, List.of()),
            new Criteria.Field("price", Criteria.Kind.DECIMAL, List.of()),
            new Criteria.Field("active", Criteria.Kind.BOOLEAN, List.of()),
            new Criteria.Field("releasedOn", Criteria.Kind.DATE, List.of()),
            new Criteria.Field("seenAt", Criteria.Kind.INSTANT, List.of()),
            new Criteria.Field("ref", Criteria.Kind.UUID, List.of()),
            new Criteria.Field("state", Criteria.Kind.ENUM, List.of("DRAFT", "LISTED")));
    static final List<String> SORTABLE = List.of("id", "createdAt", "updatedAt", "name", "stock", "price");

    private static Map<String, List<String>> params(String... pairs) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.computeIfAbsent(pairs[i], k -> new ArrayList<>()).add(pairs[i + 1]);
        }
        return m;
    }

    private static Criteria ok(String... pairs) {
        Outcome<Criteria> o = Criteria.parse(params(pairs), FIELDS, SORTABLE);
        return assertInstanceOf(Outcome.Ok.class, o, () -> o.toString()).value() instanceof Criteria c ? c : null;
    }

    private static FieldError refused(String... pairs) {
        Outcome<Criteria> o = Criteria.parse(params(pairs), FIELDS, SORTABLE);
        Outcome.Invalid<?> invalid = assertInstanceOf(Outcome.Invalid.class, o);
        assertEquals(1, invalid.errors().size(), invalid.errors().toString());
        return invalid.errors().get(0);
    }

    private static ObjectNode item(String id, String name, Integer stock, String price, Boolean active, String releasedOn, String seenAt) {
        ObjectNode n = Json.MAPPER.createObjectNode().put("id", id);
        if (name != null) n.put("name", name);
        if (stock != null) n.put("stock", stock);
        if (price != null) n.put("price", new BigDecimal(price));
        if (active != null) n.put("active", active);
        if (releasedOn != null) n.put("releasedOn", releasedOn);
        if (seenAt != null) n.put("seenAt", seenAt);
        return n;
    }

    @Test
    void parsesEachOperatorWithTypedValues() {
        Criteria c = ok("name.contains", "Ab", "stock.greaterThan", "3", "price.lessThanOrEqual", "9.50", "active.equals", "true",
                "releasedOn.greaterThanOrEqual", "2024-01-31", "seenAt.lessThan", "2024-01-31T09:30:00Z",
                "ref.equals", "123e4567-e89b-12d3-a456-426614174000", "state.in", "DRAFT,LISTED", "ownerId.specified", "false");
        assertEquals(9, c.filters().size());
        assertEquals(Criteria.Op.CONTAINS, c.filters().get(0).op());
        assertEquals(List.of("Ab"), c.filters().get(0).values());
        assertEquals(List.of(new BigDecimal("3")), c.filters().get(1).values());
        assertEquals(List.of(new BigDecimal("9.50")), c.filters().get(2).values());
        assertEquals(List.of(Boolean.TRUE), c.filters().get(3).values());
        assertEquals(List.of(LocalDate.parse("2024-01-31")), c.filters().get(4).values());
        assertEquals(List.of(Instant.parse("2024-01-31T09:30:00Z")), c.filters().get(5).values());
        assertEquals(List.of("123e4567-e89b-12d3-a456-426614174000"), c.filters().get(6).values());
        assertEquals(List.of("DRAFT", "LISTED"), c.filters().get(7).values());
        assertEquals(List.of(Boolean.FALSE), c.filters().get(8).values());
        assertFalse(c.isEmpty());
        assertTrue(Criteria.NONE.isEmpty());
        assertTrue(ok("limit", "5", "continuationToken", "x", "code", "1").isEmpty(), "list parameters are not criteria");
    }

    @Test
    void refusalsNameTheParameterAndWhatIsAccepted() {
        FieldError unknown = refused("colour.equals", "red");
        assertEquals("colour.equals", unknown.field());
        assertEquals("unknownField", unknown.code());
        assertTrue(unknown.message().contains("[name, ownerId"), unknown.message());
        FieldError op = refused("stock.contains", "1");
        assertEquals("operator", op.code());
        assertTrue(op.message().contains("greaterThan"), op.message());
        assertEquals("operator", refused("name.greaterThan", "a").code());
        assertEquals("operator", refused("active.lessThan", "true").code());
        assertEquals("operator", refused("name", "x").code());
        FieldError format = refused("stock.equals", "1.5");
        assertEquals("format", format.code());
        assertTrue(format.message().contains("a whole number"), format.message());
        assertTrue(refused("price.equals", "x").message().contains("a number"));
        assertTrue(refused("active.equals", "yes").message().contains("true or false"));
        assertTrue(refused("releasedOn.equals", "31.01.2024").message().contains("a date like"));
        assertTrue(refused("seenAt.equals", "2024-01-31").message().contains("UTC timestamp"));
        assertTrue(refused("ref.equals", "not-a-uuid").message().contains("a UUID"));
        assertTrue(refused("ref.equals", "123E4567-E89B-12D3-A456-42661417400").message().contains("a UUID"));
        assertTrue(refused("state.equals", "GONE").message().contains("[DRAFT, LISTED]"));
        assertTrue(refused("ownerId.specified", "maybe").message().contains("true or false"));
        assertEquals("format", refused("stock.equals", "9223372036854775808").code());
        assertEquals("repeated", refused("name.equals", "a", "name.equals", "b").code());
        assertEquals("maxItems", refused("name.in", "a,".repeat(20) + "b").code());
        assertEquals("maxLength", refused("name.equals", "x".repeat(257)).code());
        assertEquals("format", refused("name.in", "x".repeat(257) + ",y").code());
        String longName = "n".repeat(60);
        assertTrue(refused(longName + ".equals", "1").message().contains("n".repeat(40) + "..."));
    }

    @Test
    void filtersAreBounded() {
        Map<String, List<String>> many = new LinkedHashMap<>();
        for (String f : List.of("name", "ownerId", "stock", "price", "active", "releasedOn", "seenAt", "ref", "state")) {
            many.put(f + ".specified", List.of("true"));
        }
        many.put("name.equals", List.of("a"));
        assertInstanceOf(Outcome.Ok.class, Criteria.parse(many, FIELDS, SORTABLE));
        many.put("stock.equals", List.of("1"));
        Outcome.Invalid<?> tooMany = assertInstanceOf(Outcome.Invalid.class, Criteria.parse(many, FIELDS, SORTABLE));
        assertEquals("tooMany", tooMany.errors().get(0).code());
        assertEquals(10, Criteria.MAX_FILTERS);
        assertEquals(20, Criteria.MAX_IN_VALUES);
        assertEquals(256, Criteria.MAX_VALUE_LENGTH);
    }

    @Test
    void sortKeysAreCheckedAndASecondKeyOnlyBreaksTies() {
        Criteria c = ok("sort", "stock,desc", "sort", "id");
        assertEquals(2, c.sorts().size());
        assertEquals("stock", c.sorts().get(0).field().name());
        assertTrue(c.sorts().get(0).descending());
        assertEquals(Criteria.Kind.ID, c.sorts().get(1).field().kind());
        assertFalse(c.sorts().get(1).descending());
        assertEquals(Criteria.Kind.INSTANT, ok("sort", "createdAt,ASC").sorts().get(0).field().kind());
        assertEquals("unknownField", refused("sort", "colour").code());
        assertEquals("unknownField", refused("sort", "active").code(), "an indexed field that is not sortable");
        assertEquals("format", refused("sort", "name,up").code());
        assertEquals("format", refused("sort", "name,asc,x").code());
        assertEquals("secondKey", refused("sort", "name", "sort", "price").code());
        assertEquals("repeated", refused("sort", "id", "sort", "id").code());
        assertEquals("tooMany", refused("sort", "id", "sort", "name", "sort", "createdAt").code());
    }

    @Test
    void filtersMatchStoredItemsByKind() {
        ObjectNode a = item("a", "Apple Pie", 5, "2.50", true, "2024-01-31", "2024-01-31T09:30:00Z");
        ObjectNode b = item("b", "banana", 10, "10", false, "2024-02-01", "2024-02-01T00:00:00Z");
        ObjectNode none = item("c", null, null, null, null, null, null);
        Criteria contains = ok("name.contains", "PIE");
        assertTrue(contains.matches(a));
        assertFalse(contains.matches(b));
        assertFalse(contains.matches(none));
        Criteria stock = ok("stock.greaterThan", "5");
        assertFalse(stock.matches(a));
        assertTrue(stock.matches(b));
        assertTrue(ok("stock.greaterThanOrEqual", "5").matches(a));
        assertFalse(ok("stock.lessThan", "5").matches(a));
        assertTrue(ok("stock.lessThanOrEqual", "5").matches(a));
        assertFalse(ok("stock.lessThanOrEqual", "4").matches(a));
        assertTrue(ok("price.equals", "2.5").matches(a), "numbers compare by value, not scale");
        assertTrue(ok("price.in", "1,10.00").matches(b));
        assertFalse(ok("price.in", "1,11").matches(b));
        assertTrue(ok("active.equals", "false").matches(b));
        assertTrue(ok("releasedOn.lessThan", "2024-02-01").matches(a));
        assertFalse(ok("releasedOn.lessThan", "2024-02-01").matches(b));
        assertTrue(ok("seenAt.greaterThan", "2024-01-31T09:29:59Z").matches(a));
        assertTrue(ok("name.specified", "false").matches(none));
        assertFalse(ok("name.specified", "false").matches(a));
        assertTrue(ok("name.specified", "true").matches(a));
        assertTrue(ok("name.equals", "banana", "stock.equals", "10").matches(b));
        assertFalse(ok("name.equals", "banana", "stock.equals", "11").matches(b));
        ObjectNode nulls = Json.MAPPER.createObjectNode().put("id", "d").putNull("name");
        assertTrue(ok("name.specified", "false").matches(nulls));
    }

    @Test
    void orderSortsByKeysThenIdWithNullsFirstWhenAscending() {
        List<JsonNode> items = new ArrayList<>(List.of(item("b", "x", 2, null, null, null, null), item("a", "y", 2, null, null, null, null),
                item("c", "z", null, null, null, null, null), item("d", "w", 1, null, null, null, null)));
        items.sort(ok("sort", "stock,asc").order());
        assertEquals(List.of("c", "d", "a", "b"), items.stream().map(n -> n.get("id").asText()).toList());
        items.sort(ok("sort", "stock,desc").order());
        assertEquals(List.of("a", "b", "d", "c"), items.stream().map(n -> n.get("id").asText()).toList());
        items.sort(ok("sort", "stock,desc", "sort", "id,desc").order());
        assertEquals(List.of("b", "a", "d", "c"), items.stream().map(n -> n.get("id").asText()).toList());
        items.sort(Criteria.NONE.order());
        assertEquals(List.of("a", "b", "c", "d"), items.stream().map(n -> n.get("id").asText()).toList());
    }

    @Test
    void comparableReadsEachKind() {
        assertEquals(null, Criteria.comparable(null, Criteria.Kind.STRING));
        assertEquals(null, Criteria.comparable(Json.MAPPER.nullNode(), Criteria.Kind.STRING));
        assertEquals(null, Criteria.comparable(Json.MAPPER.missingNode(), Criteria.Kind.STRING));
        assertEquals(new BigDecimal("2"), Criteria.comparable(Json.MAPPER.getNodeFactory().numberNode(2), Criteria.Kind.INTEGER));
        assertEquals(Boolean.TRUE, Criteria.comparable(Json.MAPPER.getNodeFactory().booleanNode(true), Criteria.Kind.BOOLEAN));
        assertEquals(LocalDate.parse("2024-01-02"), Criteria.comparable(Json.MAPPER.getNodeFactory().textNode("2024-01-02"), Criteria.Kind.DATE));
        assertEquals(Instant.parse("2024-01-02T00:00:00Z"),
                Criteria.comparable(Json.MAPPER.getNodeFactory().textNode("2024-01-02T00:00:00Z"), Criteria.Kind.INSTANT));
        assertEquals("DRAFT", Criteria.comparable(Json.MAPPER.getNodeFactory().textNode("DRAFT"), Criteria.Kind.ENUM));
    }

    @Test
    void fieldNamesAreCheckedAndOperatorsFollowTheKind() {
        assertThrows(IllegalArgumentException.class, () -> new Criteria.Field("1bad", Criteria.Kind.STRING, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Criteria.Field("c.id", Criteria.Kind.STRING, List.of()));
        Criteria.Field text = FIELDS.get(0);
        assertTrue(text.allows(Criteria.Op.CONTAINS));
        assertFalse(text.allows(Criteria.Op.GREATER_THAN));
        for (Criteria.Kind k : List.of(Criteria.Kind.INTEGER, Criteria.Kind.DECIMAL, Criteria.Kind.DATE, Criteria.Kind.INSTANT)) {
            Criteria.Field f = new Criteria.Field("f", k, List.of());
            assertTrue(f.allows(Criteria.Op.LESS_THAN_OR_EQUAL), k.name());
            assertFalse(f.allows(Criteria.Op.CONTAINS), k.name());
        }
        for (Criteria.Kind k : List.of(Criteria.Kind.ID, Criteria.Kind.BOOLEAN, Criteria.Kind.UUID, Criteria.Kind.ENUM)) {
            Criteria.Field f = new Criteria.Field("f", k, List.of());
            assertFalse(f.allows(Criteria.Op.GREATER_THAN), k.name());
            assertFalse(f.allows(Criteria.Op.CONTAINS), k.name());
            assertTrue(f.allows(Criteria.Op.EQUALS) && f.allows(Criteria.Op.IN) && f.allows(Criteria.Op.SPECIFIED), k.name());
        }
        assertTrue(Criteria.Op.GREATER_THAN.ordering());
        assertTrue(Criteria.Op.LESS_THAN_OR_EQUAL.ordering());
        assertFalse(Criteria.Op.EQUALS.ordering());
        assertFalse(Criteria.Op.SPECIFIED.ordering());
        assertEquals("greaterThanOrEqual", Criteria.Op.GREATER_THAN_OR_EQUAL.parameter());
    }

    @Test
    void queryParametersAreReadFromTheRawQueryString() {
        Map<String, List<String>> p = assertInstanceOf(Outcome.Ok.class, Criteria.parameters("sort=name%2Casc&sort=id&name.contains=a+b&flag&&x="))
                .value() instanceof Map<?, ?> m ? cast(m) : null;
        assertEquals(List.of("name,asc", "id"), p.get("sort"));
        assertEquals(List.of("a b"), p.get("name.contains"));
        assertEquals(List.of(""), p.get("flag"));
        assertEquals(List.of(""), p.get("x"));
        assertEquals(4, p.size());
        assertEquals(Map.of(), ((Outcome.Ok<?>) Criteria.parameters(null)).value());
        assertEquals(Map.of(), ((Outcome.Ok<?>) Criteria.parameters("")).value());
        Outcome.Invalid<?> malformed = assertInstanceOf(Outcome.Invalid.class, Criteria.parameters("a=%zz"));
        assertEquals("format", malformed.errors().get(0).code());
        assertInstanceOf(Outcome.Ok.class, Criteria.parameters("a=1&".repeat(39) + "b=1"));
        Outcome.Invalid<?> tooMany = assertInstanceOf(Outcome.Invalid.class, Criteria.parameters("a=1&".repeat(40) + "b=1"));
        assertEquals("tooMany", tooMany.errors().get(0).code());
        assertEquals("query", tooMany.errors().get(0).field());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> cast(Map<?, ?> m) {
        return (Map<String, List<String>>) m;
    }
}
