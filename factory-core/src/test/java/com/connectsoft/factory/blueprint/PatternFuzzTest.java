package com.connectsoft.factory.blueprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.blueprint.domain.Field;
import com.connectsoft.factory.blueprint.domain.FieldType;
import com.connectsoft.factory.blueprint.domain.SampleText;
import com.connectsoft.factory.blueprint.domain.TenantPattern;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random patterns built from regex syntax (fixed seed): checking never throws, and for every accepted pattern the
 * sample derivation answers (samples or a refusal with a hint) without throwing, every sample matching.
 */
class PatternFuzzTest {
    private static final String ALPHABET = "ab()[]{}*+?|\\^$.-,0123456789:=!<>PkQEdwsxpL";

    @Test
    void randomPatternsAreCheckedAndSampledWithoutSurprises() {
        Random random = new Random(20261130);
        int valid = 0;
        for (int n = 0; n < 3_000; n++) {
            StringBuilder sb = new StringBuilder();
            int length = 1 + random.nextInt(30);
            for (int i = 0; i < length; i++) {
                sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            String source = sb.toString();
            TenantPattern.Check check = Bounded.within(() -> TenantPattern.check(source), () -> source);
            if (check instanceof TenantPattern.Check.Invalid invalid) {
                assertTrue(!invalid.message().isBlank() && !invalid.hint().isBlank(), source);
                continue;
            }
            valid++;
            TenantPattern p = ((TenantPattern.Check.Valid) check).pattern();
            Field f = new Field("code", FieldType.STRING, Optional.empty(), false, false, Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.of(source), List.of(), Optional.empty(), "/x");
            SampleText.Outcome o = Bounded.within(() -> SampleText.of(f, SampleText.Budget.of(Duration.ofSeconds(1))), () -> source);
            if (o instanceof SampleText.Outcome.Samples s) {
                assertEquals(SampleText.VARIANTS, s.values().size(), source);
                s.values().forEach(v -> assertTrue(p.matches(v), () -> source + " does not match its sample " + v));
            } else {
                assertTrue(((SampleText.Outcome.None) o).hint().contains("example"), source);
            }
        }
        assertTrue(valid > 300, "too few valid patterns to mean anything: " + valid);
    }
}
