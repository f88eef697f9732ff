package com.connectsoft.factory.billing.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The Azure Marketplace metering service's batch usage API. One call sends at most {@link #MAX_BATCH} events (any
 * tenants' resources: the Marketplace keys every event by its own resource) and answers per event, or says the batch as
 * a whole failed. The Marketplace keeps at most one event per (resource, dimension, hour) and answers a second one with
 * {@link Status#DUPLICATE} naming the accepted one, so sending a batch again never bills an hour twice.
 */
public interface MarketplaceMetering {
    int MAX_BATCH = 25;

    /** Sends one batch of 1..25 events. Never throws for an answer of the API; a fault that retries did not cure is {@link BatchOutcome.Failed}. */
    BatchOutcome send(List<MarketplaceUsageEvent> batch);

    /** What the API said about each event, in the order sent, or why the batch failed as a whole. */
    sealed interface BatchOutcome {
        /** One result per event sent, in the order sent. */
        record Answered(List<EventResult> results) implements BatchOutcome {
            public Answered {
                results = List.copyOf(results);
            }
        }

        /** The batch failed as a whole (timeouts, 5xx, 429 after the retries, 401/403, 400): {@code retryable} says whether sending it again may pass. */
        record Failed(String reason, boolean retryable) implements BatchOutcome {
        }
    }

    /**
     * The answer for one event. For a duplicate, {@code acceptedUsageEventId} and {@code acceptedQuantity} describe the
     * event the Marketplace accepted earlier for the same resource, dimension and hour. {@code message} is the API's own
     * words (code and message), never our payload.
     */
    record EventResult(Status status, Optional<String> usageEventId, Optional<BigDecimal> acceptedQuantity, Optional<String> message) {
    }

    /** The per-event statuses the batch API documents. */
    enum Status {
        ACCEPTED("Accepted", false),
        DUPLICATE("Duplicate", false),
        EXPIRED("Expired", false),
        RESOURCE_NOT_FOUND("ResourceNotFound", false),
        RESOURCE_NOT_AUTHORIZED("ResourceNotAuthorized", false),
        RESOURCE_NOT_ACTIVE("ResourceNotActive", true),
        INVALID_DIMENSION("InvalidDimension", false),
        INVALID_QUANTITY("InvalidQuantity", false),
        BAD_ARGUMENT("BadArgument", false),
        ERROR("Error", true),
        /** A status this client does not know: kept for retry with the API's word. */
        UNKNOWN("", true);

        private final String apiName;
        private final boolean retryable;

        Status(String apiName, boolean retryable) {
            this.apiName = apiName;
            this.retryable = retryable;
        }

        public String apiName() {
            return apiName;
        }

        /** Whether a rejection with this status may pass when sent again (a paused subscription, a server error). */
        public boolean retryable() {
            return retryable;
        }

        public static Status of(String apiName) {
            for (Status s : values()) {
                if (s != UNKNOWN && s.apiName.equalsIgnoreCase(apiName)) {
                    return s;
                }
            }
            return UNKNOWN;
        }
    }
}
