package com.connectsoft.factory.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.knowledge.domain.SearchHit;
import com.connectsoft.factory.knowledge.domain.SearchQuery;
import com.connectsoft.factory.run.TestFactory;
import com.connectsoft.factory.run.application.RunProgress;
import com.connectsoft.factory.run.application.StartRun;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.run.domain.ModuleResult;
import com.connectsoft.factory.run.vocabulary.BuildStatus;
import com.connectsoft.factory.run.vocabulary.RunStatus;
import com.connectsoft.factory.shared.domain.TenantId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs feed the knowledge index through the bus: a run's blueprint and modules once its governance stage is done, its
 * outcome when it ends (with the blueprint and modules when it ended before governance was done), in its tenant only.
 */
class KnowledgeFeedRunTest {
    private static final TenantId ACME = TenantId.of("acme");
    private static final TenantId GLOBEX = TenantId.of("globex");
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private static Set<String> ids(Factory app, TenantId tenant, String text) {
        return app.knowledge().index().forTenant(tenant).search(SearchQuery.of(text, SearchQuery.MAX_LIMIT)).stream()
                .map(SearchHit::id).filter(id -> !id.startsWith("template:") && !id.startsWith("jdl-sample:"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> awaitIds(Factory app, TenantId tenant, String text, Set<String> expected) throws InterruptedException {
        Instant until = Instant.now().plus(DEADLINE);
        Set<String> found = ids(app, tenant, text);
        while (!found.containsAll(expected) && Instant.now().isBefore(until)) {
            Thread.sleep(50);
            found = ids(app, tenant, text);
        }
        return found;
    }

    private static Set<String> expected(FactoryRun run) {
        Set<String> ids = new TreeSet<>();
        ids.add("blueprint:" + run.blueprintId());
        for (ModuleResult m : run.modules()) {
            ids.add("module:" + run.projectId() + "/" + m.moduleId());
        }
        ids.add("run:" + run.runId());
        return ids;
    }

    @Test
    void aCompletedRunIsSearchableByItsTenantOnly() throws Exception {
        try (Factory app = TestFactory.withRecordedBuilds(dir.resolve("data"), new TestFactory.RecordingBuilds(BuildStatus.PASSED))) {
            FactoryRun run = assertInstanceOf(StartRun.Result.Finished.class, app.runs().start().run(new StartRun.Request(ACME,
                    "invoicing.blueprint.yaml", TestFactory.example("invoicing.blueprint.yaml"), Optional.empty(), StartRun.DEFAULT_TEMPLATE),
                    RunProgress.SILENT)).run();
            assertEquals(RunStatus.COMPLETED, run.status(), run::failure);
            Set<String> expected = expected(run);
            assertEquals(4, expected.size(), expected::toString);

            Set<String> found = awaitIds(app, ACME, "invoicing customers invoices", expected);
            assertTrue(found.containsAll(expected), "expected " + expected + ", found " + found);
            assertEquals(Set.of(), ids(app, GLOBEX, "invoicing customers invoices"), "another tenant sees none of it");
        }
    }

    @Test
    void aRunWaitingForApprovalIsSearchableAndItsOutcomeWhenRejected() throws Exception {
        String blueprint = TestFactory.NEEDS_APPROVAL;
        try (Factory app = TestFactory.withRecordedBuilds(dir.resolve("data"), new TestFactory.RecordingBuilds(BuildStatus.PASSED))) {
            FactoryRun waiting = assertInstanceOf(StartRun.Result.Finished.class, app.runs().start().run(new StartRun.Request(ACME,
                    "payroll.blueprint.yaml", blueprint.getBytes(StandardCharsets.UTF_8), Optional.empty(), StartRun.DEFAULT_TEMPLATE),
                    RunProgress.SILENT)).run();
            assertEquals(RunStatus.WAITING_FOR_APPROVAL, waiting.status(), waiting::failure);
            Set<String> beforeEnd = new TreeSet<>(expected(waiting));
            beforeEnd.remove("run:" + waiting.runId());
            Set<String> found = awaitIds(app, ACME, "payroll employees", beforeEnd);
            assertEquals(beforeEnd, found, "the checks are done: blueprint and module are searchable, the run has not ended");

            app.runs().approvals().answer(ACME, waiting.runId(), false, "ops", "no bank data here");
            Instant until = Instant.now().plus(DEADLINE);
            FactoryRun ended = app.runs().queries().find(ACME, waiting.runId()).orElseThrow();
            while (!ended.terminal() && Instant.now().isBefore(until)) {
                Thread.sleep(50);
                ended = app.runs().queries().find(ACME, waiting.runId()).orElseThrow();
            }
            assertTrue(ended.terminal(), () -> "the rejected run did not end: " + waiting.runId());
            Set<String> expected = expected(ended);
            found = awaitIds(app, ACME, "payroll employees", expected);
            assertEquals(expected, found);
        }
    }
}
