package com.connectsoft.factory.feedback.domain;

import com.connectsoft.factory.shared.domain.TenantId;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's feedback items, in its partition; another tenant's item is as unknown as one that does not exist.
 * Idempotent: adding an item whose id exists keeps the first.
 */
public interface FeedbackItems {
    /** True when the item is new; false when one with its id was already there (nothing changes). */
    boolean add(TenantId tenant, FeedbackItem item);

    Optional<FeedbackItem> find(TenantId tenant, String feedbackId);

    /** The items about a run's modules, oldest first. */
    List<FeedbackItem> aboutRun(TenantId tenant, String runId);

    /** The items that started {@code runId} as their follow-up. */
    List<FeedbackItem> followedUpBy(TenantId tenant, String runId);

    /** Every item of the tenant, oldest first. */
    List<FeedbackItem> all(TenantId tenant);

    /**
     * Claims the item for starting its follow-up run: true for the one caller that claimed it (others see false until
     * the claim is settled or {@link #release released}); the claim expires after a few minutes so a crash does not
     * leave it stuck.
     */
    boolean claimFollowUp(TenantId tenant, String feedbackId);

    /** Records the follow-up run on the item and settles the claim. */
    void settleFollowUp(TenantId tenant, String feedbackId, String runId);

    /** Gives the claim back without a run (the run could not start). */
    void release(TenantId tenant, String feedbackId);
}
