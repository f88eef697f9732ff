package com.connectsoft.factory.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.audit.domain.AuditAction;
import com.connectsoft.factory.audit.domain.AuditChain;
import com.connectsoft.factory.audit.domain.AuditEntry;
import com.connectsoft.factory.capability.CapabilityRegistry;
import com.connectsoft.factory.orchestration.StepPolicy;
import com.connectsoft.factory.run.TestFactory;
import com.connectsoft.factory.run.application.RunProgress;
import com.connectsoft.factory.run.application.StartRun;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.run.vocabulary.BuildStatus;
import com.connectsoft.factory.run.vocabulary.RunStatus;
import com.connectsoft.factory.shared.domain.TenantId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a run leaves in its tenant's audit log: every policy decision, the approval's request, escalation and answer, a cancellation. */
class RunAuditTest {
    private static final TenantId ACME = TenantId.of("acme");
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String PAYROLL = TestFactory.NEEDS_APPROVAL;
    private Path dir;

    @BeforeEach
    void dir() throws Exception {
        dir = Files.createTempDirectory("run-audit");
    }

    private Factory open(StepPolicy steps) {
        return Factory.with(TestFactory.settings(dir.resolve("data")).withSteps(steps)).builds(new TestFactory.RecordingBuilds(BuildStatus.PASSED))
                .clock(Clock.systemUTC()).open().dispatchLocally();
    }

    private static FactoryRun waiting(Factory app) {
        FactoryRun run = assertInstanceOf(StartRun.Result.Finished.class, app.runs().start().run(new StartRun.Request(ACME, "payroll.blueprint.yaml",
                PAYROLL.getBytes(StandardCharsets.UTF_8), Optional.empty(), StartRun.DEFAULT_TEMPLATE), RunProgress.SILENT)).run();
        assertEquals(RunStatus.WAITING_FOR_APPROVAL, run.status(), run::failure);
        return run;
    }

    private static FactoryRun ended(Factory app, String runId) throws InterruptedException {
        Instant until = Instant.now().plus(DEADLINE);
        FactoryRun run = app.runs().queries().find(ACME, runId).orElseThrow();
        while (!run.terminal() && Instant.now().isBefore(until)) {
            Thread.sleep(20);
            run = app.runs().queries().find(ACME, runId).orElseThrow();
        }
        assertTrue(run.terminal(), "the run did not end: " + run.status());
        return run;
    }

    private static List<AuditAction> actions(Factory app) {
        return app.audit().queries().latest(ACME, 1000).stream().map(AuditEntry::action).toList();
    }

    @Test
    void everyPolicyDecisionTheRequestAndTheRejectionAreInTheLog() throws Exception {
        try (Factory app = open(StepPolicy.STANDARD)) {
            FactoryRun run = waiting(app);
            app.runs().approvals().answer(ACME, run.runId(), false, "dana", "no bank data here");
            assertEquals(RunStatus.FAILED, ended(app, run.runId()).status());
            List<AuditEntry> log = app.audit().queries().latest(ACME, 1000);
            List<AuditEntry> decisions = log.stream().filter(e -> e.action() == AuditAction.POLICY_DECIDED).toList();
            assertEquals(CapabilityRegistry.GOVERNANCE_CHECKS.size(), decisions.size(), log::toString);
            assertTrue(decisions.stream().anyMatch(e -> e.details().get("decision").equals("RequiresApproval")
                    && e.actor().equals("policy:" + com.connectsoft.factory.governance.domain.SensitiveDataCheck.ID)), decisions::toString);
            AuditEntry rejected = log.stream().filter(e -> e.action() == AuditAction.APPROVAL_REJECTED).findFirst().orElseThrow();
            assertEquals("user:dana", rejected.actor());
            assertEquals("no bank data here", rejected.details().get("comment"));
            assertEquals(1, actions(app).stream().filter(a -> a == AuditAction.APPROVAL_REQUESTED).count());
            assertInstanceOf(AuditChain.Verification.Intact.class, app.audit().queries().verify(ACME));
        }
    }

