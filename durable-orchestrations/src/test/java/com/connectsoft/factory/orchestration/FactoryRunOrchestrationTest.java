package com.connectsoft.factory.orchestration;

import com.connectsoft.factory.run.vocabulary.Decision;
import com.connectsoft.factory.run.vocabulary.RunStatus;
import com.connectsoft.factory.run.vocabulary.Step;
import com.connectsoft.factory.run.vocabulary.StepOutcome;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.orchestration.Contracts.ApprovalDecision;
import com.connectsoft.factory.orchestration.Contracts.FinishRequest;
import com.connectsoft.factory.orchestration.Contracts.ModuleOutcome;
import com.connectsoft.factory.orchestration.Contracts.PlannedModule;
import com.connectsoft.factory.orchestration.Contracts.RunPlan;
import com.connectsoft.factory.orchestration.Contracts.StepRequest;
import com.connectsoft.factory.orchestration.local.LocalDurableBackend;
import com.connectsoft.factory.orchestration.local.LocalDurableBackend.InstanceView;
import com.microsoft.durabletask.JacksonDataConverter;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The run's logic on the local backend, with the factory's side scripted: success, failures, timeouts, approvals, cancel. */
class FactoryRunOrchestrationTest {
    static final String RUN = "run-1";
    static final List<String> CHECKS = List.of("isolation", "secrets", "allowlist");
    static final StepPolicy POLICY = new StepPolicy(60, 3, 5, 2.0, 3600);

    final ManualClock clock = new ManualClock();
    final InMemoryInstanceStore store = new InMemoryInstanceStore();
    final ScriptedFactory factory = new ScriptedFactory();
    LocalDurableBackend backend;

    @BeforeEach
    void start() {
        backend = FactoryOrchestrations.localBackend(store, factory, clock, 2);
        factory.backend = backend;
        backend.start();
    }

    @AfterEach
    void stop() {
        backend.close();
        factory.close();
    }

    void startRun(String... modules) {
        List<PlannedModule> planned = java.util.Arrays.stream(modules).map(m -> new PlannedModule(m, "module " + m)).toList();
        assertTrue(backend.schedule(ScriptedFactory.TENANT, OrchestrationNames.FACTORY_RUN, RUN,
                new RunPlan(ScriptedFactory.TENANT, RUN, planned, CHECKS, POLICY)));
    }

    FinishRequest awaitEnd() throws InterruptedException {
        InstanceView v = backend.waitFor(ScriptedFactory.TENANT, RUN, InstanceView::finished, Duration.ofSeconds(20))
                .orElseThrow(() -> new AssertionError("the run did not end; dispatched " + factory.dispatched.size()));
        assertEquals("Completed", v.status(), v.failure());
        return new JacksonDataConverter().deserialize(v.output(), FinishRequest.class);
    }

