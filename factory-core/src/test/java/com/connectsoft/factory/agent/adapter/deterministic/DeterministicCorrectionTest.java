package com.connectsoft.factory.agent.adapter.deterministic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.agent.application.BlueprintDraft;
import com.connectsoft.factory.blueprint.BlueprintConfiguration;
import com.connectsoft.factory.blueprint.domain.ParseOutcome;
import com.connectsoft.factory.platform.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The deterministic domain step's correction round: located problems from the blueprint reader remove or rename what they point at. */
class DeterministicCorrectionTest {
    static ParseOutcome read(String yaml) {
        return BlueprintConfiguration.READERS.read(BlueprintDraft.FILE, yaml.getBytes(StandardCharsets.UTF_8));
    }

    static List<String> problems(ObjectNode bp) {
        String yaml = BlueprintDraft.yaml(bp, "test");
        ParseOutcome o = read(yaml);
        return o instanceof ParseOutcome.Rejected r ? BlueprintDraft.locate(yaml, r.problems()) : List.of();
    }

    @Test
    void locatedProblemsAreRemovedUntilTheBlueprintIsAccepted() {
        ObjectNode bp = (ObjectNode) Json.read("""
                {"blueprint": 1, "product": {"name": "Shop", "package": "com.example.shop"},
                 "modules": [{"name": "sales", "entities": [
                   {"name": "Customer", "fields": [{"name": "fullName", "type": "string", "maxLength": 120}]},
                   {"name": "Order", "fields": [{"name": "amount", "type": "decimal", "min": 0},
                                                {"name": "total", "type": "decimal", "min": 10, "max": 1}],
                    "relationships": [{"name": "buyer", "kind": "many-to-one", "target": "Buyer"},
                                      {"name": "customer", "kind": "many-to-one", "target": "Customer"}]}],
                  "events": [{"name": "OrderPlaced", "entity": "Order", "on": "created"},
                             {"name": "GhostSeen", "entity": "Ghost", "on": "created"}]}]}""");
        List<String> first = problems(bp);
        assertTrue(first.stream().anyMatch(p -> p.startsWith("at modules[0].entities[1].relationships[0]")), first.toString());
        assertTrue(first.stream().anyMatch(p -> p.startsWith("at modules[0].events[1]")), first.toString());
        ObjectNode corrected = bp.deepCopy();
        for (int round = 0; round < 3 && !problems(corrected).isEmpty(); round++) {
            corrected = DeterministicSkills.correct(corrected, problems(corrected));
        }
        assertEquals(List.of(), problems(corrected));
        ParseOutcome.Accepted ok = assertInstanceOf(ParseOutcome.Accepted.class, read(BlueprintDraft.yaml(corrected, "test")));
        var order = ok.blueprint().modules().get(0).entities().get(1);
        assertEquals(List.of("customer"), order.relationships().stream().map(r -> r.name()).toList());
        assertEquals(List.of("amount"), order.fields().stream().map(f -> f.name()).toList());
        assertEquals(List.of("OrderPlaced"), ok.blueprint().modules().get(0).events().stream().map(e -> e.name()).toList());
    }

    @Test
    void anEntityTheRulesRefuseIsRenamedOnceThenRemovedWithWhatRefersToIt() {
        ObjectNode bp = (ObjectNode) Json.read("""
                {"blueprint": 1, "product": {"name": "Shop", "package": "com.example.shop"},
                 "modules": [{"name": "sales", "entities": [
                   {"name": "Customer", "fields": [{"name": "fullName", "type": "string", "maxLength": 120}]},
                   {"name": "Order", "fields": [{"name": "amount", "type": "decimal"}],
                    "relationships": [{"name": "customer", "kind": "many-to-one", "target": "Customer"}]}]}]}""");
        ObjectNode once = DeterministicSkills.correct(bp.deepCopy(), List.of("at modules[0].entities[0] (line 9): refused"));
        assertEquals("CustomerItem", once.at("/modules/0/entities/0/name").asText());
        assertEquals("CustomerItem", once.at("/modules/0/entities/1/relationships/0/target").asText());
        ObjectNode twice = DeterministicSkills.correct(once, List.of("at modules[0].entities[0] (line 9): refused"));
        assertEquals(1, twice.at("/modules/0/entities").size());
        assertEquals(0, twice.at("/modules/0/entities/0/relationships").size());
    }
}
