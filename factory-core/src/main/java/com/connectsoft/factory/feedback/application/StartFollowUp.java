package com.connectsoft.factory.feedback.application;

import com.connectsoft.factory.feedback.domain.FeedbackItem;
import com.connectsoft.factory.feedback.domain.FeedbackItems;
import com.connectsoft.factory.shared.domain.TenantId;
import java.util.Optional;

/**
 * Starts a follow-up run from a feedback item: the same blueprint as the run the item is about, with the newest usable
 * version of its template. The item records the new run (and the run's lineage reaches the item through it). Starting
 * twice, or at once from two callers, starts one run: the item is claimed before the run starts.
 */
public final class StartFollowUp {
    /** Starts a run of the tenant like {@code runId}; empty when that run is gone, or a rejection's reason. */
    @FunctionalInterface
    public interface RunStarter {
        Started start(TenantId tenant, String runId);
    }

    /** What starting a run said. */
    public sealed interface Started {
        record Run(String runId) implements Started {
        }

        record Refused(String reason) implements Started {
        }
    }

    public sealed interface Outcome {
        /** {@code started} false when the item already had its follow-up run. */
        record FollowedUp(FeedbackItem item, String runId, boolean started) implements Outcome {
        }

        record NotFound() implements Outcome {
        }

        /** Another request is starting this item's follow-up right now. */
        record Busy() implements Outcome {
        }

        record Refused(String reason) implements Outcome {
        }
    }

    private final FeedbackItems items;
    private final RunStarter starter;

    public StartFollowUp(FeedbackItems items, RunStarter starter) {
        this.items = items;
        this.starter = starter;
    }

    public Outcome start(TenantId tenant, String feedbackId) {
        Optional<FeedbackItem> item = items.find(tenant, feedbackId);
        if (item.isEmpty()) {
            return new Outcome.NotFound();
        }
        if (item.get().followUpRunId() != null) {
            return new Outcome.FollowedUp(item.get(), item.get().followUpRunId(), false);
        }
        if (!items.claimFollowUp(tenant, feedbackId)) {
            FeedbackItem now = items.find(tenant, feedbackId).orElseThrow();
            return now.followUpRunId() != null ? new Outcome.FollowedUp(now, now.followUpRunId(), false) : new Outcome.Busy();
        }
        Started started;
        try {
            started = starter.start(tenant, item.get().runId());
        } catch (RuntimeException e) {
            items.release(tenant, feedbackId);
            throw e;
        }
        if (started instanceof Started.Refused refused) {
            items.release(tenant, feedbackId);
            return new Outcome.Refused(refused.reason());
        }
        String runId = ((Started.Run) started).runId();
        items.settleFollowUp(tenant, feedbackId, runId);
        return new Outcome.FollowedUp(items.find(tenant, feedbackId).orElseThrow(), runId, true);
    }
}
