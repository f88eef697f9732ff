package com.connectsoft.factory.billing.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * A marketplace usage event and where it is. {@code reason} says why it is rejected, expired, pending after a failed
 * batch or flagged; {@code usageEventId} is the Marketplace's id of the accepted event (ours, or the earlier one a
 * duplicate points at); {@code acceptedQuantity} is what the Marketplace holds for a duplicate.
 */
public record MarketplaceExportRecord(MarketplaceUsageEvent event, MarketplaceExportState state, Optional<String> reason, boolean retryable,
                                      Optional<String> usageEventId, Optional<BigDecimal> acceptedQuantity, int attempts,
                                      Optional<Instant> firstTriedAt, Instant updatedAt) {
    public static MarketplaceExportRecord pending(MarketplaceUsageEvent event, Instant now) {
        return new MarketplaceExportRecord(event, MarketplaceExportState.PENDING, Optional.empty(), true, Optional.empty(), Optional.empty(), 0,
                Optional.empty(), now);
    }

    /** Whether the next export sends it (pending, or rejected for a reason that may pass). */
    public boolean sendable() {
        return state == MarketplaceExportState.PENDING || (state == MarketplaceExportState.REJECTED && retryable);
    }

    /** Counted as one more attempt, now. */
    public MarketplaceExportRecord tried(Instant now) {
        return new MarketplaceExportRecord(event, state, reason, retryable, usageEventId, acceptedQuantity, attempts + 1,
                Optional.of(firstTriedAt.orElse(now)), now);
    }

    public MarketplaceExportRecord settle(MarketplaceExportState to, Optional<String> why, boolean canRetry, Optional<String> eventId,
                                          Optional<BigDecimal> accepted, Instant now) {
        return new MarketplaceExportRecord(event, to, why, canRetry, eventId, accepted, attempts, firstTriedAt, now);
    }

    public MarketplaceExportRecord withEvent(MarketplaceUsageEvent e, Instant now) {
        return new MarketplaceExportRecord(e, state, reason, retryable, usageEventId, acceptedQuantity, attempts, firstTriedAt, now);
    }
}
