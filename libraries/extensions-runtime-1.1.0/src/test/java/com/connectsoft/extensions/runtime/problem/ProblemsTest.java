package com.connectsoft.extensions.runtime.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.azure.cosmos.CosmosException;
import com.azure.messaging.servicebus.ServiceBusException;
import com.connectsoft.extensions.runtime.auth.Auth;
import com.connectsoft.extensions.runtime.data.InvalidContinuationTokenException;
import com.connectsoft.extensions.runtime.json.Json;
import com.connectsoft.extensions.runtime.outcome.Outcome;
import com.connectsoft.extensions.runtime.validation.FieldError;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Refusals and faults as RFC 7807 problems with the headers each needs; no exception message ever reaches a client. */
class ProblemsTest {
    private static CosmosException cosmos(int status, Duration retryAfter) {
        CosmosException e = mock(CosmosException.class);
        when(e.getStatusCode()).thenReturn(status);
        when(e.getRetryAfterDuration()).thenReturn(retryAfter);
        when(e.getMessage()).thenReturn("secret account details");
        return e;
    }

    @Test
    void useCaseRefusalsMapToTheirStatuses() {
        List<FieldError> errors = List.of(new FieldError("name", "required", "name is required"));
        ProblemResponse invalid = Problems.of(new Outcome.Invalid<>(errors));
        assertEquals(400, invalid.status());
        assertEquals("the request is invalid", invalid.body().title());
        assertEquals(errors, invalid.body().errors());
        assertEquals(Map.of(), invalid.headers());
        ProblemResponse notFound = Problems.of(new Outcome.NotFound<>("Pet p-1"));
        assertEquals(404, notFound.status());
        assertEquals("Pet p-1 was not found", notFound.body().title());
        assertEquals(409, Problems.of(new Outcome.Conflict<>("dup")).status());
        assertEquals("dup", Problems.of(new Outcome.Conflict<>("dup")).body().title());
        assertEquals(412, Problems.of(new Outcome.PreconditionFailed<>("stale")).status());
        assertEquals("stale", Problems.of(new Outcome.PreconditionFailed<>("stale")).body().title());
        ProblemResponse unprocessable = Problems.of(new Outcome.Unprocessable<>("no owner", errors));
        assertEquals(422, unprocessable.status());
        assertEquals("no owner", unprocessable.body().title());
        assertEquals(errors, unprocessable.body().errors());
        assertEquals(List.of(), Problems.of(new Outcome.Unprocessable<>("other body")).body().errors());
        assertThrows(IllegalArgumentException.class, () -> Problems.of(new Outcome.Ok<>("x")));
    }

    @Test
    void tokenRefusalsCarryTheirChallenge() {
        ProblemResponse none = Problems.of(new Auth.Decision.Refused(401, null, "send a token"));
        assertEquals(401, none.status());
        assertEquals("Bearer", none.headers().get(Problems.WWW_AUTHENTICATE));
        assertEquals("send a token", none.body().title());
        assertFalse(none.headers().containsKey(Problems.RETRY_AFTER));
        ProblemResponse invalid = Problems.of(new Auth.Decision.Refused(401, "invalid_token", "expired"));
        assertEquals("Bearer error=\"invalid_token\", error_description=\"expired\"", invalid.headers().get(Problems.WWW_AUTHENTICATE));
        ProblemResponse forbidden = Problems.of(new Auth.Decision.Refused(403, "insufficient_scope", "needs Data.Write"));
        assertEquals(403, forbidden.status());
        assertTrue(forbidden.headers().get(Problems.WWW_AUTHENTICATE).contains("insufficient_scope"));
        ProblemResponse keys = Problems.of(new Auth.Decision.Refused(503, "temporarily_unavailable", "keys"));
        assertEquals(503, keys.status());
        assertEquals("5", keys.headers().get(Problems.RETRY_AFTER));
        assertFalse(keys.headers().containsKey(Problems.WWW_AUTHENTICATE));
    }

