package com.connectsoft.factory.blueprint;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.blueprint.domain.ParseOutcome;
import com.connectsoft.factory.blueprint.domain.Problem;
import com.connectsoft.factory.blueprint.domain.TenantPattern;
import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Field patterns run on RE2: patterns that blow up a backtracking engine are accepted and harmless, patterns that
 * need backtracking are refused at upload, by feature, with a rewrite, and size is bounded before compiling.
 */
class TenantPatternTest {

    private static TenantPattern valid(String source) {
        TenantPattern.Check c = Bounded.within(() -> TenantPattern.check(source), () -> source);
        return assertInstanceOf(TenantPattern.Check.Valid.class, c, c::toString).pattern();
    }

    private static TenantPattern.Check.Invalid invalid(String source) {
        TenantPattern.Check c = Bounded.within(() -> TenantPattern.check(source), () -> source);
        return assertInstanceOf(TenantPattern.Check.Invalid.class, c, c::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"(a+)+$", "(a|aa)*b", "(x+x+)+y", "^(a|a?)+$", "(.*a){20}"})
    void catastrophicBacktrackingPatternsMatchInLinearTime(String source) {
        TenantPattern p = valid(source);
        String evil = "a".repeat(10_000) + "!";
        String xs = "x".repeat(10_000);
        Bounded.within(() -> p.matches(evil) | p.matches(xs), () -> source);
    }

    @Test
    void matchingIsOnTheWholeValue() {
        TenantPattern p = valid("[A-Z]{3}");
        assertTrue(p.matches("EUR"));
        assertFalse(p.matches("xEURx"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "(a)\\1|a backreference|repeat the group",
            "(?<n>a)\\k<n>|a named backreference|repeat the group",
            "(?=a)a|lookahead|without lookahead",
            "(?!a)b|lookahead|without lookahead",
            "(?<=a)b|lookbehind|without lookbehind",
            "(?<!a)b|lookbehind|without lookbehind",
            "(?>a+)b|an atomic group|plain group",
            "a*+b|a possessive quantifier|drop the last '+'",
            "a++b|a possessive quantifier|drop the last '+'",
            "a{2}+b|a possessive quantifier|drop the last '+'"})
    void backtrackingFeaturesAreRefusedByNameWithARewrite(String source, String feature, String hint) {
        TenantPattern.Check.Invalid i = invalid(source);
        assertTrue(i.message().contains("pattern uses " + feature), i::toString);
        assertTrue(i.message().contains("linear time by RE2"), i::toString);
        assertTrue(i.hint().contains(hint), i::toString);
    }

    @Test
    void repetitionAndSizeAreBoundedBeforeCompiling() {
        assertTrue(invalid("a{100000}").message().contains("above the largest count of 1000"));
        assertTrue(invalid("[\\s\\S]{0,1000000}").message().contains("above the largest count of 1000"));
        assertTrue(invalid("(a{1000}){1000}").message().contains("pattern is too large"));
        assertTrue(invalid("((a{100}){100}){100}").message().contains("pattern is too large"));
        assertTrue(invalid("((a{1000}){1000}){1000}").message().contains("pattern is too large"), "a billion steps, refused uncompiled");
        assertTrue(invalid("(?:abc|def){0,1000}").message().contains("pattern is too large: it compiles to"));
        assertTrue(invalid("x".repeat(501)).message().contains("patterns are limited to 500"));
        valid("[\\s\\S]{0,1000}");
        valid("a{1000}");
    }

    @Test
    void otherSyntaxIsRefusedInRe2sWords() {
        TenantPattern.Check.Invalid i = invalid("([a-z");
        assertTrue(i.message().contains("not a valid regular expression in RE2 syntax"), i::toString);
        assertTrue(i.hint().contains("without backreferences, lookaround"), i::toString);
        invalid("a\\Z");
    }

    @ParameterizedTest
    @ValueSource(strings = {"^[^@\\s]+@[^@\\s]+\\.[a-z]{2,}$", "(?i)abc", "\\pL+", "(?P<y>[0-9]{4})-[0-9]{2}", "[[:alpha:]]+", "\\Qa.b\\E",
            "^-?P(?:[0-9]+D)?(?:T(?:[0-9]+H)?(?:[0-9]+M)?(?:[0-9]+(?:\\.[0-9]+)?S)?)?$"})
    void everydayPatternsAreAccepted(String source) {
        valid(source);
    }

    @Test
    void aRefusedPatternIsLocatedInTheYamlAndTheJdl() {
        Problem yaml = only("bad.blueprint.yaml", HostileInputs.yamlWithPattern("(a)\\1"));
        assertEquals(10, yaml.line(), yaml::render);
        assertEquals(13, yaml.column(), yaml::render);
        assertTrue(yaml.message().contains("a backreference"), yaml::render);
        Problem jdl = only("app.jdl", "entity A {\n  code String pattern(/(?=a)a/)\n}\n");
        assertEquals(2, jdl.line(), jdl::render);
        assertTrue(jdl.message().contains("lookahead"), jdl::render);
    }

    private static Problem only(String file, String text) {
        ParseOutcome o = com.connectsoft.factory.blueprint.BlueprintConfiguration.READERS.read(file, text.getBytes(StandardCharsets.UTF_8));
        List<Problem> problems = assertInstanceOf(ParseOutcome.Rejected.class, o, o::toString).problems();
        assertEquals(1, problems.size(), problems::toString);
        return problems.get(0);
    }

    @Test
    void noTenantPatternIsEvaluatedWithJavaUtilRegex() {
        ArchConfiguration config = ArchConfiguration.get();
        boolean resolve = config.resolveMissingDependenciesFromClassPath();
        config.setResolveMissingDependenciesFromClassPath(false); // the rule needs the names of dependencies, not their classes
        try {
            onlyRe2();
        } finally {
            config.setResolveMissingDependenciesFromClassPath(resolve);
        }
    }

    private static void onlyRe2() {
        noClasses().that().resideInAnyPackage("com.connectsoft.factory.blueprint..", "com.connectsoft.factory.generation..")
                .should().dependOnClassesThat().resideInAPackage("java.util.regex")
                .because("tenant patterns run on RE2/J, in linear time")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("com.connectsoft.factory.blueprint", "com.connectsoft.factory.generation"));
    }
}
