package com.connectsoft.factory.feedback;

import com.connectsoft.factory.artifact.domain.Artifacts;
import com.connectsoft.factory.feedback.adapter.DocumentFeedbackItems;
import com.connectsoft.factory.feedback.adapter.DocumentTemplateFeedback;
import com.connectsoft.factory.feedback.application.RecordFeedback;
import com.connectsoft.factory.feedback.application.StartFollowUp;
import com.connectsoft.factory.feedback.domain.FeedbackItems;
import com.connectsoft.factory.integration.application.WebhookIntake;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.platform.store.DocumentStore;
import com.connectsoft.factory.run.domain.Runs;
import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.shared.domain.Ids;
import com.connectsoft.factory.shared.domain.TenantId;
import com.connectsoft.factory.template.domain.TemplateFeedback;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The feedback loop wired on the document store: the capability that turns received webhook events into feedback
 * items, the items, the template versions' feedback figures, and follow-up runs.
 */
public final class FeedbackConfiguration {
    private final DocumentFeedbackItems items;
    private final DocumentTemplateFeedback figures;
    private final RecordFeedback record;
    private final StartFollowUp followUp;

    /** @param platform the platform's partition, where each template version's figures are counted */
    public FeedbackConfiguration(DocumentStore store, TenantId platform, Runs runs, Artifacts artifacts, StartFollowUp.RunStarter starter,
                                 Clock clock) {
        this.items = new DocumentFeedbackItems(store, clock);
        this.figures = new DocumentTemplateFeedback(store, platform);
        this.record = new RecordFeedback(runs, items, figures, artifacts, clock);
        this.followUp = new StartFollowUp(items, starter);
    }

    public FeedbackItems items() {
        return items;
    }

    /** Each template version's feedback figures (the catalog listing shows them). */
    public TemplateFeedback figures() {
        return figures;
    }

    public RecordFeedback recordFeedback() {
        return record;
    }

    public StartFollowUp followUp() {
        return followUp;
    }

    /**
     * The feedback-intake capability: an {@code ExternalEventReceived} of a tenant (whose tenant is the webhook
     * credential's) becomes a feedback item when it is one; it publishes nothing.
     */
    public Function<Envelope, List<Envelope>> intakeStep() {
        return event -> {
            if (!WebhookIntake.EVENT_TYPE.equals(event.eventType())) {
                return List.of();
            }
            JsonNode p = Json.tree(event.payload());
            String source = p.path("source").asText("");
            String id = p.path("id").asText("");
            Optional<java.time.Instant> at = Optional.ofNullable(event.occurredAt());
            record.record(TenantId.of(event.tenantId()), new RecordFeedback.Received(Ids.derived("whe", source, id), p.path("type").asText(""),
                    at, p.path("data")));
            return List.of();
        };
    }
}