    @Test
    void faultsMapByTheirClassAndNeverShowTheirMessage() {
        ProblemResponse busy = Problems.fault(cosmos(429, Duration.ofMillis(1200)), "corr-1");
        assertEquals(429, busy.status());
        assertEquals("2", busy.headers().get(Problems.RETRY_AFTER));
        assertEquals("corr-1", busy.body().correlationId());
        assertEquals("1", Problems.fault(cosmos(429, null), "c").headers().get(Problems.RETRY_AFTER));
        assertEquals("1", Problems.fault(cosmos(429, Duration.ZERO), "c").headers().get(Problems.RETRY_AFTER));
        assertEquals("1", Problems.fault(cosmos(429, Duration.ofMillis(1000)), "c").headers().get(Problems.RETRY_AFTER));
        for (int status : List.of(408, 449, 503)) {
            ProblemResponse down = Problems.fault(cosmos(status, null), "corr-2");
            assertEquals(503, down.status(), "cosmos " + status);
            assertEquals("5", down.headers().get(Problems.RETRY_AFTER));
            assertEquals("corr-2", down.body().correlationId());
        }
        ServiceBusException transientBus = mock(ServiceBusException.class);
        when(transientBus.isTransient()).thenReturn(true);
        assertEquals(503, Problems.fault(transientBus, "c").status());
        ServiceBusException permanentBus = mock(ServiceBusException.class);
        assertEquals(500, Problems.fault(permanentBus, "c").status());
        ProblemResponse other = Problems.fault(cosmos(500, null), "corr-3");
        assertEquals(500, other.status());
        assertEquals("corr-3", other.body().correlationId());
        assertEquals(Map.of(), other.headers());
        ProblemResponse unexpected = Problems.fault(new IllegalStateException("secret account details"), "corr-4");
        assertEquals(500, unexpected.status());
        assertFalse(Json.MAPPER.valueToTree(unexpected.body()).toString().contains("secret"));
        ProblemResponse token = Problems.fault(new InvalidContinuationTokenException(new RuntimeException("x")), "c");
        assertEquals(400, token.status());
        assertEquals("continuationToken", token.body().errors().get(0).field());
        assertNull(token.body().correlationId());
    }

    @Test
    void problemsAreWellFormedJson() {
        JsonNode plain = Json.MAPPER.valueToTree(new Problem(404, "gone"));
        assertEquals("about:blank", plain.get("type").asText());
        assertEquals("gone", plain.get("title").asText());
        assertEquals(404, plain.get("status").asInt());
        assertFalse(plain.has("errors"));
        assertFalse(plain.has("correlationId"));
        JsonNode withErrors = Json.MAPPER.valueToTree(new Problem(400, "bad", List.of(new FieldError("a", "required", "a is required"))));
        assertEquals("a", withErrors.get("errors").get(0).get("field").asText());
        assertEquals("required", withErrors.get("errors").get(0).get("code").asText());
        assertEquals("about:blank", new Problem(null, "t", 500, null, null).type());
        assertEquals(List.of(), new Problem(null, "t", 500, null, null).errors());
        assertThrows(IllegalArgumentException.class, () -> new Problem(200, "ok"));
        assertThrows(IllegalArgumentException.class, () -> new Problem(600, "no"));
        assertEquals(400, new Problem(400, "edge").status());
        assertEquals(599, new Problem(599, "edge").status());
        assertThrows(NullPointerException.class, () -> new Problem(400, null));
        assertThrows(IllegalArgumentException.class, () -> new ProblemResponse(401, Map.of(), new Problem(400, "x")));
        assertThrows(NullPointerException.class, () -> new ProblemResponse(400, Map.of(), null));
        ProblemResponse r = new ProblemResponse(new Problem(400, "x")).with("A", "1").with("B", "2");
        assertEquals(Map.of("A", "1", "B", "2"), r.headers());
        assertEquals("application/problem+json", Problem.MEDIA_TYPE);
    }

    @Test
    void retryAfterRoundsUpToWholeSeconds() {
        assertEquals(1, Problems.retryAfterSeconds(null));
        assertEquals(1, Problems.retryAfterSeconds(Duration.ofMillis(1)));
        assertEquals(2, Problems.retryAfterSeconds(Duration.ofMillis(1001)));
        assertEquals(3, Problems.retryAfterSeconds(Duration.ofSeconds(3)));
    }
}
