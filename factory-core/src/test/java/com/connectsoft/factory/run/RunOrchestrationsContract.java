package com.connectsoft.factory.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.orchestration.Contracts.PlannedModule;
import com.connectsoft.factory.orchestration.Contracts.RunPlan;
import com.connectsoft.factory.orchestration.OrchestrationNames;
import com.connectsoft.factory.orchestration.StepPolicy;
import com.connectsoft.factory.run.application.RunOrchestrations;
import com.connectsoft.factory.shared.domain.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link RunOrchestrations} adapter must have, on the local durable backend and on Durable
 * Functions' client alike: starting a run twice starts it once, also once it ended; raising an event with a dedupe key
 * the instance already took delivers nothing more, in this process or the next, and at once from many threads; without
 * a key every raise is an event; raising on an unknown instance, an ended one or another tenant's answers false and
 * delivers nothing.
 */
public abstract class RunOrchestrationsContract {
    protected static final TenantId A = TenantId.of("tenant-a");
    protected static final TenantId B = TenantId.of("tenant-b");
    /** The events the contract raises: a step's result (the run relay's) and a cancellation (the run control's). */
    protected static final String RESULT = OrchestrationNames.resultEvent(com.connectsoft.factory.run.vocabulary.Step.RENDER);
    protected static final String CANCEL = OrchestrationNames.CANCEL_EVENT;

    /** The adapter under test. */
    protected abstract RunOrchestrations orchestrations();

    /** The adapter as the next process sees it: a new one over the same durable state (the local host or the function app restarted). */
    protected abstract RunOrchestrations restarted();

    /** The plans the run's instance was started with, one per start (two mean the run started twice). */
    protected abstract List<RunPlan> starts(TenantId tenant, String runId);

    /**
     * Ends the instance (its orchestration completes) and returns the external events it received: by event name, the
     * data of each as JSON, in order.
     */
    protected abstract Map<String, List<String>> endAndCollect(TenantId tenant, String instanceId);

    private List<String> received(TenantId tenant, String instanceId, String eventName) {
        return endAndCollect(tenant, instanceId).getOrDefault(eventName, List.of());
    }

    protected static RunPlan plan(TenantId tenant, String runId) {
        return new RunPlan(tenant.value(), runId, List.of(new PlannedModule("mod-a", "patients")), List.of("secrets"), StepPolicy.STANDARD);
    }

    private static Map<String, Object> result(String text) {
        return Map.of("eventType", "ModuleRendered", "payload", Map.of("note", text));
    }

    @Test
    void startingARunTwiceStartsItOnce() {
        RunPlan plan = plan(A, "run-1");
        orchestrations().start(A, plan);
        orchestrations().start(A, plan);
        restarted().start(A, plan);
        assertEquals(List.of(plan), starts(A, "run-1"));
    }

    @Test
    void aRunThatEndedIsNotStartedAgain() {
        RunPlan plan = plan(A, "run-1");
        orchestrations().start(A, plan);
        endAndCollect(A, "run-1");
        orchestrations().start(A, plan);
        assertEquals(List.of(plan), starts(A, "run-1"));
        assertFalse(orchestrations().raise(A, "run-1", RESULT, result("late"), "evt-late"), "the run stays ended");
    }

    @Test
    void anEventRaisedTwiceWithOneDedupeKeyIsReceivedOnce() {
        orchestrations().start(A, plan(A, "run-1"));
        assertTrue(orchestrations().raise(A, "run-1", RESULT, result("first"), "evt-result-1"));
        assertTrue(orchestrations().raise(A, "run-1", RESULT, result("first"), "evt-result-1"), "a duplicate still answers true");
        assertTrue(orchestrations().raise(A, "run-1", RESULT, result("second"), "evt-result-2"));
        assertEquals(2, received(A, "run-1", RESULT).size(), "one event per dedupe key");
    }

    @Test
    void aDedupeKeyRaisedBeforeARestartIsNotRaisedAgainAfterIt() {
        orchestrations().start(A, plan(A, "run-1"));
        assertTrue(orchestrations().raise(A, "run-1", RESULT, result("once"), "evt-result-1"));
        assertTrue(restarted().raise(A, "run-1", RESULT, result("once"), "evt-result-1"));
        assertEquals(1, received(A, "run-1", RESULT).size());
    }

    @Test
    void anEventRaisedFromManyThreadsWithOneDedupeKeyIsReceivedOnce() throws Exception {
        orchestrations().start(A, plan(A, "run-1"));
        RunOrchestrations o = orchestrations();
        assertTrue(o.raise(A, "run-1", RESULT, result("earlier"), "evt-result-0"), "the instance took an event before");
        int callers = 5;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return o.raise(A, "run-1", RESULT, result("racing"), "evt-result-1");
                }));
            }
            go.countDown();
            for (Future<Boolean> f : answers) {
                assertTrue(f.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2, received(A, "run-1", RESULT).size(), "the earlier event and one of the racing ones");
    }

    @Test
    void withoutADedupeKeyEveryRaiseIsAnEvent() {
        orchestrations().start(A, plan(A, "run-1"));
        assertTrue(orchestrations().raise(A, "run-1", CANCEL, "stop", null));
        assertTrue(orchestrations().raise(A, "run-1", CANCEL, "stop", null));
        assertEquals(List.of("\"stop\"", "\"stop\""), received(A, "run-1", CANCEL));
    }

    @Test
    void theSameDedupeKeyOnTwoInstancesIsTwoEvents() {
        orchestrations().start(A, plan(A, "run-1"));
        orchestrations().start(A, plan(A, "run-2"));
        assertTrue(orchestrations().raise(A, "run-1", CANCEL, "stop", "cancel"));
        assertTrue(orchestrations().raise(A, "run-2", CANCEL, "stop", "cancel"));
        assertEquals(1, received(A, "run-1", CANCEL).size());
        assertEquals(1, received(A, "run-2", CANCEL).size());
    }

    @Test
    void raisingOnAnUnknownOrEndedInstanceAnswersFalse() {
        assertFalse(orchestrations().raise(A, "run-unknown", RESULT, result("x"), "evt-1"));
        assertFalse(orchestrations().raise(A, "run-unknown", CANCEL, "stop", null));
        orchestrations().start(A, plan(A, "run-1"));
        endAndCollect(A, "run-1");
        assertFalse(orchestrations().raise(A, "run-1", RESULT, result("x"), "evt-2"));
        assertFalse(orchestrations().raise(A, "run-1", CANCEL, "stop", null));
    }

    @Test
    void anotherTenantCannotRaiseOnARunItDoesNotOwn() {
        orchestrations().start(A, plan(A, "run-1"));
        assertFalse(orchestrations().raise(B, "run-1", RESULT, result("forged"), "evt-forged"));
        assertFalse(orchestrations().raise(B, "run-1", CANCEL, "stop", null));
        assertEquals(Map.of(), endAndCollect(A, "run-1"), "run-1 received nothing");
    }
}
