package com.connectsoft.factory.run.application;

import com.connectsoft.factory.orchestration.Contracts.StepResult;
import com.connectsoft.factory.orchestration.OrchestrationNames;
import com.connectsoft.factory.platform.bus.DeadLetters;
import com.connectsoft.factory.platform.bus.PoisonEventException;
import com.connectsoft.factory.run.domain.RunEvents;
import com.connectsoft.factory.run.domain.Runs;
import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.shared.domain.TenantId;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.Function;

/**
 * The run-relay capability: hands each step's result to the orchestration instance waiting for it, as the external
 * event the step waits on. A dead-lettered command becomes a failed result, so the step ends instead of timing out.
 * The result event's id is the dedupe key: a redelivered result is raised once.
 */
public final class RunRelay implements Function<Envelope, List<Envelope>> {
    private final Runs runs;
    private final RunOrchestrations orchestrations;

    public RunRelay(Runs runs, RunOrchestrations orchestrations) {
        this.runs = runs;
        this.orchestrations = orchestrations;
    }

    @Override
    public List<Envelope> apply(Envelope event) {
        boolean dead = DeadLetters.EVENT_TYPE.equals(event.eventType());
        JsonNode payload = dead ? event.payload().path("payload") : event.payload();
        String type = dead ? event.payload().path("eventType").asText() : event.eventType();
        String step = switch (type) {
            case RunEvents.MODULE_RENDERED, RunEvents.RENDER_MODULE -> OrchestrationNames.RENDER;
            case RunEvents.POLICY_DECISION_RECORDED, RunEvents.CHECK_TENANT_ISOLATION, RunEvents.CHECK_SECRETS,
                 RunEvents.CHECK_DEPENDENCY_ALLOWLIST, RunEvents.CHECK_SENSITIVE_DATA -> OrchestrationNames.checkStep(payload.path("checkId").asText());
            case RunEvents.MODULE_VALIDATED, RunEvents.VALIDATE_MODULE -> OrchestrationNames.VALIDATE;
            case RunEvents.COMMIT_CREATED, RunEvents.PUBLISH_PROJECT -> OrchestrationNames.PUBLISH;
            default -> null;
        };
        if (step == null) {
            if (dead) {
                return List.of(); // not a step of a run (a usage record, a domain event): no run waits for it
            }
            throw new PoisonEventException("the run relay does not take " + event.eventType());
        }
        TenantId tenant = event.tenant();
        String runId = payload.path("run").path("runId").asText(payload.path("runId").asText(""));
        if (runId.isBlank()) {
            throw new PoisonEventException(event.eventType() + " " + event.eventId() + " names no run (payload.runId)");
        }
        if (runs.find(tenant, runId).isEmpty()) {
            throw new PoisonEventException(event.eventType() + " " + event.eventId() + " names run " + runId + ", which tenant "
                    + tenant.value() + " does not have");
        }
        String moduleId = payload.path("moduleId").asText("");
        String instance = step.equals(OrchestrationNames.PUBLISH) ? OrchestrationNames.runInstance(runId)
                : OrchestrationNames.moduleInstance(runId, moduleId);
        StepResult result = dead ? StepResult.failed(type + " was dead-lettered by " + event.payload().path("subscription").asText()
                + " after " + event.payload().path("attempts").asText("?") + " attempt(s): " + event.payload().path("reason").asText())
                : new StepResult(event.eventType(), event.payload(), null);
        orchestrations.raise(tenant, instance, OrchestrationNames.resultEvent(step), result, event.eventId());
        return List.of();
    }
}