    /** Waits until the factory saw the condition (the orchestration got that far). */
    void until(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("never got to: " + what + "; dispatched " + factory.dispatched.stream()
                        .map(r -> r.moduleId() + "/" + r.step()).toList());
            }
            Thread.sleep(5);
        }
    }

    /** Moves the clock and waits until the backend replayed what that made due (timers) and has nothing left to do. */
    void advanceAndSettle(Duration d) throws InterruptedException {
        long before = backend.episodes();
        clock.advance(d);
        until("timers after " + d, () -> backend.episodes() > before && backend.idle());
    }

    ModuleOutcome outcome(FinishRequest end, String moduleId) {
        return end.modules().stream().filter(m -> m.moduleId().equals(moduleId)).findFirst().orElseThrow();
    }

    @Test
    void everyModuleGoesThroughEveryStepAndOneCommitTakesThemAll() throws Exception {
        startRun("a", "b", "c");
        FinishRequest end = awaitEnd();

        assertEquals(RunStatus.COMPLETED, end.status());
        for (String m : List.of("a", "b", "c")) {
            assertEquals(1, factory.dispatchedOf(m, Step.RENDER).size());
            CHECKS.forEach(c -> assertEquals(1, factory.dispatchedOf(m, Step.check(c)).size()));
            assertEquals(1, factory.dispatchedOf(m, Step.VALIDATE).size());
            assertTrue(outcome(end, m).passed());
        }
        List<StepRequest> publish = factory.dispatchedOf(null, Step.PUBLISH);
        assertEquals(1, publish.size());
        assertEquals(List.of("a", "b", "c"), publish.get(0).moduleIds());
        Set<String> ids = new HashSet<>();
        factory.dispatched.forEach(r -> assertTrue(ids.add(r.eventId()), "command eventIds are unique: " + r));
        assertEquals(OrchestrationNames.commandEventId(OrchestrationNames.moduleInstance(RUN, "a"), Step.RENDER, 1),
                factory.dispatchedOf("a", Step.RENDER).get(0).eventId(), "derived from instance, step and attempt");
        assertEquals(1, factory.finished.size());
        assertEquals(3 * 5 + 1, factory.recorded.size(), "render, 3 checks and validate per module, then publish");
        assertEquals(4, backend.list(ScriptedFactory.TENANT, RUN).size(), "the run and one sub-orchestration per module");
    }

    @Test
    void aFailedModuleFailsOnlyItsBranchAndTheRunSaysItPartlySucceeded() throws Exception {
        factory.answer("b", Step.RENDER, r -> ScriptedFactory.refused("entity Order has no fields"));
        factory.answer("c", Step.check("secrets"), r -> ScriptedFactory.decided(Step.check("secrets"), Decision.Deny, "password in config"));
        startRun("a", "b", "c");
        FinishRequest end = awaitEnd();

        assertEquals(RunStatus.PARTIALLY_COMPLETED, end.status());
        assertTrue(end.reason().startsWith("1 of 3 modules committed"), end.reason());
        assertEquals("render", outcome(end, "b").stage());
        assertTrue(outcome(end, "b").reason().contains("entity Order has no fields"));
        assertEquals("governance", outcome(end, "c").stage());
        assertTrue(outcome(end, "c").reason().contains("secrets: password in config"));
        assertEquals(0, factory.dispatchedOf("b", Step.VALIDATE).size(), "a refused module is not built");
        assertEquals(0, factory.dispatchedOf("c", Step.VALIDATE).size(), "a denied module is not built");
        assertEquals(List.of("a"), factory.dispatchedOf(null, Step.PUBLISH).get(0).moduleIds());
    }

    @Test
    void whenNoModulePassesNothingIsPublishedAndTheRunFails() throws Exception {
        factory.answer("a", Step.VALIDATE, r -> ScriptedFactory.buildFailed("2 tests failed"));
        startRun("a");
        FinishRequest end = awaitEnd();
        assertEquals(RunStatus.FAILED, end.status());
        assertTrue(end.reason().contains("module a (validate): build failed: 2 tests failed"), end.reason());
        assertEquals(0, factory.dispatchedOf(null, Step.PUBLISH).size());
    }

    @Test
    void aBuildFailureIsSaidOnceWhenTheRunnersReasonSaysItAlready() {
        assertEquals("build failed: compilation failed: A.java:3: x", FactoryModuleOrchestration.buildFailure(
                (StepOutcome.Validated) ScriptedFactory.buildFailed("build failed: compilation failed: A.java:3: x")));
        assertEquals("infra/ build failed: 1 of 16 tests failed", FactoryModuleOrchestration.buildFailure(
                (StepOutcome.Validated) ScriptedFactory.buildFailed("infra/ build failed: 1 of 16 tests failed")));
        assertEquals("build failed: timed out after 5 s", FactoryModuleOrchestration.buildFailure(
                (StepOutcome.Validated) ScriptedFactory.buildFailed("timed out after 5 s")));
    }

    @Test
    void aStepWithoutResultIsSentAgainAfterBackoffAndFailsItsBranchAfterTheLastAttempt() throws Exception {
        factory.silent("b", Step.VALIDATE);
        startRun("a", "b");
        for (int attempt = 1; attempt <= POLICY.maxAttempts(); attempt++) {
            int n = attempt;
            until("validate attempt " + n, () -> factory.dispatchedOf("b", Step.VALIDATE).size() == n);
            until("waiting", () -> backend.idle());
            advanceAndSettle(POLICY.stepTimeout().plusSeconds(1));
            if (attempt < POLICY.maxAttempts()) {
                advanceAndSettle(POLICY.backoff(attempt).plusSeconds(1));
            }
        }
        FinishRequest end = awaitEnd();

        List<StepRequest> sent = factory.dispatchedOf("b", Step.VALIDATE);
        assertEquals(3, sent.size());
        assertEquals(List.of(1, 2, 3), sent.stream().map(StepRequest::attempt).toList());
        assertEquals(3, sent.stream().map(StepRequest::eventId).distinct().count(), "each attempt is a new command");
        assertEquals(RunStatus.PARTIALLY_COMPLETED, end.status());
        assertEquals("validate", outcome(end, "b").stage());
        assertTrue(outcome(end, "b").reason().contains("no result after 3 attempt(s) of 60 s each"), outcome(end, "b").reason());
    }

    @Test
    void aLateResultOfAnEarlierAttemptStillCounts() throws Exception {
        factory.silent("a", Step.RENDER);
        startRun("a");
        until("render sent", () -> factory.dispatchedOf("a", Step.RENDER).size() == 1);
        until("waiting", () -> backend.idle());
        advanceAndSettle(POLICY.stepTimeout().plusSeconds(1));
        StepRequest first = factory.dispatchedOf("a", Step.RENDER).get(0);
        backend.raise(ScriptedFactory.TENANT, first.instanceId(), OrchestrationNames.resultEvent(Step.RENDER),
                ScriptedFactory.ok(Step.RENDER), first.eventId());
        clock.advance(POLICY.backoff(1).plusSeconds(1));
        assertEquals(RunStatus.COMPLETED, awaitEnd().status());
        assertEquals(2, factory.dispatchedOf("a", Step.RENDER).size());
    }

    void requireApproval(String moduleId) {
        factory.answer(moduleId, Step.check("allowlist"),
                r -> ScriptedFactory.decided(Step.check("allowlist"), Decision.RequiresApproval, "Employee.nationalId is sensitive data"));
    }

    void untilWaitingForApproval(String moduleId) throws InterruptedException {
        until("approval requested", () -> factory.recorded.stream().anyMatch(r -> r.step().equals(Step.APPROVAL_REQUESTED)
                && r.moduleId().equals(moduleId)));
        until("idle", () -> backend.idle());
    }

    @Test
    void anApprovedModuleGoesOnToItsBuild() throws Exception {
        requireApproval("a");
        startRun("a", "b");
        untilWaitingForApproval("a");
        assertEquals(0, factory.dispatchedOf("a", Step.VALIDATE).size(), "nothing is built before the answer");
        assertTrue(factory.recorded.stream().anyMatch(r -> Step.APPROVAL_REQUESTED.equals(r.step())
                && r.note().contains("allowlist: Employee.nationalId is sensitive data")));

        backend.raise(ScriptedFactory.TENANT, OrchestrationNames.moduleInstance(RUN, "a"), OrchestrationNames.APPROVAL_EVENT,
                new ApprovalDecision(true, "dana", "reviewed"), "approval-1");
        FinishRequest end = awaitEnd();
        assertEquals(RunStatus.COMPLETED, end.status());
        assertEquals(1, factory.dispatchedOf("a", Step.VALIDATE).size());
        assertTrue(factory.recorded.stream().anyMatch(r -> Step.APPROVAL.equals(r.step()) && r.approval().approved()
                && r.approval().by().equals("dana")));
    }

    @Test
    void aRejectedModuleIsNotBuiltOrCommitted() throws Exception {
        requireApproval("a");
        startRun("a", "b");
        untilWaitingForApproval("a");
        backend.raise(ScriptedFactory.TENANT, OrchestrationNames.moduleInstance(RUN, "a"), OrchestrationNames.APPROVAL_EVENT,
                new ApprovalDecision(false, "dana", "national ids need a DPIA first"), "approval-1");
        FinishRequest end = awaitEnd();
        assertEquals(RunStatus.PARTIALLY_COMPLETED, end.status());
        assertEquals("approval", outcome(end, "a").stage());
        assertTrue(outcome(end, "a").reason().contains("rejected by dana: national ids need a DPIA first"));
        assertEquals(0, factory.dispatchedOf("a", Step.VALIDATE).size());
        assertEquals(List.of("b"), factory.dispatchedOf(null, Step.PUBLISH).get(0).moduleIds());
    }

    @Test
    void anApprovalNobodyGivesBeforeTheDeadlineIsARejection() throws Exception {
        requireApproval("a");
        startRun("a");
        untilWaitingForApproval("a");
        clock.advance(Duration.ofSeconds(POLICY.approvalTimeoutSeconds() + 1));
        FinishRequest end = awaitEnd();
        assertEquals(RunStatus.FAILED, end.status());
        assertTrue(outcome(end, "a").reason().contains("rejected by deadline: nobody approved within 1 h 0 min 0 s"),
                outcome(end, "a").reason());
        assertTrue(factory.recorded.stream().anyMatch(r -> Step.APPROVAL.equals(r.step()) && !r.approval().approved()));
    }

    @Test
    void anApprovalNobodyAnswersEscalatesBeforeItsDeadlineAndTheSecondGroupCanAnswer() throws Exception {
        requireApproval("a");
        List<PlannedModule> planned = List.of(new PlannedModule("a", "module a"));
        assertTrue(backend.schedule(ScriptedFactory.TENANT, OrchestrationNames.FACTORY_RUN, RUN, new RunPlan(ScriptedFactory.TENANT, RUN,
                planned, CHECKS, POLICY.withEscalation(Duration.ofMinutes(20), "security-leads"))));
        untilWaitingForApproval("a");
        assertTrue(factory.recorded.stream().noneMatch(r -> Step.APPROVAL_ESCALATED.equals(r.step())), "not before its time");
        advanceAndSettle(Duration.ofMinutes(20).plusSeconds(1));
        until("escalated", () -> factory.recorded.stream().anyMatch(r -> Step.APPROVAL_ESCALATED.equals(r.step())
                && r.note().equals("security-leads")));
        backend.raise(ScriptedFactory.TENANT, OrchestrationNames.moduleInstance(RUN, "a"), OrchestrationNames.APPROVAL_EVENT,
                new ApprovalDecision(true, "lee", "escalated and reviewed"), "approval-1");
        FinishRequest end = awaitEnd();
        assertEquals(RunStatus.COMPLETED, end.status());
        assertEquals(1, factory.recorded.stream().filter(r -> Step.APPROVAL_ESCALATED.equals(r.step())).count());
    }

    @Test
    void anEscalatedApprovalNobodyAnswersStillExpiresAtItsDeadline() throws Exception {
        requireApproval("a");
        assertTrue(backend.schedule(ScriptedFactory.TENANT, OrchestrationNames.FACTORY_RUN, RUN, new RunPlan(ScriptedFactory.TENANT, RUN,
                List.of(new PlannedModule("a", "module a")), CHECKS, POLICY.withEscalation(Duration.ofMinutes(20), "security-leads"))));
        untilWaitingForApproval("a");
        advanceAndSettle(Duration.ofMinutes(20).plusSeconds(1));
        until("escalated", () -> factory.recorded.stream().anyMatch(r -> Step.APPROVAL_ESCALATED.equals(r.step())));
        clock.advance(Duration.ofSeconds(POLICY.approvalTimeoutSeconds()).minusMinutes(20)); // the rest of the deadline, no more
        FinishRequest end = awaitEnd();
        assertEquals(RunStatus.FAILED, end.status());
        assertTrue(outcome(end, "a").reason().contains("rejected by deadline: nobody approved within 1 h 0 min 0 s"), outcome(end, "a").reason());
    }

    @Test
    void anEscalationMustComeBeforeTheDeadline() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> POLICY.withEscalation(Duration.ofHours(2), "leads"));
        assertTrue(e.getMessage().contains("before its deadline"), e.getMessage());
    }

    @Test
    void cancellingStopsEveryBranchCompensatesOnceAndEndsTheRunCancelled() throws Exception {
        requireApproval("a");
        factory.silent("b", Step.VALIDATE);
        startRun("a", "b");
        untilWaitingForApproval("a");
        until("b building", () -> factory.dispatchedOf("b", Step.VALIDATE).size() == 1);
        for (String instance : List.of(RUN, OrchestrationNames.moduleInstance(RUN, "a"), OrchestrationNames.moduleInstance(RUN, "b"))) {
            backend.raise(ScriptedFactory.TENANT, instance, OrchestrationNames.CANCEL_EVENT, "wrong blueprint", "cancel-1");
            backend.raise(ScriptedFactory.TENANT, instance, OrchestrationNames.CANCEL_EVENT, "wrong blueprint", "cancel-1");
        }
        FinishRequest end = awaitEnd();

        assertEquals(RunStatus.CANCELLED, end.status());
        assertTrue(end.reason().startsWith("cancelled: wrong blueprint; removed 2 uncommitted artifact(s)"), end.reason());
        assertEquals(1, factory.compensated.size());
        assertEquals(0, factory.dispatchedOf(null, Step.PUBLISH).size());
        for (String m : List.of("a", "b")) {
            Optional<InstanceView> child = backend.waitFor(ScriptedFactory.TENANT, OrchestrationNames.moduleInstance(RUN, m),
                    InstanceView::finished, Duration.ofSeconds(10));
            assertTrue(child.isPresent() && child.get().output().contains("\"cancelled\""), "module " + m + " stopped: " + child);
        }
    }

    @Test
    void aRestartedBackendContinuesWhereTheStoreSaysTheRunIs() throws Exception {
        factory.silent("a", Step.VALIDATE);
        startRun("a");
        until("validate sent", () -> factory.dispatchedOf("a", Step.VALIDATE).size() == 1);
        until("idle", () -> backend.idle());
        backend.close();

        ScriptedFactory after = new ScriptedFactory();
        LocalDurableBackend restarted = FactoryOrchestrations.localBackend(store, after, clock, 2);
        after.backend = restarted;
        try {
            assertEquals(2, restarted.start(), "the run and its module are unfinished");
            StepRequest sent = factory.dispatchedOf("a", Step.VALIDATE).get(0);
            restarted.raise(ScriptedFactory.TENANT, sent.instanceId(), OrchestrationNames.resultEvent(Step.VALIDATE),
                    ScriptedFactory.ok(Step.VALIDATE), sent.eventId());
            InstanceView v = restarted.waitFor(ScriptedFactory.TENANT, RUN, InstanceView::finished, Duration.ofSeconds(20)).orElseThrow();
            assertTrue(v.output().contains("\"completed\""), v.output());
            assertEquals(0, after.dispatchedOf("a", Step.RENDER).size(), "nothing done before the restart is done again");
            assertEquals(1, after.dispatchedOf(null, Step.PUBLISH).size());
        } finally {
            restarted.close();
            after.close();
        }
    }
}
