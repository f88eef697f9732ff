package com.connectsoft.factory.run.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.run.vocabulary.BranchStatus;
import com.connectsoft.factory.run.vocabulary.BuildStatus;
import com.connectsoft.factory.run.vocabulary.Decision;
import com.connectsoft.factory.run.vocabulary.GovernanceStatus;
import com.connectsoft.factory.run.vocabulary.RenderStatus;
import com.connectsoft.factory.run.vocabulary.RunStatus;
import com.connectsoft.factory.run.vocabulary.Stage;
import com.connectsoft.factory.run.vocabulary.StageStatus;
import com.connectsoft.factory.run.vocabulary.StepOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The run aggregate's transitions, without any I/O: each outcome's effect, stages closing, facts, and idempotence. */
class FactoryRunTest {
    static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");
    static final Set<String> CHECKS = Set.of("isolation", "secrets");

    static FactoryRun run(String... modules) {
        return new FactoryRun("acme", "run-1", "proj-shop", "Shop", "bp-shop", 1, "T@1.0.0", "trace-1", "corr-1", RunStatus.RUNNING,
                List.of(), java.util.Arrays.stream(modules).map(m -> ModuleResult.planned("module-" + m, m, null)).toList(), null, null, null,
                null, T0, T0);
    }

    static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    static StepOutcome rendered() {
        return new StepOutcome.Rendered(10, 100, 7, "art-src", "sha256:m");
    }

    static StepOutcome allow(String check) {
        return new StepOutcome.PolicyDecided(check, "1.0.0", Decision.Allow, List.of(), "art-" + check);
    }

    static StepOutcome passed() {
        return new StepOutcome.Validated(BuildStatus.PASSED, 12, 12, 0, 1500, "art-build", "");
    }

    /** Renders, checks and builds every module of the run successfully. */
    static FactoryRun throughValidate(FactoryRun r) {
        for (ModuleResult m : r.modules()) {
            r = r.rendered(m.moduleId(), rendered(), at(1)).run();
            for (String c : CHECKS) {
                r = r.decided(m.moduleId(), c, allow(c), CHECKS, at(2)).run();
            }
            r = r.validated(m.moduleId(), passed(), at(3)).run();
        }
        return r;
    }

    @Test
    void aRenderedModuleIsMeteredAndTheRenderStageClosesWhenEveryModuleRendered() {
        FactoryRun r = run("a", "b");
        Transition first = r.rendered("module-a", rendered(), at(1));
        assertTrue(first.changed());
        assertEquals(RenderStatus.RENDERED, first.run().module("module-a").orElseThrow().render());
        assertEquals(List.of(new RunFact.UsageIncurred("renders", 1, "module", "module-a")), first.facts());
        assertFalse(first.run().hasStage(Stage.RENDER), "b has not rendered yet");

        Transition second = first.run().rendered("module-b", new StepOutcome.RenderRefused(List.of("no fields")), at(2));
        ModuleResult b = second.run().module("module-b").orElseThrow();
        assertEquals(RenderStatus.REFUSED, b.render());
        assertEquals(GovernanceStatus.NOT_RENDERED, b.governance());
        assertEquals(BuildStatus.SKIPPED, b.build());
        StageRecord stage = second.run().stages().get(0);
        assertEquals(Stage.RENDER, stage.name());
        assertEquals(StageStatus.PARTIAL, stage.status());
        assertEquals("10 files, 1 module(s) refused", stage.detail());
        assertEquals(2000, stage.durationMs(), "from the run's start to now");
        assertTrue(second.facts().contains(new RunFact.StageCompleted(stage)));
    }

    @Test
    void recordingTheSameOutcomeTwiceChangesNothing() {
        FactoryRun once = run("a").rendered("module-a", rendered(), at(1)).run();
        Transition again = once.rendered("module-a", rendered(), at(5));
        assertFalse(again.changed());
        assertEquals(once, again.run());
        assertTrue(again.facts().isEmpty());
    }

