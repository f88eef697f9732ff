package com.connectsoft.factory.run.application;

import com.connectsoft.factory.capability.Lineage;
import com.connectsoft.factory.capability.CapabilityRegistry;
import com.connectsoft.factory.platform.bus.PoisonEventException;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.run.domain.RunEvents;
import com.connectsoft.factory.run.domain.RunEvents.Command;
import com.connectsoft.factory.run.domain.RunEvents.CommitCreatedResult;
import com.connectsoft.factory.run.domain.RunEvents.ModuleCommand;
import com.connectsoft.factory.run.domain.RunEvents.ModuleRenderedResult;
import com.connectsoft.factory.run.domain.RunEvents.ModuleValidatedResult;
import com.connectsoft.factory.run.domain.RunEvents.PolicyDecisionResult;
import com.connectsoft.factory.run.domain.RunEvents.PublishProjectCommand;
import com.connectsoft.factory.run.domain.RunEvents.RenderModuleCommand;
import com.connectsoft.factory.run.domain.RunEvents.Result;
import com.connectsoft.factory.run.vocabulary.Step;
import com.connectsoft.factory.shared.domain.Envelope;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The one codec between a run's typed messages ({@link RunEvents.Command}, {@link RunEvents.Result}) and the envelopes
 * the bus carries: which event type each record has, and back. A check's command type is its check's (from the
 * capability registry).
 */
public final class RunCodec {
    private static final Map<Class<? extends Result>, String> RESULT_TYPES = Map.of(
            ModuleRenderedResult.class, RunEvents.MODULE_RENDERED,
            PolicyDecisionResult.class, RunEvents.POLICY_DECISION_RECORDED,
            ModuleValidatedResult.class, RunEvents.MODULE_VALIDATED,
            CommitCreatedResult.class, RunEvents.COMMIT_CREATED);

    private RunCodec() {
    }

    /** The event type a command travels as. */
    public static String eventType(Command command) {
        if (command instanceof RenderModuleCommand) {
            return RunEvents.RENDER_MODULE;
        }
        if (command instanceof PublishProjectCommand) {
            return RunEvents.PUBLISH_PROJECT;
        }
        ModuleCommand c = (ModuleCommand) command;
        if (c.checkId() == null) {
            return RunEvents.VALIDATE_MODULE;
        }
        return Optional.ofNullable(CapabilityRegistry.GOVERNANCE_CHECKS.get(c.checkId())).orElseThrow(() ->
                new IllegalArgumentException("no governance check " + c.checkId() + "; known: " + CapabilityRegistry.GOVERNANCE_CHECKS.keySet()));
    }

    public static String eventType(Result result) {
        return RESULT_TYPES.get(result.getClass());
    }

    /** The envelope of a step's command, with the eventId the orchestration derived. */
    public static Envelope command(Command command, String eventId, String tenantId, String projectId, String moduleId, String traceId,
                                   String correlationId, Instant now) {
        return new Envelope(eventId, eventType(command), tenantId, projectId, moduleId, traceId, correlationId, null, now, 1,
                Json.payload(command));
    }

    /** A command read from its envelope; an envelope that does not hold one can never be handled, so it is poison. */
    public static <C extends Command> C command(Envelope envelope, Class<C> type) {
        return Lineage.payload(envelope, type);
    }

    /** The result of {@code command}: same tenant, project, module, trace and correlation, caused by the command. */
    public static Envelope reply(Envelope command, Result result, Instant now) {
        return Lineage.reply(command, eventType(result), result, now);
    }

    /** The result an envelope holds, if its event type is a run result's. */
    public static Optional<Result> result(Envelope envelope) {
        for (Map.Entry<Class<? extends Result>, String> e : RESULT_TYPES.entrySet()) {
            if (e.getValue().equals(envelope.eventType())) {
                return Optional.of(Lineage.payload(envelope, e.getKey()));
            }
        }
        return Optional.empty();
    }

    /** The step whose command has this event type (a dead-lettered command ends its step), if it is a run command. */
    public static Optional<Step> stepOfCommand(String eventType, String checkId) {
        if (RunEvents.RENDER_MODULE.equals(eventType)) {
            return Optional.of(Step.RENDER);
        }
        if (RunEvents.VALIDATE_MODULE.equals(eventType)) {
            return Optional.of(Step.VALIDATE);
        }
        if (RunEvents.PUBLISH_PROJECT.equals(eventType)) {
            return Optional.of(Step.PUBLISH);
        }
        if (CapabilityRegistry.GOVERNANCE_CHECKS.containsValue(eventType) && checkId != null && !checkId.isBlank()) {
            return Optional.of(Step.check(checkId));
        }
        return Optional.empty();
    }

    public static String checkIdOf(String eventType) {
        return CapabilityRegistry.GOVERNANCE_CHECKS.entrySet().stream().filter(e -> e.getValue().equals(eventType)).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new PoisonEventException(eventType + " is not a governance check's command"));
    }
}
