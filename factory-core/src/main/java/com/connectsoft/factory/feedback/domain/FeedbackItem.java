package com.connectsoft.factory.feedback.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * What a running SaaS (or its pipeline, or its repository) told the factory about a generated module, linked to what
 * produced the module: the run, the module, its sources artifact, the template version, the run's commit and traceId.
 *
 * @param eventKey      the external event's identity (source and id): the same event is one item
 * @param followUpRunId the run started from this item, if any
 */
public record FeedbackItem(String feedbackId, String tenantId, FeedbackKind kind, FeedbackSignal signal, String runId, String moduleId,
                           String moduleName, String artifactId, String templateRef, String commitId, String traceId, String eventKey,
                           String eventType, String summary, Instant occurredAt, Instant receivedAt, String followUpRunId) {
    public FeedbackItem {
        Objects.requireNonNull(feedbackId, "feedbackId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(runId, "runId");
    }

    public FeedbackItem withFollowUp(String runId) {
        return new FeedbackItem(feedbackId, tenantId, kind, signal, this.runId, moduleId, moduleName, artifactId, templateRef, commitId, traceId,
                eventKey, eventType, summary, occurredAt, receivedAt, runId);
    }
}
