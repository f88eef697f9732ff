package com.connectsoft.factory.blueprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.blueprint.domain.BlueprintLimits;
import com.connectsoft.factory.blueprint.domain.Field;
import com.connectsoft.factory.blueprint.domain.FieldType;
import com.connectsoft.factory.blueprint.domain.ParseOutcome;
import com.connectsoft.factory.blueprint.domain.Problem;
import com.connectsoft.factory.blueprint.domain.SampleText;
import com.connectsoft.factory.blueprint.domain.TenantPattern;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Sample values derived from a pattern are valid (checked with RE2), short, deterministic, and cost bounded time. */
class SampleTextTest {

    private static Field field(String pattern, Optional<String> example) {
        return new Field("code", FieldType.STRING, Optional.empty(), false, false, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.ofNullable(pattern), List.of(), example, "/modules/0/entities/0/fields/0");
    }

    private static Field unique(String pattern, Optional<String> example, Integer maxLength) {
        return new Field("code", FieldType.STRING, Optional.empty(), true, true, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.ofNullable(maxLength), Optional.ofNullable(pattern), List.of(), example, "/modules/0/entities/0/fields/0");
    }

    private static SampleText.Outcome derive(Field f) {
        return Bounded.within(() -> SampleText.of(f, SampleText.Budget.of(Duration.ofSeconds(5))), f::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"^(a+)+$", "(a|aa)*b", "(x+x+)+y", "^[A-Z]{2}-[0-9]{6}$", "[\\s\\S]{0,1000}", "\\p{L}{5}", "(a*)*b",
            "[^a]|[^b]", "^[^@\\s]+@[^@\\s]+\\.[a-z]{2,}$"})
    void samplesMatchTheirPatternAndStaySmall(String pattern) {
        SampleText.Outcome.Samples samples = assertInstanceOf(SampleText.Outcome.Samples.class, derive(field(pattern, Optional.empty())));
        TenantPattern p = ((TenantPattern.Check.Valid) TenantPattern.check(pattern)).pattern();
        assertEquals(SampleText.VARIANTS, samples.values().size());
        for (String v : samples.values()) {
            assertTrue(p.matches(v), v);
            assertTrue(v.length() <= BlueprintLimits.EXAMPLE, () -> v.length() + " characters");
        }
        assertEquals(samples.values(), ((SampleText.Outcome.Samples) derive(field(pattern, Optional.empty()))).values(), "deterministic");
    }

    @Test
    void aUniqueFieldGetsDistinctValuesWhereItsRulesAllowThem() {
        // the example's variants (ABC-12341 ...) break the pattern: the pattern gives the others, all valid and distinct
        List<String> codes = ((SampleText.Outcome.Samples) derive(unique("^[A-Z]{3}-[0-9]{4}$", Optional.of("ABC-1234"), null))).values();
        TenantPattern p = ((TenantPattern.Check.Valid) TenantPattern.check("^[A-Z]{3}-[0-9]{4}$")).pattern();
        assertEquals("ABC-1234", codes.get(0), "the example comes first");
        assertEquals(3, Set.copyOf(codes).size(), codes::toString);
        codes.forEach(c -> assertTrue(p.matches(c), c));
        // without a pattern, the example's own variants
        assertEquals(List.of("ab", "ab1", "ab2"), ((SampleText.Outcome.Samples) derive(unique(null, Optional.of("ab"), null))).values());
        // a field that allows one value only repeats it
        assertEquals(List.of("x", "x", "x"), ((SampleText.Outcome.Samples) derive(unique("^x$", Optional.of("x"), null))).values());
        // two values allowed: both, then the example again
        assertEquals(List.of("ab", "cd", "ab"), ((SampleText.Outcome.Samples) derive(unique("^(ab|cd)$", Optional.of("ab"), null))).values());
        // a field that need not be unique keeps its example
        assertEquals(List.of("ABC-1234", "ABC-1234", "ABC-1234"),
                ((SampleText.Outcome.Samples) derive(field("^[A-Z]{3}-[0-9]{4}$", Optional.of("ABC-1234")))).values());
    }

    @Test
    void aPatternWhoseSamplesWouldBeHugeGetsNoneButTakesAnExample() {
        SampleText.Outcome.None none = assertInstanceOf(SampleText.Outcome.None.class, derive(field("(((a*)*)*)*b", Optional.empty())));
        assertTrue(none.hint().contains("add 'example:'"), none::toString);
        SampleText.Outcome.Samples withExample = assertInstanceOf(SampleText.Outcome.Samples.class,
                derive(field("(((a*)*)*)*b", Optional.of("aab"))));
        assertEquals("aab", withExample.values().get(0));
    }

    @Test
    void aPatternRgxgenCannotReadNeedsAnExample() {
        assertInstanceOf(SampleText.Outcome.None.class, derive(field("(?i)abc", Optional.empty())));
        assertEquals("ABC", ((SampleText.Outcome.Samples) derive(field("(?i)abc", Optional.of("ABC")))).values().get(0));
    }

    @Test
    void derivationStopsWhenTheBudgetRunsOut() {
        AtomicLong now = new AtomicLong();
        SampleText.Budget budget = new SampleText.Budget(Duration.ofMillis(10), () -> now.addAndGet(4_000_000L));
        SampleText.Outcome.None none = assertInstanceOf(SampleText.Outcome.None.class,
                SampleText.of(field("^[A-Z]{2}-[0-9]{6}$", Optional.empty()), budget));
        assertTrue(none.tooSlow() && none.message().contains("takes longer than allowed"), none::toString);
        assertTrue(budget.exhausted());
    }

    @Test
    void aFieldWithoutSamplesIsRefusedAtValidationWhereItsPatternIs() {
        ParseOutcome o = com.connectsoft.factory.blueprint.BlueprintConfiguration.READERS.read("shop.blueprint.yaml",
                HostileInputs.yamlWithPattern("(((a*)*)*)*b").getBytes(StandardCharsets.UTF_8));
        List<Problem> problems = assertInstanceOf(ParseOutcome.Rejected.class, o, o::toString).problems();
        assertEquals(1, problems.size(), problems::toString);
        assertEquals(10, problems.get(0).line(), problems.get(0)::render);
        assertTrue(problems.get(0).message().contains("cannot derive a valid value for field 'code'"), problems.get(0)::render);
        assertTrue(problems.get(0).hint().get().contains("add 'example:'"), problems.get(0)::render);
    }
}