    @Test
    void governanceIsTheOverallDecisionOnceEveryCheckCameBackAndADenialSkipsTheBuild() {
        FactoryRun r = run("a").rendered("module-a", rendered(), at(1)).run();
        r = r.decided("module-a", "isolation", allow("isolation"), CHECKS, at(2)).run();
        assertEquals(GovernanceStatus.PENDING, r.module("module-a").orElseThrow().governance(), "one check is still out");
        Transition denied = r.decided("module-a", "secrets", new StepOutcome.PolicyDecided("secrets", "1.0.0", Decision.Deny,
                List.of("password in config"), "art-s"), CHECKS, at(3));
        ModuleResult m = denied.run().module("module-a").orElseThrow();
        assertEquals(GovernanceStatus.DENY, m.governance());
        assertEquals(List.of("secrets: password in config"), m.governanceReasons());
        assertEquals(BuildStatus.SKIPPED, m.build());
        assertEquals(List.of(Stage.RENDER, Stage.GOVERNANCE, Stage.VALIDATE), denied.run().stages().stream().map(StageRecord::name).toList(),
                "a denied module has passed the validate stage too");
        assertEquals(StageStatus.FAILED, denied.run().stages().get(1).status());
    }

    @Test
    void aCheckThatNeverRanDeniesWithItsReason() {
        FactoryRun r = run("a").rendered("module-a", rendered(), at(1)).run();
        r = r.decided("module-a", "isolation", new StepOutcome.NotRun("CheckTenantIsolation was dead-lettered"), CHECKS, at(2)).run();
        r = r.decided("module-a", "secrets", allow("secrets"), CHECKS, at(3)).run();
        ModuleResult m = r.module("module-a").orElseThrow();
        assertEquals(GovernanceStatus.DENY, m.governance());
        assertTrue(m.governanceReasons().contains("isolation: CheckTenantIsolation was dead-lettered"), m.governanceReasons().toString());
    }

    @Test
    void anApprovalRequestMakesTheRunWaitAndItsAnswerLetsItGoOn() {
        FactoryRun r = run("a", "b").rendered("module-a", rendered(), at(1)).run();
        r = r.decided("module-a", "isolation", allow("isolation"), CHECKS, at(2)).run();
        r = r.decided("module-a", "secrets", new StepOutcome.PolicyDecided("secrets", "1", Decision.RequiresApproval,
                List.of("national ids"), "x"), CHECKS, at(2)).run();
        Transition asked = r.approvalRequested("module-a", at(3));
        assertEquals(RunStatus.WAITING_FOR_APPROVAL, asked.run().status());
        assertEquals(GovernanceStatus.REQUIRES_APPROVAL, asked.run().module("module-a").orElseThrow().governance());
        assertEquals(List.of(new RunFact.ApprovalRequested("module-a", List.of("secrets: national ids"))), asked.facts());
        assertFalse(asked.run().approvalRequested("module-a", at(4)).changed(), "asking twice is asking once");

        Transition rejected = asked.run().approvalAnswered("module-a", false, "dana", "needs a DPIA", at(5));
        ModuleResult m = rejected.run().module("module-a").orElseThrow();
        assertEquals(GovernanceStatus.REJECTED, m.governance());
        assertEquals(BuildStatus.SKIPPED, m.build());
        assertEquals("rejected by dana: needs a DPIA", m.governanceReasons().get(m.governanceReasons().size() - 1));
        assertEquals(RunStatus.RUNNING, rejected.run().status());
        assertTrue(rejected.facts().contains(new RunFact.ApprovalAnswered("module-a", false, "dana", "needs a DPIA")));
        assertFalse(rejected.run().approvalAnswered("module-a", true, "eve", "", at(6)).changed(), "the first answer stands");
    }

