package com.connectsoft.factory.orchestration;

import com.microsoft.durabletask.RetryPolicy;
import com.microsoft.durabletask.TaskOptions;
import java.time.Duration;

/**
 * How every step of a run is retried, declared once: how long to wait for a step's result, how many attempts, the
 * backoff between them (also used for the activities' own retries), and how long a human has to answer an approval.
 */
public record StepPolicy(long stepTimeoutSeconds, int maxAttempts, long firstBackoffSeconds, double backoffCoefficient,
                         long approvalTimeoutSeconds) {
    /** 30 minutes per step (a build waits in line behind others), 3 attempts, 5 s then 10 s, 3 days to approve. */
    public static final StepPolicy STANDARD = new StepPolicy(30 * 60, 3, 5, 2.0, 3 * 24 * 3600);

    public StepPolicy {
        if (stepTimeoutSeconds < 1 || maxAttempts < 1 || firstBackoffSeconds < 0 || backoffCoefficient < 1 || approvalTimeoutSeconds < 1) {
            throw new IllegalArgumentException("step policy needs a timeout >= 1 s, >= 1 attempt, backoff >= 0 s growing by >= 1,"
                    + " approval timeout >= 1 s; got " + stepTimeoutSeconds + " s, " + maxAttempts + ", " + firstBackoffSeconds + " s x "
                    + backoffCoefficient + ", " + approvalTimeoutSeconds + " s");
        }
    }

    public StepPolicy withStepTimeout(Duration d) {
        return new StepPolicy(Math.max(1, d.toSeconds()), maxAttempts, firstBackoffSeconds, backoffCoefficient, approvalTimeoutSeconds);
    }

    public StepPolicy withApprovalTimeout(Duration d) {
        return new StepPolicy(stepTimeoutSeconds, maxAttempts, firstBackoffSeconds, backoffCoefficient, Math.max(1, d.toSeconds()));
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
