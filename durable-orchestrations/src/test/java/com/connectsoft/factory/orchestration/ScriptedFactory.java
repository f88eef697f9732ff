package com.connectsoft.factory.orchestration;

import com.connectsoft.factory.orchestration.Contracts.CompensateRequest;
import com.connectsoft.factory.orchestration.Contracts.Compensation;
import com.connectsoft.factory.orchestration.Contracts.FinishRequest;
import com.connectsoft.factory.orchestration.Contracts.RecordRequest;
import com.connectsoft.factory.orchestration.Contracts.StepRequest;
import com.connectsoft.factory.orchestration.Contracts.StepResult;
import com.connectsoft.factory.orchestration.local.LocalDurableBackend;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
    static final ObjectMapper JSON = new ObjectMapper();
    static final String TENANT = "acme";

    final List<StepRequest> dispatched = new CopyOnWriteArrayList<>();
    final List<RecordRequest> recorded = new CopyOnWriteArrayList<>();
    final List<FinishRequest> finished = new CopyOnWriteArrayList<>();
    final List<CompensateRequest> compensated = new CopyOnWriteArrayList<>();
    /** (moduleId + "/" + step) → answer; null answer = never answers. Default: success. */
    final Map<String, Function<StepRequest, StepResult>> script = new ConcurrentHashMap<>();
    private final ExecutorService relay = Executors.newSingleThreadExecutor();
    LocalDurableBackend backend;

    static StepResult ok(String step) {
        ObjectNode p = JSON.createObjectNode();
        if (step.equals(OrchestrationNames.RENDER)) {
            p.put("status", "rendered");
        } else if (step.startsWith(OrchestrationNames.CHECK_PREFIX)) {
            p.put("decision", "Allow");
        } else if (step.equals(OrchestrationNames.VALIDATE)) {
            p.put("status", "passed");
        } else {
            p.put("commitId", "c0ffee");
        }
        return new StepResult("Result", p, null);
    }

    static StepResult payload(String field, String value, String reason) {
        ObjectNode p = JSON.createObjectNode();
        p.put(field, value);
        p.putArray("reasons").add(reason);
        return new StepResult("Result", p, null);
    }

    void answer(String moduleId, String step, Function<StepRequest, StepResult> answer) {
        script.put(moduleId + "/" + step, answer);
    }

    void silent(String moduleId, String step) {
        script.put(moduleId + "/" + step, r -> null);
    }

    List<StepRequest> dispatchedOf(String moduleId, String step) {
        return dispatched.stream().filter(r -> java.util.Objects.equals(r.moduleId(), moduleId) && r.step().equals(step)).toList();
    }

    @Override
    public void dispatch(StepRequest r) {
        dispatched.add(r);
        Function<StepRequest, StepResult> f = script.getOrDefault(r.moduleId() + "/" + r.step(), x -> ok(x.step()));
        StepResult result = f.apply(r);
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
