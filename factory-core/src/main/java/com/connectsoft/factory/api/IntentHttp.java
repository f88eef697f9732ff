package com.connectsoft.factory.api;

import com.connectsoft.factory.agent.application.ProposeBlueprint;
import com.connectsoft.factory.agent.domain.AgentTask;
import com.connectsoft.factory.agent.domain.Intent;
import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.blueprint.domain.Entity;
import com.connectsoft.factory.blueprint.domain.Module;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.run.application.RunProgress;
import com.connectsoft.factory.run.application.StartProposedRun;
import com.connectsoft.factory.run.application.StartRun;
import com.connectsoft.factory.run.domain.FactoryRun;
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
 * {@code POST /api/v1/intents/{proposalId}/run}: starts a run of the caller's tenant's proposal whose lineage starts at
 * the intent; 202 as {@code POST /api/v1/runs}, 404 for a proposal the tenant does not have (another tenant's included).
 */
final class IntentHttp {
    /** A JSON body larger than this is refused before it is parsed (the intent itself is at most 4,000 characters). */
    static final int MAX_BODY = 64 * 1024;

    private IntentHttp() {
    }

    /** A proposal id as {@code POST /api/v1/intents} makes them ({@code prop-...}); anything else is no proposal. */
    private static final java.util.regex.Pattern PROPOSAL = java.util.regex.Pattern.compile("prop-[a-z0-9-]{1,80}");
    private static final java.util.regex.Pattern TEMPLATE = java.util.regex.Pattern.compile("[A-Za-z0-9.]{1,120}");

    static FactoryApi.Response run(Factory app, FactoryApi.Request r, TenantId tenant, String proposalId) {
        String usage = "send no body, or {\"template\": \"ConnectSoft.Template.FunctionsMicroservice\"} to pick the run's template";
        if (r.body().length > BillingHttp.MAX_BODY) {
            return FactoryApi.problem(400, "the body is larger than " + BillingHttp.MAX_BODY + " bytes; " + usage, List.of(), Map.of());
        }
        JsonNode body;
        try {
            body = Json.mapper().readTree(r.body().length == 0 ? "{}" : new String(r.body(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject() || body.has("template") && !(body.get("template").isTextual()
                && TEMPLATE.matcher(body.get("template").asText()).matches())) {
            return FactoryApi.problem(400, usage, List.of(), Map.of());
        }
        if (!PROPOSAL.matcher(proposalId).matches()) {
            return FactoryApi.problem(404, "proposal " + (proposalId.length() > 100 ? proposalId.substring(0, 100) + "…" : proposalId)
                    + " was not found", List.of(), Map.of());
        }
        StartProposedRun.Outcome o = app.runs().startProposal().start(tenant, proposalId,
                body.path("template").asText(StartRun.DEFAULT_TEMPLATE), RunProgress.SILENT);
        if (o instanceof StartProposedRun.Outcome.Unknown) {
            return FactoryApi.problem(404, "proposal " + proposalId + " was not found", List.of(), Map.of());
        }
        if (o instanceof StartProposedRun.Outcome.NotProposed) {
            return FactoryApi.problem(409, "proposal " + proposalId + " failed and has no blueprint to run; describe the product again "
                    + "(POST /api/v1/intents)", List.of(), Map.of());
        }
        StartProposedRun.Outcome.Attempted attempted = (StartProposedRun.Outcome.Attempted) o;
        if (attempted.start() instanceof StartRun.Start.Rejected rejected) {
            return FactoryApi.problem(400, "the run cannot start; nothing was written", rejected.problems(), Map.of());
        }
        if (attempted.start() instanceof StartRun.Start.Refused refused) {
            return BillingHttp.refusal(refused.refusal(), java.time.Clock.systemUTC());
        }
        FactoryRun run = ((StartRun.Start.Started) attempted.start()).opened();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("runId", run.runId());
        out.put("status", run.status());
        out.put("traceId", run.traceId());
        out.put("proposalId", proposalId);
        out.put("intentArtifactId", attempted.intentArtifactId());
        out.put("proposalArtifactId", attempted.proposalArtifactId());
        out.put("links", Map.of("self", "/api/v1/runs/" + run.runId(), "stages", "/api/v1/runs/" + run.runId() + "/stages",
                "artifacts", "/api/v1/runs/" + run.runId() + "/artifacts"));
        return new FactoryApi.Response(202, Map.of("Content-Type", "application/json", "Location", "/api/v1/runs/" + run.runId()),
                Json.write(out).getBytes(StandardCharsets.UTF_8));
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
