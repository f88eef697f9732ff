package com.connectsoft.factory.feedback.adapter;

import com.connectsoft.factory.feedback.domain.FeedbackItem;
import com.connectsoft.factory.feedback.domain.FeedbackItems;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.platform.store.Document;
import com.connectsoft.factory.platform.store.DocumentStore;
import com.connectsoft.factory.platform.store.Documents;
import com.connectsoft.factory.platform.store.Filter;
import com.connectsoft.factory.platform.store.StoreConflictException;
import com.connectsoft.factory.shared.domain.TenantId;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Feedback items in the tenant's partition ({@value #COLLECTION}, by feedback id); a follow-up claim is a field guarded by the etag. */
public final class DocumentFeedbackItems implements FeedbackItems {
    static final String COLLECTION = "feedback";
    private static final String CLAIMED = "followUpClaimedAt";
    /** How long a claim holds when its holder never settles it (a start takes well under this). */
    static final Duration CLAIM = Duration.ofMinutes(5);

    private final DocumentStore store;
    private final Clock clock;

    public DocumentFeedbackItems(DocumentStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public boolean add(TenantId tenant, FeedbackItem item) {
        try {
            store.transact(tenant, tx -> tx.create(COLLECTION, item.feedbackId(), Documents.body(item)));
            return true;
        } catch (StoreConflictException e) {
            if (e.kind() == StoreConflictException.Kind.ALREADY_EXISTS) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<FeedbackItem> find(TenantId tenant, String feedbackId) {
        return store.get(tenant, COLLECTION, feedbackId).map(DocumentFeedbackItems::item);
    }

    @Override
    public List<FeedbackItem> aboutRun(TenantId tenant, String runId) {
        return sorted(Documents.all(store, tenant, COLLECTION, Filter.where("runId", runId), FeedbackItem.class));
    }

    @Override
    public List<FeedbackItem> followedUpBy(TenantId tenant, String runId) {
        return sorted(Documents.all(store, tenant, COLLECTION, Filter.where("followUpRunId", runId), FeedbackItem.class));
    }

    @Override
    public List<FeedbackItem> all(TenantId tenant) {
        return sorted(Documents.all(store, tenant, COLLECTION, Filter.all(), FeedbackItem.class));
    }

    @Override
    public boolean claimFollowUp(TenantId tenant, String feedbackId) {
        try {
            return store.transact(tenant, tx -> {
                Optional<Document> d = tx.get(COLLECTION, feedbackId);
                if (d.isEmpty() || d.get().body().hasNonNull("followUpRunId")) {
                    return false;
                }
                Instant now = clock.instant();
                if (d.get().body().hasNonNull(CLAIMED) && Instant.parse(d.get().body().get(CLAIMED).asText()).plus(CLAIM).isAfter(now)) {
                    return false;
                }
                ObjectNode body = d.get().body().deepCopy();
                body.put(CLAIMED, now.toString());
                tx.replace(COLLECTION, feedbackId, body, d.get().etag());
                return true;
            });
        } catch (StoreConflictException raced) {
            return false;
        }
    }

    @Override
    public void settleFollowUp(TenantId tenant, String feedbackId, String runId) {
        change(tenant, feedbackId, body -> {
            body.put("followUpRunId", runId);
            body.remove(CLAIMED);
        });
    }

    @Override
    public void release(TenantId tenant, String feedbackId) {
        change(tenant, feedbackId, body -> body.remove(CLAIMED));
    }

    private void change(TenantId tenant, String feedbackId, java.util.function.Consumer<ObjectNode> edit) {
        for (int attempt = 1; attempt <= 8; attempt++) {
            try {
                store.transact(tenant, tx -> {
                    Document d = tx.get(COLLECTION, feedbackId).orElseThrow(() -> new IllegalArgumentException("no feedback item " + feedbackId));
                    ObjectNode body = d.body().deepCopy();
                    edit.accept(body);
                    return tx.replace(COLLECTION, feedbackId, body, d.etag());
                });
                return;
            } catch (StoreConflictException raced) {
                Thread.onSpinWait();
            }
        }
        throw new IllegalStateException("feedback item " + feedbackId + " kept changing; retry");
    }

    private static FeedbackItem item(Document d) {
        return Json.fromTree(d.body(), FeedbackItem.class);
    }

    private static List<FeedbackItem> sorted(List<FeedbackItem> items) {
        return items.stream().sorted(Comparator.comparing(FeedbackItem::receivedAt).thenComparing(FeedbackItem::feedbackId)).toList();
    }
}
