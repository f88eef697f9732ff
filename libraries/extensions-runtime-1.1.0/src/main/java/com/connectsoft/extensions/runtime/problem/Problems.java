package com.connectsoft.extensions.runtime.problem;

import com.azure.cosmos.CosmosException;
import com.azure.messaging.servicebus.ServiceBusException;
import com.connectsoft.extensions.runtime.auth.Auth;
import com.connectsoft.extensions.runtime.data.InvalidContinuationTokenException;
import com.connectsoft.extensions.runtime.outcome.Outcome;
import com.connectsoft.extensions.runtime.validation.FieldError;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The problems an API answers, framework-neutral: refusals of a use case ({@link Outcome}) and of the caller's token
 * ({@link Auth.Decision.Refused}), and faults. A fault's class decides its status; its message never reaches the client:
 * Cosmos DB throttling is 429 with {@code Retry-After}, a store or bus that is unavailable or timed out is 503, a
 * continuation token the store refuses is 400, anything else is 500 with the correlation id to quote.
 */
public final class Problems {
    public static final String RETRY_AFTER = "Retry-After";
    public static final String WWW_AUTHENTICATE = "WWW-Authenticate";
    private static final Set<Integer> UNAVAILABLE = Set.of(408, 449, 503);

    private Problems() {
    }

    /**
     * A use case's refusal: Invalid → 400 with every field error; NotFound → 404; Conflict → 409; PreconditionFailed →
     * 412; Unprocessable → 422.
     *
     * @throws IllegalArgumentException for {@link Outcome.Ok}, which is not a refusal
     */
    public static ProblemResponse of(Outcome<?> outcome) {
        if (outcome instanceof Outcome.Invalid<?> invalid) {
            return new ProblemResponse(new Problem(400, "the request is invalid", invalid.errors()));
        }
        if (outcome instanceof Outcome.NotFound<?> notFound) {
            return new ProblemResponse(new Problem(404, notFound.what() + " was not found"));
        }
        if (outcome instanceof Outcome.Conflict<?> conflict) {
            return new ProblemResponse(new Problem(409, conflict.reason()));
        }
        if (outcome instanceof Outcome.PreconditionFailed<?> failed) {
            return new ProblemResponse(new Problem(412, failed.reason()));
        }
        if (outcome instanceof Outcome.Unprocessable<?> unprocessable) {
            return new ProblemResponse(new Problem(422, unprocessable.reason(), unprocessable.errors()));
        }
        throw new IllegalArgumentException("not a refusal: " + outcome.getClass().getSimpleName());
    }

    /** The token's refusal: 401 or 403 with the {@code WWW-Authenticate} challenge (RFC 6750), 503 with Retry-After. */
    public static ProblemResponse of(Auth.Decision.Refused refused) {
        ProblemResponse r = new ProblemResponse(new Problem(refused.status(), refused.description()));
        if (refused.challenge().isPresent()) {
            r = r.with(WWW_AUTHENTICATE, refused.challenge().get());
        }
        return refused.status() == 503 ? r.with(RETRY_AFTER, "5") : r;
    }

    /** A fault of the work: its status by its class (see the class comment); the exception's message is never used. */
    public static ProblemResponse fault(RuntimeException e, String correlationId) {
        if (e instanceof InvalidContinuationTokenException) {
            return new ProblemResponse(new Problem(400, "the request is invalid", List.of(new FieldError("continuationToken", "invalid",
                    "the continuation token is not one this list returned; start again without it"))));
        }
        if (e instanceof CosmosException cosmos && cosmos.getStatusCode() == 429) {
            return withCorrelation(429, "the data store is busy; retry after the time in Retry-After", correlationId)
                    .with(RETRY_AFTER, String.valueOf(retryAfterSeconds(cosmos.getRetryAfterDuration())));
        }
        if (e instanceof CosmosException cosmos && UNAVAILABLE.contains(cosmos.getStatusCode())
                || e instanceof ServiceBusException bus && bus.isTransient()) {
            return withCorrelation(503, "a service this API depends on is unavailable; retry later", correlationId).with(RETRY_AFTER, "5");
        }
        return withCorrelation(500, "unexpected error; quote the correlation id when reporting it", correlationId);
    }

    /** Whole seconds, rounded up, at least 1 (none given: 1). */
    static long retryAfterSeconds(Duration wait) {
        return wait == null ? 1 : Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    private static ProblemResponse withCorrelation(int status, String title, String correlationId) {
        return new ProblemResponse(new Problem("about:blank", title, status, List.of(), correlationId));
    }
}
