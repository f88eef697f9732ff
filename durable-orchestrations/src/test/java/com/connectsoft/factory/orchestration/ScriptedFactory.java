package com.connectsoft.factory.orchestration;

import com.connectsoft.factory.orchestration.Contracts.CompensateRequest;
import com.connectsoft.factory.orchestration.Contracts.Compensation;
import com.connectsoft.factory.orchestration.Contracts.FinishRequest;
import com.connectsoft.factory.orchestration.Contracts.RecordRequest;
import com.connectsoft.factory.orchestration.Contracts.StepRequest;
import com.connectsoft.factory.orchestration.local.LocalDurableBackend;
import com.connectsoft.factory.run.vocabulary.BuildStatus;
import com.connectsoft.factory.run.vocabulary.Decision;
import com.connectsoft.factory.run.vocabulary.Step;
import com.connectsoft.factory.run.vocabulary.StepOutcome;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The factory's side of the activities, scripted: each dispatched command is answered the way the capabilities and
 * the run relay would (raised on the waiting instance from another thread), unless the script says otherwise.
 */
final class ScriptedFactory implements FactoryActivities {
    static final String TENANT = "acme";

    final List<StepRequest> dispatched = new CopyOnWriteArrayList<>();
    final List<RecordRequest> recorded = new CopyOnWriteArrayList<>();
    final List<FinishRequest> finished = new CopyOnWriteArrayList<>();
    final List<CompensateRequest> compensated = new CopyOnWriteArrayList<>();
    /** (moduleId + "/" + step) → answer; null answer = never answers. Default: success. */
    final Map<String, Function<StepRequest, StepOutcome>> script = new ConcurrentHashMap<>();
    private final ExecutorService relay = Executors.newSingleThreadExecutor();
    LocalDurableBackend backend;

    static StepOutcome ok(Step step) {
        return switch (step.kind()) {
            case RENDER -> new StepOutcome.Rendered(3, 30, 5, "art-src", "sha256:m");
            case CHECK -> new StepOutcome.PolicyDecided(step.checkId(), "1.0.0", Decision.Allow, List.of(), "art-p");
            case VALIDATE -> new StepOutcome.Validated(BuildStatus.PASSED, 10, 10, 0, 100, "art-b", "");
            default -> new StepOutcome.Committed("runs/r", "c0ffee", 3, "art-c");
        };
    }

    static StepOutcome refused(String reason) {
        return new StepOutcome.RenderRefused(List.of(reason));
    }

    static StepOutcome decided(Step check, Decision decision, String reason) {
        return new StepOutcome.PolicyDecided(check.checkId(), "1.0.0", decision, List.of(reason), "art-p");
    }

    static StepOutcome buildFailed(String reason) {
        return new StepOutcome.Validated(BuildStatus.FAILED, 10, 8, 2, 100, "art-b", reason);
    }

    void answer(String moduleId, Step step, Function<StepRequest, StepOutcome> answer) {
        script.put(moduleId + "/" + step, answer);
    }

    void silent(String moduleId, Step step) {
        script.put(moduleId + "/" + step, r -> null);
    }

    List<StepRequest> dispatchedOf(String moduleId, Step step) {
        return dispatched.stream().filter(r -> java.util.Objects.equals(r.moduleId(), moduleId) && r.step().equals(step)).toList();
    }

    @Override
    public void dispatch(StepRequest r) {
        dispatched.add(r);
        Function<StepRequest, StepOutcome> f = script.getOrDefault(r.moduleId() + "/" + r.step(), x -> ok(x.step()));
        StepOutcome result = f.apply(r);
        if (result != null) {
            relay.submit(() -> backend.raise(TENANT, r.instanceId(), OrchestrationNames.resultEvent(r.step()), result, r.eventId()));
        }
    }

    @Override
    public void record(RecordRequest r) {
        recorded.add(r);
    }

    @Override
    public void finish(FinishRequest r) {
        finished.add(r);
    }

    @Override
    public Compensation compensate(CompensateRequest r) {
        compensated.add(r);
        return new Compensation(2, "runs/" + r.runId(), "removed 2 uncommitted artifact(s) and branch runs/" + r.runId());
    }

    void close() {
        relay.shutdownNow();
    }
}