    @Test
    void aBuildIsMeteredInWholeSecondsAndAFailedOneKeepsWhy() {
        FactoryRun r = run("a").rendered("module-a", rendered(), at(1)).run();
        for (String c : CHECKS) {
            r = r.decided("module-a", c, allow(c), CHECKS, at(2)).run();
        }
        Transition failed = r.validated("module-a", new StepOutcome.Validated(BuildStatus.FAILED, 10, 8, 2, 1001, "art-b",
                "2 of 10 tests failed: PetTest.creates"), at(3));
        ModuleResult m = failed.run().module("module-a").orElseThrow();
        assertEquals(BuildStatus.FAILED, m.build());
        assertEquals("2 of 10 tests failed: PetTest.creates", m.buildReason());
        assertTrue(failed.facts().contains(new RunFact.UsageIncurred("build-seconds", 2, "second", "module-a")), failed.facts().toString());
        assertEquals(StageStatus.FAILED, failed.run().stages().get(failed.run().stages().size() - 1).status());
        assertEquals(List.of(new Transition.Said(Stage.VALIDATE, "a", "failed: 2 of 10 tests failed: PetTest.creates")),
                failed.said().stream().filter(s -> s.stage() == Stage.VALIDATE).toList());
    }

    @Test
    void aCommitAndTheEndCloseTheRunWhichThenChangesNoMore() {
        FactoryRun r = throughValidate(run("a"));
        r = r.committed(new StepOutcome.Committed("factory/run-1", "0123456789abcdef", 10, "art-c"), at(4)).run();
        assertEquals("0123456789abcdef", r.commitId());
        assertEquals("commit 0123456789ab on factory/run-1, 10 files", r.stages().get(r.stages().size() - 1).detail());
        Transition end = r.finished(RunStatus.COMPLETED, null, List.of(new RunFact.ModuleEnd("module-a", BranchStatus.PASSED, "validate")),
                at(10));
        assertEquals(RunStatus.COMPLETED, end.run().status());
        assertTrue(end.run().terminal());
        assertEquals(Stage.DONE, end.run().stages().get(end.run().stages().size() - 1).name());
        assertTrue(end.facts().contains(new RunFact.UsageIncurred("runs", 1, "run", "run")));
        assertTrue(end.facts().stream().anyMatch(f -> f instanceof RunFact.Ended e && e.durationMs() == 10_000));
        assertFalse(end.run().validated("module-a", passed(), at(11)).changed());
        assertFalse(end.run().finished(RunStatus.FAILED, "late", List.of(), at(12)).changed(), "an ended run ends once");
    }

    @Test
    void aRunWithNothingCommittedEndsWithASkippedPublishAndACancelledOneSaysSo() {
        FactoryRun r = throughValidate(run("a"));
        Transition failed = r.finished(RunStatus.FAILED, "publish: no answer", List.of(), at(5));
        StageRecord publish = failed.run().stages().stream().filter(s -> s.name() == Stage.PUBLISH).findFirst().orElseThrow();
        assertEquals(StageStatus.SKIPPED, publish.status());
        assertEquals("publish: no answer", failed.run().failure());

        Transition compensated = r.compensated(3, "removed 3 uncommitted artifact(s)", at(5));
        assertTrue(compensated.facts().contains(new RunFact.Compensated(3, "removed 3 uncommitted artifact(s)")));
        assertFalse(compensated.run().compensated(3, "again", at(6)).changed());
        Transition cancelled = compensated.run().finished(RunStatus.CANCELLED, "cancelled: wrong blueprint", List.of(), at(7));
        assertEquals(StageStatus.CANCELLED, cancelled.run().stages().get(cancelled.run().stages().size() - 1).status());
        assertEquals("cancelled before the commit", cancelled.run().stages().stream().filter(s -> s.name() == Stage.PUBLISH)
                .findFirst().orElseThrow().detail());
    }

    @Test
    void aRunCannotEndInAStateThatIsNotAnEnd() {
        assertThrows(IllegalArgumentException.class, () -> run("a").finished(RunStatus.RUNNING, null, List.of(), at(1)));
        assertThrows(IllegalArgumentException.class, () -> run("a").rendered("module-zzz", rendered(), at(1)));
    }
}
