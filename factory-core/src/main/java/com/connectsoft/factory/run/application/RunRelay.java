package com.connectsoft.factory.run.application;

import com.connectsoft.factory.orchestration.OrchestrationNames;
import com.connectsoft.factory.platform.bus.DeadLetters;
import com.connectsoft.factory.platform.bus.PoisonEventException;
import com.connectsoft.factory.run.domain.Runs;
import com.connectsoft.factory.run.vocabulary.Step;
import com.connectsoft.factory.run.vocabulary.StepOutcome;
import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.shared.domain.TenantId;
import com.connectsoft.factory.platform.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The run-relay capability: hands each step's result to the orchestration instance waiting for it, as the external
 * event the step waits on, carrying the step's {@link StepOutcome}. A dead-lettered command becomes a
 * {@link StepOutcome.NotRun}, so the step ends instead of timing out. The result event's id is the dedupe key: a
 * redelivered result is raised once.
 */
public final class RunRelay implements Function<Envelope, List<Envelope>> {
    private final Runs runs;
    private final RunOrchestrations orchestrations;

    public RunRelay(Runs runs, RunOrchestrations orchestrations) {
        this.runs = runs;
        this.orchestrations = orchestrations;
    }

    /** Where a step's outcome goes: the run, its module (none for the run's own steps), the step. */
    private record Addressed(String runId, String moduleId, Step step, StepOutcome outcome) {
    }

    @Override
    public List<Envelope> apply(Envelope event) {
        Optional<Addressed> addressed = DeadLetters.EVENT_TYPE.equals(event.eventType()) ? deadLettered(event)
                : RunCodec.result(event).map(r -> new Addressed(r.runId(), r.moduleId(), r.step(), r.outcome()));
        if (addressed.isEmpty()) {
            if (DeadLetters.EVENT_TYPE.equals(event.eventType())) {
                return List.of(); // not a step of a run (a usage record, a domain event): no run waits for it
            }
            throw new PoisonEventException("the run relay does not take " + event.eventType());
        }
        Addressed a = addressed.get();
        TenantId tenant = event.tenant();
        if (a.runId() == null || a.runId().isBlank()) {
            throw new PoisonEventException(event.eventType() + " " + event.eventId() + " names no run (payload.runId)");
        }
        if (runs.find(tenant, a.runId()).isEmpty()) {
            throw new PoisonEventException(event.eventType() + " " + event.eventId() + " names run " + a.runId() + ", which tenant "
                    + tenant.value() + " does not have");
        }
        String instance = a.step().kind() == Step.Kind.PUBLISH ? OrchestrationNames.runInstance(a.runId())
                : OrchestrationNames.moduleInstance(a.runId(), a.moduleId() == null ? "" : a.moduleId());
        orchestrations.raise(tenant, instance, OrchestrationNames.resultEvent(a.step()), a.outcome(), event.eventId());
        return List.of();
    }

    /** A dead-lettered run command ends its step with why; anything else dead-lettered concerns no run. */
    private static Optional<Addressed> deadLettered(Envelope event) {
        JsonNode announcement = Json.tree(event.payload());
        String type = announcement.path("eventType").asText("");
        JsonNode command = announcement.path("payload");
        Optional<Step> step = RunCodec.stepOfCommand(type, command.path("checkId").asText(null));
        return step.map(s -> new Addressed(command.path("run").path("runId").asText(""), command.path("moduleId").asText(null), s,
                new StepOutcome.NotRun(type + " was dead-lettered by " + announcement.path("subscription").asText() + " after "
                        + announcement.path("attempts").asText("?") + " attempt(s): " + announcement.path("reason").asText())));
    }
}
