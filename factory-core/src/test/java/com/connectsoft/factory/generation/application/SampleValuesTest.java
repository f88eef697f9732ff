package com.connectsoft.factory.generation.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.blueprint.domain.Field;
import com.connectsoft.factory.blueprint.domain.FieldType;
import com.connectsoft.factory.blueprint.domain.TenantPattern;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What starting a run derives from a field (in the request thread, before the run is queued): valid and invalid
 * test values, in bounded time for any pattern validation accepts. (As it was, java.util.regex and rgxgen's
 * generateNotMatching never returned on some of these.)
 */
class SampleValuesTest {
    /** A guard against work that never returns (these take milliseconds), generous for a busy shared machine. */
    private static final Duration GUARD = Duration.ofSeconds(10);

    private static Field text(String pattern) {
        return new Field("code", FieldType.STRING, Optional.empty(), true, false, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(pattern), List.of(), Optional.empty(), "/x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[^a]|[^b]", "(?:[^a]|[^b]|[^c]){3}", "^(a+)+$", "(a|aa)*b", "(x+x+)+y", "[\\s\\S]{0,1000}", "^[A-Z]{3}$"})
    void validAndInvalidValuesComeInBoundedTime(String pattern) throws Exception {
        TenantPattern p = ((TenantPattern.Check.Valid) TenantPattern.check(pattern)).pattern();
        SampleValues.Variants v = assertTimeoutPreemptively(GUARD, () -> SampleValues.of(text(pattern)));
        assertEquals(3, v.expressions().size());
        Optional<String> bad = assertTimeoutPreemptively(GUARD, () -> SampleValues.notMatching(text(pattern)));
        bad.ifPresent(b -> assertFalse(p.matches(b), b));
    }

    @Test
    void anExampleThatMakesABacktrackingEngineExplodeIsCheckedInLinearTime() throws Exception {
        Field f = new Field("code", FieldType.STRING, Optional.empty(), true, false, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of("^(.*a){20}$"), List.of(), Optional.of("a".repeat(30) + "b"), "/x");
        TenantPattern p = ((TenantPattern.Check.Valid) TenantPattern.check("^(.*a){20}$")).pattern();
        SampleValues.Variants v = assertTimeoutPreemptively(GUARD, () -> SampleValues.of(f));
        assertEquals(3, v.expressions().size());
        assertTrue(v.expressions().stream().noneMatch(e -> e.contains("b\"")), v.expressions()::toString);
        assertFalse(p.matches("a".repeat(30) + "b"));
    }

    @Test
    void aPatternThatMatchesAnythingHasNoInvalidValue() {
        assertEquals(Optional.empty(), SampleValues.notMatching(text("[\\s\\S]*")));
        assertEquals(Optional.of("!"), SampleValues.notMatching(text("^[A-Z]{3}$")));
    }

    @Test
    void anUnderivableFieldSaysToAddAnExample() {
        SampleValues.NoSampleException e = org.junit.jupiter.api.Assertions.assertThrows(SampleValues.NoSampleException.class,
                () -> SampleValues.of(text("(?i)abc")));
        assertTrue(e.hint().contains("add 'example:'"), e.hint());
    }
}
