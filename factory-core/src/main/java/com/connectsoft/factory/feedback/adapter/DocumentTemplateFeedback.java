package com.connectsoft.factory.feedback.adapter;

import com.connectsoft.factory.feedback.domain.FeedbackItem;
import com.connectsoft.factory.feedback.domain.TemplateFeedbackLedger;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.platform.store.Document;
import com.connectsoft.factory.platform.store.DocumentStore;
import com.connectsoft.factory.platform.store.StoreConflictException;
import com.connectsoft.factory.shared.domain.Hashing;
import com.connectsoft.factory.shared.domain.TenantId;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;

/**
 * Each template version's feedback figures in the platform's partition, which every tenant's storefront shows: one
 * counter document per version and one marker per counted report (a hash, nothing of the tenant's data), written in one
 * transaction. A report is a generated module's signal: each (tenant, run, module, signal) counts once, however many
 * events say it, so one tenant (or a leaked webhook credential) cannot make a version look broken to everyone by
 * sending the same failure under new event ids. The tenant's own items keep every event.
 */
public final class DocumentTemplateFeedback implements TemplateFeedbackLedger {
    static final String FIGURES = "template-feedback";
    static final String COUNTED = "template-feedback-counted";

    private final DocumentStore store;
    private final TenantId platform;

    /** @param platform the platform's own partition (not a tenant's) */
    public DocumentTemplateFeedback(DocumentStore store, TenantId platform) {
        this.store = store;
        this.platform = platform;
    }

    @Override
    public void count(FeedbackItem item) {
        String figuresId = figuresId(item.templateRef());
        String markerId = "c-" + Hashing.sha256Hex(String.join("\n", String.valueOf(item.tenantId()), item.runId(),
                item.moduleId() == null ? "" : item.moduleId(), item.signal().key())).substring(0, 40);
        for (int attempt = 1; attempt <= 32; attempt++) {
            try {
                store.transact(platform, tx -> {
                    if (tx.get(COUNTED, markerId).isPresent()) {
                        return null;
                    }
                    tx.create(COUNTED, markerId, Json.object().put("figures", figuresId));
                    Optional<Document> current = tx.get(FIGURES, figuresId);
                    ObjectNode body = current.map(d -> (ObjectNode) d.body().deepCopy()).orElseGet(() -> Json.object().put("templateRef", item.templateRef()));
                    increment(body, "items");
                    switch (item.signal()) {
                        case BUILD_FAILED -> increment(body, "buildFailures");
                        case BUILD_SUCCEEDED -> increment(body, "buildSuccesses");
                        case ALERT_FIRED -> increment(body, "alertsFired");
                        case PUSHED -> increment(body, "pushes");
                        case DEPLOYED, ALERT_RESOLVED -> {
                        }
                    }
                    Instant last = body.hasNonNull("lastAt") ? Instant.parse(body.get("lastAt").asText()) : Instant.EPOCH;
                    body.put("lastAt", (item.receivedAt().isAfter(last) ? item.receivedAt() : last).toString());
                    if (current.isPresent()) {
                        tx.replace(FIGURES, figuresId, body, current.get().etag());
                    } else {
                        tx.create(FIGURES, figuresId, body);
                    }
                    return null;
                });
                return;
            } catch (StoreConflictException raced) {
                Thread.onSpinWait();
            }
        }
        throw new IllegalStateException("the feedback figures of a template version kept changing; the caller retries");
    }

    @Override
    public Optional<Figures> figures(String templateRef) {
        return store.get(platform, FIGURES, figuresId(templateRef)).map(Document::body).map(b -> new Figures(b.path("items").asLong(),
                b.path("buildFailures").asLong(), b.path("buildSuccesses").asLong(), b.path("alertsFired").asLong(), b.path("pushes").asLong(),
                b.hasNonNull("lastAt") ? Instant.parse(b.get("lastAt").asText()) : null));
    }

    private static String figuresId(String templateRef) {
        return "t-" + Hashing.sha256Hex(templateRef).substring(0, 40);
    }

    private static void increment(ObjectNode body, String field) {
        JsonNode n = body.path(field);
        body.put(field, n.asLong(0) + 1);
    }
}
