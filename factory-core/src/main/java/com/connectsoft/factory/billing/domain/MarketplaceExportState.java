package com.connectsoft.factory.billing.domain;

/** Where a marketplace usage event is: waiting to be sent, or settled one way or another. */
public enum MarketplaceExportState {
    /** Built from the ledger, not yet accepted: sent at the next export (a batch that failed keeps its events here). */
    PENDING(false),
    /** The Marketplace accepted it. */
    ACCEPTED(true),
    /** The Marketplace had already accepted this hour with the same quantity (a retried batch): counted once, never resent. */
    DUPLICATE_RECONCILED(true),
    /** The Marketplace had already accepted this hour with another quantity: an operator must look; never resent. */
    DUPLICATE_MISMATCH(true),
    /** Refused for a reason; {@code retryable} says whether the next export sends it again. */
    REJECTED(false),
    /** Older than 24 hours when it was (first) to be sent: the Marketplace refuses those, so it is kept, never sent. */
    EXPIRED(true);

    private final boolean settled;

    MarketplaceExportState(boolean settled) {
        this.settled = settled;
    }

    /** Whether the export is done with it (it is never sent again). */
    public boolean settled() {
        return settled;
    }

    /** The word in tables and JSON. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