    @Test
    void anApprovalThroughTheApiIsRecordedAsTheCredentialThatSentItNotTheNameInTheBody() throws Exception {
        try (Factory app = open(StepPolicy.STANDARD)) {
            app.tenancy().administration().register(ACME, "Acme", "developer");
            var issued = app.tenancy().administration().issueKey(ACME, Duration.ofDays(1));
            FactoryRun run = waiting(app);
            com.connectsoft.factory.api.FactoryApi.Response r = new com.connectsoft.factory.api.FactoryApi(app, Optional.empty())
                    .handle(new com.connectsoft.factory.api.FactoryApi.Request("POST", "/api/v1/runs/" + run.runId() + "/approve",
                            java.util.Map.of("X-Api-Key", issued.key()), java.util.Map.of(),
                            "{\"by\":\"the-ceo\",\"comment\":\"fine\"}".getBytes(StandardCharsets.UTF_8), "10.0.0.1"));
            assertEquals(202, r.status(), () -> new String(r.body(), StandardCharsets.UTF_8));
            String by = "key:" + issued.info().keyId();
            assertTrue(new String(r.body(), StandardCharsets.UTF_8).contains("\"by\":\"" + by + "\""), () -> new String(r.body(), StandardCharsets.UTF_8));
            ended(app, run.runId());
            AuditEntry approved = app.audit().queries().latest(ACME, 1000).stream().filter(e -> e.action() == AuditAction.APPROVAL_GRANTED)
                    .findFirst().orElseThrow(() -> new AssertionError(actions(app).toString()));
            assertEquals("user:" + by, approved.actor());
            assertEquals("fine", approved.details().get("comment"));
        }
    }

    @Test
    void anUnansweredApprovalEscalatesThenExpiresAndBothAreInTheLog() throws Exception {
        StepPolicy quick = StepPolicy.STANDARD.withApprovalTimeout(Duration.ofSeconds(3)).withEscalation(Duration.ofSeconds(1), "security-leads");
        try (Factory app = open(quick)) {
            FactoryRun run = waiting(app);
            assertEquals(RunStatus.FAILED, ended(app, run.runId()).status());
            List<AuditEntry> log = app.audit().queries().latest(ACME, 1000);
            AuditEntry escalated = log.stream().filter(e -> e.action() == AuditAction.APPROVAL_ESCALATED).findFirst().orElseThrow(() -> new AssertionError(log.toString()));
            assertEquals("security-leads", escalated.details().get("group"));
            List<AuditAction> order = actions(app);
            assertTrue(order.indexOf(AuditAction.APPROVAL_REQUESTED) < order.indexOf(AuditAction.APPROVAL_ESCALATED)
                    && order.indexOf(AuditAction.APPROVAL_ESCALATED) < order.indexOf(AuditAction.APPROVAL_EXPIRED), order::toString);
            assertEquals("system", log.stream().filter(e -> e.action() == AuditAction.APPROVAL_EXPIRED).findFirst().orElseThrow().actor());
        }
    }

    @Test
    void aCancelledRunIsInTheLogOnce() throws Exception {
        try (Factory app = open(StepPolicy.STANDARD)) {
            FactoryRun run = waiting(app);
            app.runs().cancellation().cancel(ACME, run.runId(), "wrong blueprint");
            assertEquals(RunStatus.CANCELLED, ended(app, run.runId()).status());
            assertTrue(app.drain(DEADLINE));
            List<AuditEntry> cancelled = app.audit().queries().latest(ACME, 1000).stream()
                    .filter(e -> e.action() == AuditAction.RUN_CANCELLED).toList();
            assertEquals(1, cancelled.size());
            assertTrue(cancelled.get(0).details().get("reason").contains("wrong blueprint"), cancelled.get(0)::toString);
        }
    }
}
