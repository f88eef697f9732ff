package com.connectsoft.factory.feedback.application;

import com.connectsoft.factory.artifact.domain.Artifact;
import com.connectsoft.factory.artifact.domain.Artifacts;
import com.connectsoft.factory.feedback.application.FeedbackEvents.Link;
import com.connectsoft.factory.feedback.application.FeedbackEvents.Reading;
import com.connectsoft.factory.feedback.domain.FeedbackItem;
import com.connectsoft.factory.feedback.domain.FeedbackKind;
import com.connectsoft.factory.feedback.domain.FeedbackItems;
import com.connectsoft.factory.feedback.domain.TemplateFeedbackLedger;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.run.domain.ModuleResult;
import com.connectsoft.factory.run.domain.Runs;
import com.connectsoft.factory.shared.domain.Ids;
import com.connectsoft.factory.shared.domain.TenantId;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Turns a tenant's received external event into a feedback item linked to the run, module, sources artifact,
 * template version, commit and traceId that produced the module ({@link FeedbackEvents} says which events and how
 * they name the module). Only the tenant's own runs are searched. Idempotent: the item's id derives from the tenant
 * and the event's identity, so a redelivered event is one item, counted once in its template version's figures; a
 * "Deployment" or "RuntimeSignal" artifact under the run's traceId extends the lineage from the commit to the
 * deployment and the runtime signal.
 */
public final class RecordFeedback {
    public static final String RUNTIME_SIGNAL = "RuntimeSignal";
    public static final String DEPLOYMENT = "Deployment";
    private static final Logger LOG = Logger.getLogger(RecordFeedback.class.getName());

    private final Runs runs;
    private final FeedbackItems items;
    private final TemplateFeedbackLedger ledger;
    private final Artifacts artifacts;
    private final Clock clock;

    public RecordFeedback(Runs runs, FeedbackItems items, TemplateFeedbackLedger ledger, Artifacts artifacts, Clock clock) {
        this.runs = runs;
        this.items = items;
        this.ledger = ledger;
        this.artifacts = artifacts;
        this.clock = clock;
    }

    /** The external event as received: its identity ({@code eventKey}), type, time and data. */
    public record Received(String eventKey, String type, Optional<Instant> occurredAt, JsonNode data) {
    }

    public sealed interface Outcome {
        /** {@code created} false when the event had made this item before. */
        record Recorded(FeedbackItem item, boolean created) implements Outcome {
        }

        /** A feedback event that cannot be linked to a module of the tenant's runs, or is malformed. */
        record Unlinked(String reason) implements Outcome {
        }

        record NotFeedback() implements Outcome {
        }
    }

    public Outcome record(TenantId tenant, Received event) {
        Reading reading = FeedbackEvents.read(event.type(), event.data());
        if (reading instanceof Reading.NotFeedback) {
            return new Outcome.NotFeedback();
        }
        if (reading instanceof Reading.Unusable u) {
            return unlinked(tenant, event, u.problem());
        }
        Reading.Feedback f = (Reading.Feedback) reading;
        Optional<FactoryRun> run = run(tenant, f.link());
        if (run.isEmpty()) {
            return unlinked(tenant, event, "no run of the tenant matches the event's " + describe(f.link()));
        }
        FactoryRun r = run.get();
        Optional<ModuleResult> module = f.link().module().flatMap(name -> r.modules().stream()
                .filter(m -> m.name().equalsIgnoreCase(name) || m.moduleId().equals(name)).findFirst())
                .or(() -> r.modules().size() == 1 && f.link().module().isEmpty() ? Optional.of(r.modules().get(0)) : Optional.empty());
        if (module.isEmpty() && f.link().module().isPresent()) {
            return unlinked(tenant, event, "run " + r.runId() + " has no module " + f.link().module().get());
        }
        String feedbackId = Ids.derived("fb", tenant.value(), event.eventKey());
        Instant now = clock.instant();
        FeedbackItem item = new FeedbackItem(feedbackId, tenant.value(), f.kind(), f.signal(), r.runId(),
                module.map(ModuleResult::moduleId).orElse(null), module.map(ModuleResult::name).orElse(null),
                module.map(ModuleResult::sourceArtifactId).orElse(null),
                module.map(ModuleResult::templateRef).filter(t -> t != null && !t.isBlank()).orElse(r.templateRef()), r.commitId(), r.traceId(),
                event.eventKey(), event.type(), f.summary(), event.occurredAt().orElse(now), now, null);
        boolean created = items.add(tenant, item);
        FeedbackItem stored = created ? item : items.find(tenant, feedbackId).orElse(item);
        // counted and linked on every delivery: both are idempotent, so a crash after the item was stored is repaired
        if (stored.templateRef() != null) {
            ledger.count(stored);
        }
        lineage(tenant, r, stored);
        LOG.info(() -> "feedback tenant=" + tenant.value() + " item=" + feedbackId + " run=" + r.runId() + " kind=" + f.kind().key()
                + " created=" + created);
        return new Outcome.Recorded(stored, created);
    }

