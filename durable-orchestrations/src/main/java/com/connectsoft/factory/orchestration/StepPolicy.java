package com.connectsoft.factory.orchestration;

import com.microsoft.durabletask.RetryPolicy;
import com.microsoft.durabletask.TaskOptions;
import java.time.Duration;

/**
 * How every step of a run is retried, declared once: how long to wait for a step's result, how many attempts, the
 * backoff between them (also used for the activities' own retries), how long a human has to answer an approval, and
 * when an approval nobody answered escalates to a second approver group ({@code escalateAfterSeconds} 0: never; it
 * must come before the approval's deadline).
 */
public record StepPolicy(long stepTimeoutSeconds, int maxAttempts, long firstBackoffSeconds, double backoffCoefficient,
                         long approvalTimeoutSeconds, long escalateAfterSeconds, String escalationGroup) {
    /**
     * 30 minutes per step (a build waits in line behind others), 3 attempts, 5 s then 10 s, 3 days to approve, escalated
     * to the second approver group after 2 days without an answer.
     */
    public static final StepPolicy STANDARD = new StepPolicy(30 * 60, 3, 5, 2.0, 3 * 24 * 3600, 2 * 24 * 3600, null);

    public StepPolicy {
        if (stepTimeoutSeconds < 1 || maxAttempts < 1 || firstBackoffSeconds < 0 || backoffCoefficient < 1 || approvalTimeoutSeconds < 1) {
            throw new IllegalArgumentException("step policy needs a timeout >= 1 s, >= 1 attempt, backoff >= 0 s growing by >= 1,"
                    + " approval timeout >= 1 s; got " + stepTimeoutSeconds + " s, " + maxAttempts + ", " + firstBackoffSeconds + " s x "
                    + backoffCoefficient + ", " + approvalTimeoutSeconds + " s");
        }
        if (escalateAfterSeconds < 0 || (escalateAfterSeconds > 0 && escalateAfterSeconds >= approvalTimeoutSeconds)) {
            throw new IllegalArgumentException("an approval escalates after 0 s (never) or before its deadline of " + approvalTimeoutSeconds
                    + " s; got " + escalateAfterSeconds + " s");
        }
        escalationGroup = escalationGroup == null || escalationGroup.isBlank() ? DEFAULT_ESCALATION_GROUP : escalationGroup;
    }

    /** Who an unanswered approval escalates to when the settings name no group. */
    public static final String DEFAULT_ESCALATION_GROUP = "approvers-escalation";

    /** A policy without escalation. */
    public StepPolicy(long stepTimeoutSeconds, int maxAttempts, long firstBackoffSeconds, double backoffCoefficient, long approvalTimeoutSeconds) {
        this(stepTimeoutSeconds, maxAttempts, firstBackoffSeconds, backoffCoefficient, approvalTimeoutSeconds, 0, null);
    }

    /** The same policy escalating an unanswered approval to {@code group} after {@code after} (zero: never). */
    public StepPolicy withEscalation(Duration after, String group) {
        return new StepPolicy(stepTimeoutSeconds, maxAttempts, firstBackoffSeconds, backoffCoefficient, approvalTimeoutSeconds,
                after.toSeconds(), group);
    }

    public boolean escalates() {
        return escalateAfterSeconds > 0;
    }

    public Duration escalateAfter() {
        return Duration.ofSeconds(escalateAfterSeconds);
    }

    public StepPolicy withStepTimeout(Duration d) {
        return new StepPolicy(Math.max(1, d.toSeconds()), maxAttempts, firstBackoffSeconds, backoffCoefficient, approvalTimeoutSeconds,
                escalateAfterSeconds, escalationGroup);
    }

    public StepPolicy withApprovalTimeout(Duration d) {
        long timeout = Math.max(1, d.toSeconds());
        // a shorter deadline drops an escalation that would come after it
        return new StepPolicy(stepTimeoutSeconds, maxAttempts, firstBackoffSeconds, backoffCoefficient, timeout,
                escalateAfterSeconds < timeout ? escalateAfterSeconds : 0, escalationGroup);
    }

    public Duration stepTimeout() {
        return Duration.ofSeconds(stepTimeoutSeconds);
    }

    public Duration approvalTimeout() {
        return Duration.ofSeconds(approvalTimeoutSeconds);
    }

    /** The wait before attempt {@code attempt + 1}. */
    public Duration backoff(int attempt) {
        return Duration.ofMillis((long) (firstBackoffSeconds * 1000 * Math.pow(backoffCoefficient, Math.max(0, attempt - 1))));
    }

    /** The same policy for activities (publishing a command, recording a result), retried by the Durable Task engine. */
    public TaskOptions activityOptions() {
        return new TaskOptions(new RetryPolicy(maxAttempts, Duration.ofSeconds(Math.max(1, firstBackoffSeconds)))
                .setBackoffCoefficient(backoffCoefficient));
    }
}
