package com.connectsoft.factory.blueprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.blueprint.domain.ParseOutcome;
import com.connectsoft.factory.blueprint.domain.Problem;
import com.connectsoft.factory.blueprint.domain.TextRules;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Names and descriptions refuse control, bidirectional and invisible characters and are bounded in length, the same
 * way whichever reader they came through; problems never print a refused character raw.
 */
class NamesAndDescriptionsTest {

    private static Problem only(String file, String text) {
        ParseOutcome o = com.connectsoft.factory.blueprint.BlueprintConfiguration.READERS.read(file, text.getBytes(StandardCharsets.UTF_8));
        List<Problem> problems = assertInstanceOf(ParseOutcome.Rejected.class, o, o::toString).problems();
        assertEquals(1, problems.size(), problems::toString);
        return problems.get(0);
    }

    private static void accepted(String file, String text) {
        ParseOutcome o = com.connectsoft.factory.blueprint.BlueprintConfiguration.READERS.read(file, text.getBytes(StandardCharsets.UTF_8));
        assertInstanceOf(ParseOutcome.Accepted.class, o, o::toString);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "202E|a bidirectional control", "2066|a bidirectional control", "200F|a bidirectional control",
            "061C|a bidirectional control", "0000|a control character", "001B|a control character", "0085|a control character",
            "007F|a control character", "200B|an invisible formatting character", "200D|an invisible formatting character",
            "FEFF|an invisible formatting character", "2028|a line separator", "00A0|a space other than the plain space",
            "FFFE|not a character", "D800|half of a surrogate pair"})
    void namesRefuseInvisibleAndControlCharacters(String hex, String why) {
        String c = String.valueOf((char) Integer.parseInt(hex, 16));
        Optional<String> refused = TextRules.refused("Shop" + c + "gnp.exe", TextRules.Kind.NAME);
        assertTrue(refused.isPresent(), hex);
        assertTrue(refused.get().startsWith("U+" + hex), refused::get);
        assertTrue(refused.get().contains(why) && refused.get().endsWith("at character 5"), refused::get);
    }

    @Test
    void descriptionsMayHoldLineBreaksTabsAndJoinersButNotBidiOrControls() {
        assertEquals(Optional.empty(), TextRules.refused("Line one\nline two\tcolumn; 👩\u200D💻 and می\u200Cخواهم", TextRules.Kind.TEXT));
        assertTrue(TextRules.refused("a\rb", TextRules.Kind.TEXT).isPresent());
        assertTrue(TextRules.refused("a\u202Eb", TextRules.Kind.TEXT).isPresent());
        assertTrue(TextRules.refused("a\u0000b", TextRules.Kind.TEXT).isPresent());
        assertTrue(TextRules.refused("tag \uDB40\uDC41", TextRules.Kind.TEXT).isPresent());
        assertTrue(TextRules.refused("a\nb", TextRules.Kind.NAME).isPresent());
        assertEquals(Optional.empty(), TextRules.refused("Café Ünïcode 3D", TextRules.Kind.NAME));
    }

    @Test
    void aBidiOverrideInAProductNameIsRefusedInYamlAndJdl() {
        Problem yaml = only("shop.blueprint.yaml", "product:\n  name: \"Shop\u202Egnp.exe\"\nmodules:\n  - name: m\n    entities: [{name: A}]\n");
        assertEquals(2, yaml.line(), yaml::render);
        assertTrue(yaml.message().contains("product name (/product/name) holds U+202E right-to-left override"), yaml::render);
        assertFalse(yaml.render().contains("\u202E"), "the problem must not print the override itself");
        Problem jdl = only("shop.jdl", "application { config { baseName \"Shop\u202Egnp\" } entities * }\nentity A { a String }\n");
        assertTrue(jdl.message().contains("holds U+202E"), jdl::render);
        assertFalse(jdl.render().contains("\u202E"));
    }

    @Test
    void aNulInADescriptionIsRefusedInYamlAndAControlCharacterInAJdlComment() {
        Problem yaml = only("shop.blueprint.yaml", HostileInputs.HEAD + "        description: \"before\\0after\"\n");
        assertEquals(7, yaml.line(), yaml::render);
        assertTrue(yaml.message().contains("description (/modules/0/entities/0/description) holds U+0000"), yaml::render);
        Problem jdl = only("shop.jdl", "/** An entity \u0007 that beeps */\nentity A { a String }\n");
        assertTrue(jdl.message().contains("description") && jdl.message().contains("U+0007"), jdl::render);
        assertEquals(2, jdl.line(), jdl::render);
    }

    @Test
    void aRawControlCharacterInYamlIsLocated() {
        Problem p = only("shop.blueprint.yaml", "product:\n  name: Sh\u0001op\nmodules: []\n");
        assertEquals(2, p.line(), p::render);
        assertEquals(11, p.column(), p::render);
        assertTrue(p.message().contains("character U+0001 is not allowed in YAML") && p.hint().isPresent(), p::render);
    }

    @Test
    void aDescriptionMayHoldLineBreaks() {
        accepted("shop.blueprint.yaml", HostileInputs.HEAD + "        description: |\n          Line one.\n          Line\ttwo.\n");
    }

    @Test
    void zeroWidthCharactersInNamesAreRefused() {
        Problem p = only("shop.blueprint.yaml", "product:\n  name: \"Sh\u200Dop\"\nmodules:\n  - name: m\n    entities: [{name: A}]\n");
        assertTrue(p.message().contains("U+200D zero width joiner (an invisible formatting character)"), p::render);
    }

    @Test
    void anUnpairedSurrogateIsRefused() {
        Problem p = only("shop.blueprint.yaml", HostileInputs.HEAD + "        description: \"x\\uD800y\"\n");
        assertTrue(p.message().contains("U+D800") && p.message().contains("surrogate"), p::render);
    }

    @Test
    void lengthsAreBoundedInBothReaders() {
        Problem yaml = only("shop.blueprint.yaml", HostileInputs.HEAD + "        description: '" + "d".repeat(2_001) + "'\n");
        assertTrue(yaml.message().contains("2001 characters long"), yaml::render);
        Problem yamlName = only("shop.blueprint.yaml", "product:\n  name: " + "N".repeat(81) + "\nmodules:\n  - name: m\n    entities: [{name: A}]\n");
        assertTrue(yamlName.message().contains("too long in /product/name"), yamlName::render);
        assertTrue(yamlName.hint().get().contains("products 80"), yamlName::render);
        Problem jdlName = only("shop.jdl", "entity " + "E".repeat(65) + " { a String }\n");
        assertTrue(jdlName.message().contains("entity name (/modules/0/entities/0/name) is 65 characters long; the limit is 64"), jdlName::render);
        Problem jdlModule = only("shop.jdl", "application { config { baseName " + "m".repeat(41) + " } entities * }\nentity A { a String }\n");
        assertTrue(jdlModule.message().contains("module name (/modules/0/name) is 41 characters long; the limit is 40"), jdlModule::render);
        accepted("shop.blueprint.yaml", HostileInputs.HEAD + "        description: '" + "d".repeat(2_000) + "'\n");
    }

    @Test
    void problemsEchoingATenantValueKeepItOnOneLine() {
        Problem p = Problem.of("x\ny.yaml", 1, 1, "unknown entity 'A\n./evil.yaml:1:1: fake\u202E'", "h\r");
        assertEquals("x\\u000Ay.yaml:1:1: unknown entity 'A\\u000A./evil.yaml:1:1: fake\\u202E'\n    hint: h\\u000D", p.render());
    }
}
