package com.connectsoft.factory.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.build.domain.BuildReport;
import com.connectsoft.factory.run.TestFactory;
import com.connectsoft.factory.shared.domain.TenantId;
import com.connectsoft.factory.usage.domain.UsageRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageRollupTest {
    @TempDir
    Path dir;

    @Test
    void eachTenantsHourIsSummedPerMeterInItsOwnPartitionAndAgainGivesTheSame() {
        try (Factory app = TestFactory.withRecordedBuilds(dir, new TestFactory.RecordingBuilds(com.connectsoft.factory.run.vocabulary.BuildStatus.PASSED))) {
            TenantId a = TenantId.of("acme");
            TenantId b = TenantId.of("globex");
            app.tenancy().administration().register(a, "Acme", "developer");
            app.tenancy().administration().register(b, "Globex", "developer");
            assertEquals(Set.of(a, b), Set.copyOf(app.tenancy().administration().all()));
            assertThrows(IllegalArgumentException.class, () -> app.tenancy().administration().register(TenantId.of("platform"), "x", "developer"));
            Instant hour = Instant.parse("2026-11-21T09:00:00Z");
            app.usage().ledger().record(a, new UsageRecord("acme", "u1", "r", "p", "renders", 2, "module", hour.plusSeconds(1)));
            app.usage().ledger().record(a, new UsageRecord("acme", "u2", "r", "p", "build-seconds", 30, "second", hour.plusSeconds(3599)));
            app.usage().ledger().record(a, new UsageRecord("acme", "u3", "r", "p", "renders", 9, "module", hour.plusSeconds(3600)));
            app.usage().ledger().record(b, new UsageRecord("globex", "u4", "r", "p", "renders", 1, "module", hour.plusSeconds(10)));
            var rolled = app.usage().rollup().rollUpAll(hour);
            assertEquals(2, rolled.size());
            assertEquals(Map.of("renders", 2L, "build-seconds", 30L), app.usage().ledger().rollup(a, hour).orElseThrow().totals());
            assertEquals(Map.of("renders", 1L), app.usage().ledger().rollup(b, hour).orElseThrow().totals());
            app.usage().rollup().rollUpAll(hour);
            assertEquals(Map.of("renders", 2L, "build-seconds", 30L), app.usage().ledger().rollup(a, hour).orElseThrow().totals());
            assertEquals(List.of(), app.usage().ledger().all(TenantId.of("platform")), "the platform partition holds no tenant data");
        }
    }
}
