package com.connectsoft.factory.blueprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.blueprint.domain.BlueprintLimits;
import com.connectsoft.factory.blueprint.domain.ParseOutcome;
import com.connectsoft.factory.blueprint.domain.Problem;
import com.connectsoft.factory.platform.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The published schema states the limits BlueprintLimits enforces, and both readers enforce the counts. */
class BlueprintLimitsTest {

    private static JsonNode schema() throws Exception {
        try (InputStream in = BlueprintLimitsTest.class.getResourceAsStream("/schemas/blueprint.schema.json")) {
            return Json.mapper().readTree(in);
        }
    }

    @Test
    void theSchemaStatesTheSameLimits() throws Exception {
        JsonNode s = schema();
        JsonNode defs = s.path("$defs");
        assertEquals(BlueprintLimits.PRODUCT_NAME, s.at("/properties/product/properties/name/maxLength").asInt());
        assertEquals(BlueprintLimits.PACKAGE, s.at("/properties/product/properties/package/maxLength").asInt());
        assertEquals(BlueprintLimits.MODULES, s.at("/properties/modules/maxItems").asInt());
        assertEquals(BlueprintLimits.NAME, defs.at("/identifier/maxLength").asInt());
        assertEquals(BlueprintLimits.MODULE_NAME, defs.at("/module/properties/name/maxLength").asInt());
        assertEquals(BlueprintLimits.ENTITIES_PER_MODULE, defs.at("/module/properties/entities/maxItems").asInt());
        assertEquals(BlueprintLimits.EVENTS_PER_MODULE, defs.at("/module/properties/events/maxItems").asInt());
        assertEquals(BlueprintLimits.FIELDS_PER_ENTITY, defs.at("/entity/properties/fields/maxItems").asInt());
        assertEquals(BlueprintLimits.RELATIONSHIPS_PER_ENTITY, defs.at("/entity/properties/relationships/maxItems").asInt());
        assertEquals(BlueprintLimits.NAME, defs.at("/entity/properties/plural/maxLength").asInt());
        assertEquals(BlueprintLimits.NAME, defs.at("/event/properties/name/maxLength").asInt());
        assertEquals(BlueprintLimits.ENUM_VALUES, defs.at("/field/properties/values/maxItems").asInt());
        assertEquals(BlueprintLimits.NAME, defs.at("/field/properties/values/items/maxLength").asInt());
        assertEquals(BlueprintLimits.PATTERN, defs.at("/field/properties/pattern/maxLength").asInt());
        assertEquals(BlueprintLimits.EXAMPLE, defs.at("/field/properties/example/maxLength").asInt());
        assertEquals(BlueprintLimits.MIN_LENGTH, defs.at("/field/properties/minLength/maximum").asInt());
        assertEquals(BlueprintLimits.MAX_LENGTH, defs.at("/field/properties/maxLength/maximum").asInt());
        for (String at : List.of("/properties/product/properties/description")) {
            assertEquals(BlueprintLimits.DESCRIPTION, s.at(at + "/maxLength").asInt(), at);
        }
        for (String def : List.of("module", "entity", "field", "relationship", "event")) {
            assertEquals(BlueprintLimits.DESCRIPTION, defs.at("/" + def + "/properties/description/maxLength").asInt(), def);
        }
        String pattern = defs.at("/field/properties/pattern/description").asText();
        assertTrue(pattern.contains("RE2 syntax") && pattern.contains("backreferences") && pattern.contains("lookahead"), pattern);
        String top = s.path("description").asText();
        assertTrue(top.contains("bidirectional controls") && top.contains("anchors (&), aliases (*), merge keys (<<)"), top);
    }

    @Test
    void jdlIsHeldToTheSameCountsAsYaml() {
        StringBuilder jdl = new StringBuilder("application { config { baseName shop } entities * }\n");
        for (int i = 0; i <= BlueprintLimits.ENTITIES_PER_MODULE; i++) {
            jdl.append("entity E").append(i).append('\n');
        }
        ParseOutcome o = com.connectsoft.factory.blueprint.BlueprintConfiguration.READERS.read("shop.jdl", jdl.toString().getBytes(StandardCharsets.UTF_8));
        List<Problem> problems = assertInstanceOf(ParseOutcome.Rejected.class, o, o::toString).problems();
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).message().contains("101 entities in one module; at most 100 are allowed"), problems.get(0)::render);
        assertEquals(102, problems.get(0).line(), problems.get(0)::render);
    }
}
