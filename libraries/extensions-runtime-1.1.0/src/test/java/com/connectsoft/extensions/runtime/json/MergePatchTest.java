package com.connectsoft.extensions.runtime.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RFC 7396 merge patch, by the RFC's own examples; and the service's JSON mapper. */
class MergePatchTest {
    private static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text.replace('\'', '"'));
    }

    private static void check(String target, String patch, String expected) throws Exception {
        JsonNode t = json(target);
        JsonNode before = t.deepCopy();
        assertEquals(json(expected), MergePatch.apply(t, json(patch)));
        assertEquals(before, t, "the target is not changed in place");
    }

    @Test
    void theRfcExamples() throws Exception {
        check("{'a':'b'}", "{'a':'c'}", "{'a':'c'}");
        check("{'a':'b'}", "{'b':'c'}", "{'a':'b','b':'c'}");
        check("{'a':'b'}", "{'a':null}", "{}");
        check("{'a':'b','b':'c'}", "{'a':null}", "{'b':'c'}");
        check("{'a':['b']}", "{'a':'c'}", "{'a':'c'}");
        check("{'a':'c'}", "{'a':['b']}", "{'a':['b']}");
        check("{'a':{'b':'c'}}", "{'a':{'b':'d','c':null}}", "{'a':{'b':'d'}}");
        check("{'a':[{'b':'c'}]}", "{'a':[1]}", "{'a':[1]}");
        check("['a','b']", "['c','d']", "['c','d']");
        check("{'a':'b'}", "['c']", "['c']");
        check("{'a':'foo'}", "null", "null");
        check("{'a':'foo'}", "'bar'", "'bar'");
        check("{'e':null}", "{'a':1}", "{'e':null,'a':1}");
        check("[1,2]", "{'a':'b','c':null}", "{'a':'b'}");
        check("{}", "{'a':{'bb':{'ccc':null}}}", "{'a':{'bb':{}}}");
    }

    @Test
    void theMapperWritesIsoDatesAndIgnoresUnknownProperties() throws Exception {
        record Stamp(Instant at) {
        }
        assertEquals("{\"at\":\"2025-01-01T00:00:00Z\"}", Json.MAPPER.writeValueAsString(new Stamp(Instant.parse("2025-01-01T00:00:00Z"))));
        assertEquals(Instant.parse("2025-01-01T00:00:00Z"), Json.MAPPER.readValue("{\"at\":\"2025-01-01T00:00:00Z\",\"x\":1}", Stamp.class).at());
        assertFalse(Json.MAPPER.convertValue(Map.of("a", 1), JsonNode.class).isEmpty());
    }
}
