package com.connectsoft.factory.api;

import com.connectsoft.factory.api.FactoryApi.Request;
import com.connectsoft.factory.api.FactoryApi.Response;
import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.feedback.application.StartFollowUp;
import com.connectsoft.factory.shared.domain.TenantId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The feedback routes, each for the caller's tenant only: {@code GET /api/v1/feedback[?runId=]}, {@code GET
 * /api/v1/feedback/{id}}, {@code GET /api/v1/runs/{id}/feedback} (items about the run and the items it follows up),
 * {@code POST /api/v1/feedback/{id}/follow-up} (202 with the follow-up run; again: 200 with the same run).
 */
final class FeedbackHttp {
    private FeedbackHttp() {
    }

    static Response list(Factory app, Request r, TenantId tenant) {
        String runId = r.query().get("runId");
        boolean ofRun = runId != null && !runId.isBlank();
        var items = ofRun ? app.feedback().items().aboutRun(tenant, runId) : app.feedback().items().all(tenant);
        String path = "/api/v1/feedback" + (ofRun ? "?runId=" + java.net.URLEncoder.encode(runId, java.nio.charset.StandardCharsets.UTF_8) : "");
        return Response.json(200, FactoryApi.page(r, path, items, Map.of()));
    }

    static Response find(Factory app, TenantId tenant, String feedbackId) {
        return app.feedback().items().find(tenant, feedbackId).map(i -> Response.json(200, i))
                .orElseGet(() -> notFound("feedback item " + feedbackId));
    }

    static Response ofRun(Factory app, Request r, TenantId tenant, String runId) {
        if (app.runs().queries().find(tenant, runId).isEmpty()) {
            return notFound("run " + runId);
        }
        List<?> followUpOf = app.feedback().items().followedUpBy(tenant, runId);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("followUpOf", followUpOf.subList(0, Math.min(followUpOf.size(), FactoryApi.MAX_LIMIT)));
        return Response.json(200, FactoryApi.page(r, "/api/v1/runs/" + runId + "/feedback", app.feedback().items().aboutRun(tenant, runId), extra));
    }

    static Response followUp(Factory app, TenantId tenant, String feedbackId) {
        StartFollowUp.Outcome outcome = app.feedback().followUp().start(tenant, feedbackId);
        if (outcome instanceof StartFollowUp.Outcome.NotFound) {
            return notFound("feedback item " + feedbackId);
        }
        if (outcome instanceof StartFollowUp.Outcome.Busy) {
            return FactoryApi.problem(409, "a follow-up run of this item is being started; retry in a moment", List.of(), Map.of())
                    .withHeader("Retry-After", "2");
        }
        if (outcome instanceof StartFollowUp.Outcome.Refused refused) {
            return FactoryApi.problem(422, "the follow-up run cannot start: " + refused.reason(), List.of(), Map.of());
        }
        StartFollowUp.Outcome.FollowedUp f = (StartFollowUp.Outcome.FollowedUp) outcome;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("feedbackId", feedbackId);
        out.put("runId", f.runId());
        out.put("started", f.started());
        out.put("links", Map.of("run", "/api/v1/runs/" + f.runId(), "feedback", "/api/v1/feedback/" + feedbackId));
        return new Response(f.started() ? 202 : 200, Map.of("Content-Type", "application/json", "Location", "/api/v1/runs/" + f.runId()),
                com.connectsoft.factory.platform.json.Json.write(out).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static Response notFound(String what) {
        return FactoryApi.problem(404, what + " was not found", List.of(), Map.of());
    }
}
