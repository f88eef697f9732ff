package com.connectsoft.factory.blueprint;

import static com.connectsoft.factory.blueprint.HostileInputs.HEAD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.blueprint.adapter.yaml.YamlBlueprintReader;
import com.connectsoft.factory.blueprint.domain.ParseOutcome;
import com.connectsoft.factory.blueprint.domain.Problem;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * YAML that expands, nests or grows far beyond its size when read naively: each is refused, fast, at the place
 * that makes it hostile, with a hint. (Each failed on the reader as it was: the alias bombs took seconds and
 * gigabytes, recursive aliases overflowed the stack, the rest was accepted or refused at 1:1 without a hint.)
 */
class YamlHostileInputTest {
    private final YamlBlueprintReader reader = new YamlBlueprintReader();

    private Problem only(String yaml) {
        ParseOutcome o = Bounded.within(() -> reader.read("bad.blueprint.yaml", yaml.getBytes(StandardCharsets.UTF_8)));
        ParseOutcome.Rejected r = assertInstanceOf(ParseOutcome.Rejected.class, o, "expected a rejection");
        assertEquals(1, r.problems().size(), () -> "problems: " + r.problems());
        return r.problems().get(0);
    }

    private static void at(Problem p, int line, int column, String messagePart) {
        assertEquals(line, p.line(), p::render);
        assertEquals(column, p.column(), p::render);
        assertTrue(p.message().contains(messagePart), p::render);
        assertTrue(p.hint().isPresent(), () -> "no hint: " + p.render());
    }

    @Test
    void anAliasBombIsRefusedAtItsFirstAnchorBeforeAnythingIsExpanded() {
        at(only(HostileInputs.aliasBomb(460)), 1, 4, "YAML anchor '&s' is not allowed");
        at(only(HostileInputs.aliasBomb(9_500)), 1, 4, "YAML anchor '&s' is not allowed");
    }

    @Test
    void anchorsOnMappingsAndMergeKeysAreRefused() {
        at(only(HostileInputs.mergeBomb()), 1, 4, "YAML anchor '&s'");
        Problem merge = only(HEAD + "        <<: {description: merged}\n");
        at(merge, 7, 9, "YAML merge key '<<' is not allowed");
        assertTrue(merge.hint().get().contains("anchors (&), aliases (*) or merge keys (<<)"), merge::render);
    }

    @Test
    void anAliasWithoutAnchorAndRecursiveAliasesAreRefused() {
        at(only("loop: &loop [*loop]\n" + HEAD), 1, 7, "YAML anchor '&loop'");
        at(only("loop: &loop {self: *loop}\n" + HEAD), 1, 7, "YAML anchor '&loop'");
        at(only(HEAD + "        description: *nowhere\n"), 7, 22, "YAML alias '*nowhere' is not allowed");
    }

    @Test
    void deepNestingIsRefusedWhereItGetsTooDeep() {
        at(only(HostileInputs.deepFlow(10_000)), 7, 33, "nested more than 16 levels deep");
        at(only(HEAD + "        x: " + "{a: ".repeat(5_000) + "1" + "}".repeat(5_000) + "\n"), 7, 56, "nested more than 16 levels deep");
    }

    @Test
    void aValueLongerThanAnyABlueprintHasIsRefused() {
        at(only(HostileInputs.longScalarLine()), 7, 65_537, "characters long; lines are at most 65536");
        at(only(HostileInputs.longBlockScalar()), 7, 22, "this value is 884500 characters long");
        at(only(HEAD + "        description: '" + "d".repeat(60_000) + "'\n"), 7, 22, "this value is 60000 characters long");
        at(only(HEAD + "        description: '" + "d".repeat(100_000) + "'\n"), 7, 65_537, "line 7 is 100023 characters long");
        at(only(HEAD + "        description: '" + "d".repeat(2_001) + "'\n"), 7, 22, "this value is 2001 characters long");
    }

    @Test
    void tooManyNodesAreRefusedAtTheFirstOneOverTheLimit() {
        at(only(HostileInputs.tinyKeys()), 50_000, 5, "more than 100000 values");
    }

    @Test
    void aLongKeyIsRefused() {
        at(only(HEAD + "        " + "k".repeat(65) + ": 1\n"), 7, 9, "this key is 65 characters long");
    }

    @Test
    void aSecondDocumentIsRefused() {
        at(only(HEAD + "---\n" + HEAD), 7, 1, "a second YAML document");
    }

    @Test
    void numbersTooLargeOrTooPreciseToWriteOutAreRefused() {
        at(only(HEAD + "        fields:\n          - { name: price, type: decimal, min: 1e999999999 }\n"), 8, 43, "min has too many digits");
        at(only(HEAD + "        fields:\n          - { name: price, type: decimal, max: 1e-999999999 }\n"), 8, 43, "max has too many digits");
    }

    @Test
    void lengthsThatWouldMakeHugeSamplesAreRefused() {
        at(only(HEAD + "        fields:\n          - { name: photo, type: blob, minLength: 2000000000 }\n"), 8, 40,
                "out of range in /modules/0/entities/0/fields/0/minLength: must have a maximum value of 1000");
    }

    @Test
    void aLongPackageIsRefusedBeforeAnyPatternRunsOnIt() {
        // java.util.regex overflowed the stack on the schema's package pattern with a 200 KB value
        at(only("product:\n  name: Shop\n  package: " + "a.".repeat(999) + "a\nmodules:\n  - name: m\n    entities: [{name: A}]\n"),
                3, 3, "too long in /product/package");
    }

    @Test
    void manyProblemsAreCappedWithACount() {
        StringBuilder yaml = new StringBuilder("product:\n  name: Shop\n");
        for (int i = 0; i < 5_000; i++) {
            yaml.append("  k").append(i).append(": 1\n");
        }
        ParseOutcome o = com.connectsoft.factory.blueprint.BlueprintConfiguration.READERS.read("bad.blueprint.yaml", (yaml + "modules: []\n").getBytes(StandardCharsets.UTF_8));
        ParseOutcome.Rejected r = assertInstanceOf(ParseOutcome.Rejected.class, o);
        assertEquals(51, r.problems().size());
        assertTrue(r.problems().get(50).message().contains("more problems from here on are not shown"), r.problems().get(50)::render);
    }
}
