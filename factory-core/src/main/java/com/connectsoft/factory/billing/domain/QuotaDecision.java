package com.connectsoft.factory.billing.domain;

import java.time.Instant;

/** Whether a tenant's plan lets work start; a refusal says what, how much, and (for a quota) when it resets. */
public sealed interface QuotaDecision {
    record Allowed() implements QuotaDecision {
    }

    /** A quota the tenant reached: {@code used} of {@code limit} (quota units) this period; more is possible after {@code resetsAt}. */
    record Exceeded(String planId, Quota quota, long limit, long used, java.util.Optional<Instant> resetsAt) implements QuotaDecision {
        public String reason() {
            return "plan " + planId + " allows " + limit + " " + quota.words() + (quota.monthly() ? " a month" : "") + "; " + used
                    + " used" + (quota.monthly() ? " this month" : "") + ". "
                    + resetsAt.map(at -> "The quota resets at " + at + "; or move").orElse("Remove stored artifacts, or move")
                    + " to a plan with more (GET /api/v1/plans)";
        }
    }

    /** The plan does not allow this at all (an item it does not include): upgrading, not waiting, changes it. */
    record NotIncluded(String planId, String itemId, java.util.List<String> plansThatInclude) implements QuotaDecision {
        public String reason() {
            return "plan " + planId + " does not include " + itemId + (plansThatInclude.isEmpty() ? "; no plan includes it"
                    : "; plans that do: " + String.join(", ", plansThatInclude));
        }
    }

    default boolean allowed() {
        return this instanceof Allowed;
    }
}
