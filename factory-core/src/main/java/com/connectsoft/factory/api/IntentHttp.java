package com.connectsoft.factory.api;

import com.connectsoft.factory.agent.application.ProposeBlueprint;
import com.connectsoft.factory.agent.domain.AgentTask;
import com.connectsoft.factory.agent.domain.Intent;
import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.blueprint.domain.Entity;
import com.connectsoft.factory.blueprint.domain.Module;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.shared.domain.TenantId;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /api/v1/intents {"text": "...", "name": "..."}}: the caller's tenant's intent becomes a proposal. 200 with
 * the proposal (its YAML, modules and entities, tasks, tokens) or with the failed proposal's reason and problems; 400
 * for an unusable body or intent, with nothing written.
 */
final class IntentHttp {
    /** A JSON body larger than this is refused before it is parsed (the intent itself is at most 4,000 characters). */
    static final int MAX_BODY = 64 * 1024;

    private IntentHttp() {
    }

    static FactoryApi.Response propose(Factory app, FactoryApi.Request r, TenantId tenant) {
        if (r.body().length > MAX_BODY) {
            return FactoryApi.problem(400, "the body is larger than " + MAX_BODY + " bytes; send {\"text\": \"...\"} of at most "
                    + Intent.MAX_CHARS + " characters", List.of(), Map.of());
        }
        JsonNode body;
        try {
            body = Json.mapper().readTree(r.body().length == 0 ? "{}" : new String(r.body(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject() || !body.path("text").isTextual()
                || body.has("name") && !body.get("name").isTextual()) {
            return FactoryApi.problem(400, "send {\"text\": \"<the product in a few sentences>\"} (and optionally \"name\")", List.of(), Map.of());
        }
        var admission = app.billing().quotaGate().admitAgentWork(tenant);
        if (!admission.allowed()) {
            return BillingHttp.refusal(admission, java.time.Clock.systemUTC());
        }
        ProposeBlueprint.Outcome o = app.agents().propose().propose(new ProposeBlueprint.Request(tenant, body.get("text").asText(),
                Optional.ofNullable(body.path("name").textValue())));
        if (o instanceof ProposeBlueprint.Outcome.Refused refused) {
            return FactoryApi.problem(400, "the intent cannot be used; nothing was written", List.of(), Map.of("errors", refused.problems()));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (o instanceof ProposeBlueprint.Outcome.Failed f) {
            out.put("status", "failed");
            out.put("proposalId", f.proposalId());
            out.put("reason", f.reason());
            out.put("problems", f.problems());
            out.put("tasks", f.tasks().stream().map(IntentHttp::task).toList());
            out.put("tokens", f.tokens().total());
            return FactoryApi.Response.json(200, out);
        }
        ProposeBlueprint.Outcome.Proposed p = (ProposeBlueprint.Outcome.Proposed) o;
        var bp = p.blueprint().blueprint();
        out.put("status", "proposed");
        out.put("proposalId", p.proposalId());
        out.put("traceId", p.traceId());
        out.put("intentArtifactId", p.intentArtifactId());
        out.put("proposalArtifactId", p.proposalArtifactId());
        out.put("product", bp.product().name());
        out.put("modules", bp.modules().stream().map(IntentHttp::module).toList());
        out.put("yaml", p.blueprint().yaml());
        out.put("warnings", p.blueprint().warnings().stream().map(w -> w.render()).toList());
        out.put("problems", List.of());
        out.put("tasks", p.tasks().stream().map(IntentHttp::task).toList());
        out.put("tokens", p.tokens().total());
        return FactoryApi.Response.json(200, out);
    }

    /** A proposed module for review: its entities by name, each entity's fields (name, type, required) and its events. */
    private static Map<String, Object> module(Module m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", m.name());
        out.put("entities", m.entities().stream().map(Entity::name).toList());
        out.put("entityFields", m.entities().stream().map(e -> Map.of("entity", e.name(), "fields", e.fields().stream()
                .map(f -> Map.of("name", f.name(), "type", f.type().keyword(), "required", f.required())).toList())).toList());
        out.put("events", m.events().stream().map(e -> Map.of("name", e.name(), "entity", e.entity(),
                "on", e.on().name().toLowerCase(java.util.Locale.ROOT))).toList());
        return out;
    }

    private static Map<String, Object> task(AgentTask t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("taskId", t.taskId());
        m.put("skillId", t.skillId());
        m.put("state", t.state().display());
        m.put("attempts", t.attempts());
        m.put("tokens", t.tokens().total());
        m.put("context", t.contextIds());
        m.put("outputArtifactId", t.outputArtifactId());
        return m;
    }
}