    /**
     * A Deployment is made from the module's sources and the run's commit; a runtime signal from the module's sources
     * and the module's latest deployment (or the commit, before any): commit, deployment, runtime signal, one traceId.
     */
    private void lineage(TenantId tenant, FactoryRun run, FeedbackItem item) {
        List<Artifact> ofRun = artifacts.byRun(tenant, run.runId());
        List<String> inputs = new java.util.ArrayList<>();
        if (item.artifactId() != null) {
            inputs.add(item.artifactId());
        }
        Optional<Artifact> deployment = item.kind() == FeedbackKind.DEPLOYMENT ? Optional.empty() : ofRun.stream()
                .filter(a -> DEPLOYMENT.equals(a.artifactType()) && java.util.Objects.equals(a.moduleId(), item.moduleId()))
                .max(java.util.Comparator.comparing(Artifact::createdAt));
        if (deployment.isPresent()) {
            inputs.add(deployment.get().artifactId());
        } else {
            ofRun.stream().filter(a -> Artifact.COMMIT.equals(a.artifactType())).map(Artifact::artifactId).forEach(inputs::add);
        }
        artifacts.record(tenant, new Artifact(tenant.value(), item.feedbackId(), item.kind() == FeedbackKind.DEPLOYMENT ? DEPLOYMENT
                : RUNTIME_SIGNAL, item.kind().key() + ": " + item.summary(), run.projectId(), item.moduleId(), run.runId(), "1", null, null, null,
                run.traceId(), run.blueprintId(), inputs, null, "Internal", item.signal().key(), item.receivedAt()));
    }

    private Optional<FactoryRun> run(TenantId tenant, Link link) {
        if (link.runId().isPresent()) {
            return runs.find(tenant, link.runId().get());
        }
        List<FactoryRun> all = runs.list(tenant);
        if (link.traceId().isPresent()) {
            return all.stream().filter(r -> link.traceId().get().equals(r.traceId())).findFirst();
        }
        String commit = link.commit().orElseThrow().toLowerCase(Locale.ROOT);
        List<FactoryRun> matching = all.stream().filter(r -> r.commitId() != null && r.commitId().toLowerCase(Locale.ROOT).startsWith(commit)).toList();
        return matching.size() == 1 ? Optional.of(matching.get(0)) : Optional.empty();
    }

    private static String describe(Link link) {
        return link.runId().map(id -> "runId").or(() -> link.traceId().map(t -> "traceId")).orElse("commit");
    }

    private Outcome unlinked(TenantId tenant, Received event, String reason) {
        LOG.info(() -> "feedback not linked tenant=" + tenant.value() + " type=" + abbreviate(event.type()));
        return new Outcome.Unlinked(reason);
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() <= 80 ? s : s.substring(0, 80);
    }
}
