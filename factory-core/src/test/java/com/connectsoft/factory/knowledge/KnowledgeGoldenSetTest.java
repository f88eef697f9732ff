package com.connectsoft.factory.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.bench.GoldenSet;
import com.connectsoft.factory.knowledge.domain.SearchHit;
import com.connectsoft.factory.knowledge.domain.SearchQuery;
import com.connectsoft.factory.knowledge.domain.TenantKnowledge;
import com.connectsoft.factory.run.TestFactory;
import com.connectsoft.factory.run.application.RunProgress;
import com.connectsoft.factory.run.application.StartRun;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.run.vocabulary.BuildStatus;
import com.connectsoft.factory.run.vocabulary.RunStatus;
import com.connectsoft.factory.shared.domain.TenantId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The knowledge platform end to end on the embedded index: both examples run (builds recorded) for tenant acme, the
 * knowledge-index capability indexes what the runs publish, and the golden set's queries find what they should.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class KnowledgeGoldenSetTest {
    static final TenantId ACME = TenantId.of("acme");
    static final Path SAMPLES = TestFactory.ROOT.resolve("../shared/samples/jdl").normalize();

    @TempDir
    static Path dir;
    Factory app;
    List<FactoryRun> runs;

    @BeforeAll
    void runTheExamples() throws Exception {
        app = Factory.with(TestFactory.settings(dir.resolve("data"))).builds(new TestFactory.RecordingBuilds(BuildStatus.PASSED))
                .knowledge(KnowledgeSettings.embedded(dir.resolve("data"), Optional.of(SAMPLES))).open().dispatchLocally();
        runs = List.of(run("clinic-booking.blueprint.yaml"), run("invoicing.blueprint.yaml"));
        assertTrue(app.drain(Duration.ofSeconds(60)), "the bus did not settle");
    }

    @AfterAll
    void close() {
        app.close();
    }

    private FactoryRun run(String example) throws Exception {
        FactoryRun run = ((StartRun.Result.Finished) app.runs().start().run(new StartRun.Request(ACME, example, TestFactory.example(example),
                Optional.empty(), StartRun.DEFAULT_TEMPLATE), RunProgress.SILENT)).run();
        assertEquals(RunStatus.COMPLETED, run.status(), run.failure());
        return run;
    }

    private Set<String> corpus() {
        TenantKnowledge acme = app.knowledge().index().forTenant(ACME);
        return acme.search(SearchQuery.of("blueprint module run template sample entity", SearchQuery.MAX_LIMIT)).stream().map(SearchHit::id)
                .collect(Collectors.toSet());
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void aRunsEventsIndexItsBlueprintModulesAndOutcomeInItsTenantOnly() {
        TenantKnowledge acme = app.knowledge().index().forTenant(ACME);
        Set<String> expected = new HashSet<>(List.of("blueprint:bp-clinic-booking", "blueprint:bp-invoicing",
                "module:proj-clinic-booking/module-patients", "module:proj-clinic-booking/module-scheduling",
                "module:proj-clinic-booking/module-billing", "module:proj-invoicing/module-customers", "module:proj-invoicing/module-invoices"));
        runs.forEach(r -> expected.add("run:" + r.runId()));
        assertEquals(expected.size(), acme.count());
        assertTrue(corpus().containsAll(expected), corpus()::toString);
        assertEquals(0, app.knowledge().index().forTenant(TenantId.of("globex")).count());
        assertTrue(app.knowledge().index().forTenant(TenantId.of("globex")).search(SearchQuery.of("patient allergies", 50)).stream()
                .allMatch(h -> h.scope().equals("platform")));
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void recallAtFiveOnTheGoldenSetIsAtLeastNinetyPercent() {
        assumeTrue(Files.isDirectory(SAMPLES), "the JDL samples (" + SAMPLES + ") are not on this machine: the golden set needs them");
        Set<String> corpus = new HashSet<>(corpus());
        app.templates().catalog().all().forEach(p -> corpus.add("template:" + p.ref()));
        GoldenSet golden = GoldenSet.load(TestFactory.ROOT.resolve(GoldenSet.PATH));
        GoldenSet present = golden.within(corpus);
        assertEquals(golden.cases().size(), present.cases().size(), "every golden document must be indexed; indexed: " + corpus);
        assertTrue(present.cases().size() >= 20);
        List<GoldenSet.Outcome> outcomes = present.evaluate(app.knowledge().index().forTenant(ACME));
        double recall = GoldenSet.recall(outcomes);
        String misses = outcomes.stream().filter(o -> o.recall() < 1).map(o -> o.golden().query() + " → " + o.top()).collect(Collectors.joining("\n"));
        assertTrue(recall >= 0.9, "recall@5 " + recall + "; misses:\n" + misses);
    }

    @Test
    @org.junit.jupiter.api.Order(3)
    void aRedeliveredEventChangesNothingAndAnotherTenantsEnvelopeReachesNoneOfAcmesRecords() {
        FactoryRun run = runs.get(0);
        var bean = app.capabilities().bean(com.connectsoft.factory.capability.CapabilityRegistry.KNOWLEDGE_INDEX);
        int before = app.knowledge().index().forTenant(ACME).count();
        for (String tenant : List.of("acme", "acme", "globex")) {
            bean.apply(new com.connectsoft.factory.shared.domain.Envelope("evt-redelivered-" + tenant, "FactoryRunCompleted", tenant,
                    run.projectId(), null, run.traceId(), run.correlationId(), null, java.time.Instant.now(), 1,
                    com.connectsoft.factory.platform.json.Json.payload(java.util.Map.of("runId", run.runId()))));
        }
        assertEquals(before, app.knowledge().index().forTenant(ACME).count());
        assertEquals(0, app.knowledge().index().forTenant(TenantId.of("globex")).count(),
                "an event in globex's name finds no run of acme's: nothing is indexed");
    }

    /** Last: it would mend what the events missed. */
    @Test
    @org.junit.jupiter.api.Order(4)
    void aRebuildFromTheStoresGivesTheSameIndexAndKeepsOneOfEach() {
        int before = app.knowledge().index().forTenant(ACME).count();
        var rebuilt = app.knowledge().rebuild().rebuild();
        assertEquals(before, rebuilt.tenantDocuments());
        assertEquals(before, app.knowledge().index().forTenant(ACME).count());
    }
}
