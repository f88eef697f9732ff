package com.connectsoft.factory.generation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.connectsoft.factory.blueprint.BlueprintConfiguration;
import com.connectsoft.factory.blueprint.domain.Blueprint;
import com.connectsoft.factory.blueprint.domain.ParseOutcome;
import com.connectsoft.factory.generation.application.FactoryVersions;
import com.connectsoft.factory.generation.application.JavaModuleModel;
import com.connectsoft.factory.generation.application.RenderModule;
import com.connectsoft.factory.generation.application.TemplateRenderer;
import com.connectsoft.factory.run.TestFactory;
import com.connectsoft.factory.template.adapter.filesystem.FileSystemTemplateCatalog;
import com.connectsoft.factory.template.adapter.mustache.MustacheEngine;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The java-module/1 criteria keys: which fields are indexed, unique keys, one-to-one links and same-module references. */
class ModelCriteriaTest {
    private static final FileSystemTemplateCatalog CATALOG = new FileSystemTemplateCatalog(TestFactory.ROOT.resolve("templates"));
    private static final RenderModule RENDER = new RenderModule(new TemplateRenderer(new MustacheEngine(), CATALOG), FactoryVersions.load());

    @SuppressWarnings("unchecked")
    private static Map<String, Object> entity(String yaml, String name) {
        ParseOutcome o = BlueprintConfiguration.READERS.read("x.blueprint.yaml", yaml.getBytes(StandardCharsets.UTF_8));
        Blueprint bp = assertInstanceOf(ParseOutcome.Accepted.class, o, o::toString).blueprint();
        JavaModuleModel.Outcome model = RENDER.model(bp, bp.modules().get(0), CATALOG.latest("ConnectSoft.Template.FunctionsMicroservice").orElseThrow());
        JavaModuleModel.Built built = assertInstanceOf(JavaModuleModel.Outcome.Ok.class, model, model::toString).built();
        return ((List<Map<String, Object>>) built.model().get("entities")).stream().filter(e -> e.get("Entity").equals(name)).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static List<String> names(Map<String, Object> entity, String key) {
        return ((List<Map<String, Object>>) entity.get(key)).stream().map(m -> (String) m.get("name")).toList();
    }

    private static final String YAML = """
            product: { name: Shop }
            modules:
              - name: sales
                entities:
                  - name: Customer
                    fields:
                      - { name: email, type: string, unique: true }
                      - { name: bio, type: text }
                      - { name: photo, type: blob }
                      - { name: born, type: date }
                      - { name: score, type: decimal }
                      - { name: tier, type: enum, values: [GOLD, SILVER] }
                  - name: Card
                    fields:
                      - { name: number, type: string }
                    relationships:
                      - { name: holder, kind: one-to-one, target: Customer, required: true }
                      - { name: tags, kind: many-to-many, target: Tag }
                      - { name: region, kind: many-to-one, target: Region }
                  - name: Tag
                    fields:
                      - { name: label, type: string }
              - name: geo
                entities:
                  - name: Region
                    fields:
                      - { name: code, type: string }
            """;

    @Test
    void textAndBlobAreNotIndexedAndEverythingElseIs() {
        Map<String, Object> customer = entity(YAML, "Customer");
        assertEquals(List.of("email", "born", "score", "tier"), names(customer, "queryFields"));
        assertEquals(List.of("id", "createdAt", "updatedAt", "email", "born", "score", "tier"), names(customer, "sortFields"));
        assertEquals(List.of("email"), names(customer, "uniqueKeys"));
    }

    @SuppressWarnings("unchecked")
    @Test
    void oneToOneTargetsAreUniqueAndOnlySameModuleReferencesAreChecked() {
        Map<String, Object> card = entity(YAML, "Card");
        assertEquals(List.of("number", "holderId", "regionId"), names(card, "queryFields"), "single references are indexed, lists are not");
        assertEquals(List.of("holderId"), names(card, "uniqueKeys"));
        assertEquals(List.of("holderId"), names(card, "oneToOnes"));
        List<Map<String, Object>> refs = (List<Map<String, Object>>) card.get("references");
        assertEquals(List.of("holderId", "tagsIds"), refs.stream().map(r -> r.get("name")).toList(), "Region is not an entity of the module");
        assertEquals(List.of("Customer", "Tag"), refs.stream().map(r -> r.get("Target")).toList());
        assertEquals(List.of(false, true), refs.stream().map(r -> r.get("many")).toList());
    }
}
