package com.connectsoft.factory.blueprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.blueprint.adapter.yaml.YamlBlueprintReader;
import com.connectsoft.factory.blueprint.domain.Blueprint;
import com.connectsoft.factory.blueprint.domain.Entity;
import com.connectsoft.factory.blueprint.domain.FieldType;
import com.connectsoft.factory.blueprint.domain.ParseOutcome;
import com.connectsoft.factory.blueprint.domain.Problem;
import com.connectsoft.factory.blueprint.domain.RelationshipKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class YamlBlueprintReaderTest {
    static final Path EXAMPLES = Path.of(System.getProperty("factory.repoRoot", ".."), "examples");
    private final YamlBlueprintReader reader = new YamlBlueprintReader();

    private ParseOutcome read(String yaml) {
        return reader.read("bad.blueprint.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    }

    private Problem only(String yaml) {
        ParseOutcome o = read(yaml);
        ParseOutcome.Rejected r = assertInstanceOf(ParseOutcome.Rejected.class, o, "expected a rejection");
        assertEquals(1, r.problems().size(), () -> "problems: " + r.problems());
        return r.problems().get(0);
    }

    private static void at(Problem p, int line, int column, String messagePart) {
        assertEquals("bad.blueprint.yaml", p.file());
        assertEquals(line, p.line(), p::render);
        assertEquals(column, p.column(), p::render);
        assertTrue(p.message().contains(messagePart), p::render);
        assertTrue(p.hint().isPresent(), () -> "no hint: " + p.render());
    }

    static final String HEAD = """
            product:
              name: Shop
            modules:
              - name: catalog
                entities:
            """;

    @Test
    void bothExamplesAreAcceptedAndCoverEveryTypeAndRelationshipKind() throws IOException {
        EnumSet<FieldType> types = EnumSet.noneOf(FieldType.class);
        EnumSet<RelationshipKind> kinds = EnumSet.noneOf(RelationshipKind.class);
        try (var files = Files.list(EXAMPLES)) {
            List<Path> examples = files.filter(f -> f.toString().endsWith(".blueprint.yaml")).sorted().toList();
            assertEquals(2, examples.size());
            for (Path f : examples) {
                ParseOutcome o = reader.read(f.getFileName().toString(), Files.readAllBytes(f));
                if (o instanceof ParseOutcome.Rejected r) {
                    throw new AssertionError(r.problems().stream().map(Problem::render).collect(Collectors.joining("\n")));
                }
                Blueprint bp = ((ParseOutcome.Accepted) o).blueprint();
                bp.modules().forEach(m -> m.entities().forEach(e -> {
                    e.fields().forEach(fl -> types.add(fl.type()));
                    e.relationships().forEach(r -> kinds.add(r.kind()));
                }));
            }
        }
        assertEquals(EnumSet.allOf(FieldType.class), types);
        assertEquals(EnumSet.allOf(RelationshipKind.class), kinds);
    }

    @Test
    void clinicBookingHasThreeModulesWithItsEntities() throws IOException {
        Path f = EXAMPLES.resolve("clinic-booking.blueprint.yaml");
        Blueprint bp = ((ParseOutcome.Accepted) reader.read(f.toString(), Files.readAllBytes(f))).blueprint();
        assertEquals(List.of("patients", "scheduling", "billing"), bp.modules().stream().map(m -> m.name()).toList());
        assertEquals("com.contoso.clinic", bp.product().javaPackage());
        Entity appointment = bp.modules().get(1).entities().get(2);
        assertEquals("Appointment", appointment.name());
        assertEquals("patients", bp.moduleOf(appointment.relationships().get(0).target()).orElseThrow().name());
    }

    @Test
    void aModuleMayHaveItsOwnPackage() {
        ParseOutcome o = read(HEAD.replace("  - name: catalog\n", "  - name: catalog\n    package: org.example.catalog\n") + """
                      - name: Item
                """);
        Blueprint bp = assertInstanceOf(ParseOutcome.Accepted.class, o, o::toString).blueprint();
        assertEquals(java.util.Optional.of("org.example.catalog"), bp.modules().get(0).javaPackage());
        Problem bad = only(HEAD.replace("  - name: catalog\n", "  - name: catalog\n    package: org.Example\n") + """
                      - name: Item
                """);
        assertTrue(bad.message().contains("is not a valid name"), bad::render);
    }

    @Test
    void yamlSyntaxErrorIsLocated() {
        Problem p = only("product:\n  name: [unclosed\nmodules: []\n");
        assertTrue(p.message().startsWith("YAML syntax error"), p::render);
        assertEquals(3, p.line(), p::render);
    }

    @Test
    void emptyBlueprintIsRejected() {
        at(only("# nothing here\n"), 1, 1, "the blueprint is empty");
        at(only(""), 1, 1, "the blueprint is empty");
    }

    @Test
    void oversizedFileIsRejectedBeforeParsing() {
        byte[] big = new byte[YamlBlueprintReader.MAX_BYTES + 1];
        java.util.Arrays.fill(big, (byte) '#');
        Problem p = ((ParseOutcome.Rejected) reader.read("bad.blueprint.yaml", big)).problems().get(0);
        at(p, 1, 1, "limited to 1048576 bytes");
    }

    @Test
    void unknownPropertyIsASchemaViolationWithASuggestion() {
        Problem p = only(HEAD + """
                      - name: Item
                        fields:
                          - { name: title, type: string, maxLenght: 5 }
                """);
        at(p, 8, 42, "unknown property 'maxLenght'");
        assertTrue(p.hint().get().contains("did you mean 'maxLength'"), p::render);
    }

    @Test
    void missingRequiredPropertyIsReported() {
        at(only("product:\n  description: no name\nmodules:\n  - name: m\n    entities: [{name: A}]\n"), 1, 1,
                "missing required property 'name'");
    }

    @Test
    void wrongTypeIsReported() {
        at(only(HEAD + """
                      - name: Item
                        fields:
                          - { name: title, type: string, maxLength: long }
                """), 8, 42, "wrong type");
    }

    @Test
    void unknownFieldTypeSuggestsTheClosest() {
        Problem p = only(HEAD + """
                      - name: Item
                        fields:
                          - name: title
                            type: strng
                """);
        at(p, 9, 13, "unknown field type 'strng'");
        assertTrue(p.hint().get().contains("did you mean 'string'"), p::render);
    }

    @Test
    void duplicateEntitiesAcrossModulesAreRejected() {
        Problem p = only(HEAD + """
                      - name: Item
                  - name: orders
                    entities:
                      - name: Item
                """);
        at(p, 9, 9, "entity 'Item' is declared twice");
    }

    @Test
    void duplicateFieldsAreRejected() {
        at(only(HEAD + """
                      - name: Item
                        fields:
                          - { name: title, type: string }
                          - { name: title, type: text }
                """), 9, 15, "field 'title' is declared twice");
    }

    @Test
    void namesThatCollideAfterCaseConversionAreRejected() {
        at(only(HEAD + """
                      - name: Item
                        fields:
                          - { name: first_name, type: string }
                          - { name: firstName, type: string }
                """), 9, 15, "collides with field 'first_name' after case conversion");
        at(only(HEAD + """
                      - name: Item
                      - name: item
                """), 7, 9, "collides with entity 'Item' after case conversion");
    }

    @Test
    void aRelationshipWhoseReferenceWouldBeAGeneratedFieldIsRejected() {
        // "tenants submit repair requests": the product's Tenant is not the factory's tenant, whose id every entity has
        Problem p = only(HEAD + """
                      - name: Tenant
                      - name: RepairRequest
                        relationships:
                          - { name: tenant, kind: many-to-one, target: Tenant }
                """);
        at(p, 9, 15, "relationship 'tenant' stores its reference in 'tenantId', which every generated entity already has");
        assertTrue(p.hint().orElseThrow().contains("'relatedTenant'"), p::render);
        ParseOutcome ok = reader.read("b.blueprint.yaml", (HEAD + """
                      - name: Tenant
                      - name: RepairRequest
                        relationships:
                          - { name: relatedTenant, kind: many-to-one, target: Tenant }
                """).getBytes(StandardCharsets.UTF_8));
        assertInstanceOf(ParseOutcome.Accepted.class, ok, ok::toString);
    }

    @Test
    void relationshipToUnknownEntityIsRejectedWithASuggestion() {
        Problem p = only(HEAD + """
                      - name: Item
                        relationships:
                          - { name: owner, kind: many-to-one, target: Custmer }
                      - name: Customer
                """);
        at(p, 8, 47, "points to unknown entity 'Custmer'");
        assertTrue(p.hint().get().contains("did you mean 'Customer'"), p::render);
    }

    @Test
    void javaReservedWordsAreRejected() {
        at(only(HEAD + """
                      - name: Item
                        fields:
                          - { name: class, type: string }
                """), 8, 15, "is a Java reserved word");
        at(only(HEAD + """
                      - name: Item
                        fields:
                          - { name: tenantId, type: string }
                """), 8, 15, "is reserved");
    }

    @Test
    void duplicateYamlKeysAreRejected() {
        at(only("product:\n  name: A\n  name: B\nmodules:\n  - name: m\n    entities: [{name: A}]\n"), 3, 3,
                "key 'name' appears twice");
    }

    @Test
    void validationsMustFitTheirTypeAndAgree() {
        ParseOutcome.Rejected r = assertInstanceOf(ParseOutcome.Rejected.class, read(HEAD + """
                      - name: Item
                        fields:
                          - { name: a, type: string, min: 3 }
                          - { name: b, type: integer, min: 10, max: 1 }
                          - { name: c, type: string, pattern: '([a-z' }
                          - { name: d, type: enum }
                          - { name: e, type: string, minLength: 9, maxLength: 2 }
                """));
        Set<String> messages = r.problems().stream().map(Problem::message).collect(Collectors.toSet());
        assertEquals(5, r.problems().size(), messages::toString);
        assertTrue(messages.stream().anyMatch(m -> m.contains("min/max apply to integer")));
        assertTrue(messages.stream().anyMatch(m -> m.contains("min 10 is larger than max 1")));
        assertTrue(messages.stream().anyMatch(m -> m.contains("not a valid regular expression")));
        assertTrue(messages.stream().anyMatch(m -> m.contains("has no values")));
        assertTrue(messages.stream().anyMatch(m -> m.contains("minLength 9 is larger than maxLength 2")));
    }

    @Test
    void problemsRenderLikeACompiler() {
        Problem p = only("product:\n  name: A\nmodules: []\n");
        assertTrue(p.render().startsWith("bad.blueprint.yaml:3:1: "), p.render());
    }
}
