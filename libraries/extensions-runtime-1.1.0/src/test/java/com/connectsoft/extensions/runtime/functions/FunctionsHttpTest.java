package com.connectsoft.extensions.runtime.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.azure.cosmos.CosmosException;
import com.azure.messaging.servicebus.ServiceBusException;
import com.connectsoft.extensions.runtime.auth.Auth;
import com.connectsoft.extensions.runtime.auth.TestTokens;
import com.connectsoft.extensions.runtime.call.Call;
import com.connectsoft.extensions.runtime.data.InvalidContinuationTokenException;
import com.connectsoft.extensions.runtime.outcome.Outcome;
import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.HttpResponseMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** The request pipeline: identity before any work, trace context, faults as problems, one log line per request. */
class FunctionsHttpTest {
    private static final String HOST_TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    private final List<LogRecord> lines = new ArrayList<>();

    private HttpResponseMessage call(Map<String, String> headers, String traceparent, Auth.Access access,
                                     Function<Call, HttpResponseMessage> work) {
        var request = TestHttp.request(null, headers, Map.of());
        return FunctionsHttp.handle(request, TestHttp.context("ThingGet", traceparent, lines), TestTokens.newAuth(), access, work);
    }

    private HttpResponseMessage failing(RuntimeException e) {
        return call(TestHttp.tenant("tenant-a", "cs-correlation-id", "corr-42"), null, Auth.Access.READ, c -> {
            throw e;
        });
    }

    private static CosmosException cosmos(int status, Duration retryAfter) {
        CosmosException e = mock(CosmosException.class);
        when(e.getStatusCode()).thenReturn(status);
        when(e.getRetryAfterDuration()).thenReturn(retryAfter);
        when(e.getMessage()).thenReturn("payload {\"name\":\"secret\"}");
        return e;
    }

    private static void assertProblem(HttpResponseMessage r, int status) {
        assertEquals(status, r.getStatusCode(), () -> String.valueOf(r.getBody()));
        assertEquals("application/problem+json", r.getHeader("Content-Type"));
        JsonNode p = TestHttp.json(r);
        assertEquals(status, p.get("status").asInt());
        assertTrue(p.get("title").asText().length() > 5);
        assertFalse(String.valueOf(r.getBody()).contains("secret"), "no exception message reaches the client");
    }

    @Test
    void theWorkRunsForTheTokensTenantUnderTheHostsTraceContext() {
        AtomicReference<Call> seen = new AtomicReference<>();
        HttpResponseMessage r = call(TestHttp.tenant("tenant-a", "X-Tenant-Id", "tenant-b", "traceparent",
                "00-11111111111111111111111111111111-2222222222222222-01"), HOST_TRACEPARENT, Auth.Access.READ, c -> {
            seen.set(c);
            return FunctionsHttp.json(TestHttp.request(null, Map.of(), Map.of()), 200, Map.of());
        });
        assertEquals(200, r.getStatusCode());
        assertEquals("tenant-a", seen.get().tenantId());
        assertEquals(HOST_TRACEPARENT, seen.get().traceparent());
        assertEquals("0af7651916cd43dd8448eb211c80319c", seen.get().traceId());
    }

    @Test
    void withoutAHostTraceTheRequestsTraceparentIsContinuedAndAMalformedOneReplaced() {
        AtomicReference<Call> seen = new AtomicReference<>();
        String incoming = "00-11111111111111111111111111111111-2222222222222222-01";
        call(TestHttp.tenant("tenant-a", "traceparent", incoming), null, Auth.Access.READ, c -> {
            seen.set(c);
            return FunctionsHttp.noContent(TestHttp.request(null, Map.of(), Map.of()));
        });
        assertEquals(incoming, seen.get().traceparent());
        assertEquals("11111111111111111111111111111111", seen.get().traceId());
        call(TestHttp.tenant("tenant-a", "traceparent", "00-not-a-trace"), "garbage", Auth.Access.READ, c -> {
            seen.set(c);
            return FunctionsHttp.noContent(TestHttp.request(null, Map.of(), Map.of()));
        });
        assertTrue(seen.get().traceparent().matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01"), seen.get().traceparent());
        assertTrue(seen.get().traceparent().contains(seen.get().traceId()));
        assertNotEquals("11111111111111111111111111111111", seen.get().traceId());
    }

    @Test
    void aRefusedCallNeverRunsTheWorkAndSaysHowToAuthenticate() {
        AtomicReference<Call> seen = new AtomicReference<>();
        HttpResponseMessage r = call(Map.of("X-Tenant-Id", "tenant-a"), null, Auth.Access.READ, c -> {
            seen.set(c);
            return null;
        });
        assertProblem(r, 401);
        assertEquals("Bearer", r.getHeader("WWW-Authenticate"));
        assertNull(seen.get());
        HttpResponseMessage forbidden = call(TestTokens.bearer(TestTokens.token("tenant-a", Auth.READ_ROLE)), null, Auth.Access.WRITE, c -> {
            seen.set(c);
            return null;
        });
        assertProblem(forbidden, 403);
        assertTrue(forbidden.getHeader("WWW-Authenticate").contains("insufficient_scope"));
        assertNull(seen.get());
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).getMessage().contains("status=401") && lines.get(0).getMessage().contains("tenant=-"), lines.get(0).getMessage());
    }

    @Test
    void throttlingIs429WithRetryAfterInWholeSeconds() {
        HttpResponseMessage r = failing(cosmos(429, Duration.ofMillis(1500)));
        assertProblem(r, 429);
        assertEquals("2", r.getHeader("Retry-After"));
        assertEquals("1", failing(cosmos(429, Duration.ofMillis(200))).getHeader("Retry-After"));
        assertEquals("1", failing(cosmos(429, null)).getHeader("Retry-After"));
        assertEquals("3", failing(cosmos(429, Duration.ofSeconds(3))).getHeader("Retry-After"));
        assertEquals(Level.WARNING, lines.get(0).getLevel());
    }

    @Test
    void anUnavailableOrTimedOutDependencyIs503() {
        for (int status : new int[] {503, 408, 449}) {
            HttpResponseMessage r = failing(cosmos(status, null));
            assertProblem(r, 503);
            assertEquals("5", r.getHeader("Retry-After"));
        }
        ServiceBusException bus = mock(ServiceBusException.class);
        when(bus.isTransient()).thenReturn(true);
        assertProblem(failing(bus), 503);
        ServiceBusException permanent = mock(ServiceBusException.class);
        assertProblem(failing(permanent), 500);
        assertProblem(failing(cosmos(403, null)), 500);
    }

    @Test
    void anythingElseIs500WithTheCorrelationIdAndOneSevereLogLineWithoutTheMessage() {
        HttpResponseMessage r = failing(new IllegalStateException("customer secret 4111-1111"));
        assertProblem(r, 500);
        assertEquals("corr-42", TestHttp.json(r).get("correlationId").asText());
        assertNull(r.getHeader("Retry-After"));
        assertEquals(1, lines.size());
        LogRecord line = lines.get(0);
        assertEquals(Level.SEVERE, line.getLevel());
        for (String part : List.of("function=ThingGet", "tenant=tenant-a", "status=500", "invocationId=inv-ThingGet",
                "correlationId=corr-42", "exception=java.lang.IllegalStateException", "durationMs=")) {
            assertTrue(line.getMessage().contains(part), part + " in " + line.getMessage());
        }
        assertFalse(line.getMessage().contains("secret"), line.getMessage());
        assertNull(line.getThrown(), "no stack trace: messages may carry payloads");
    }

    @Test
    void aBadContinuationTokenIs400NamingTheParameter() {
        HttpResponseMessage r = failing(new InvalidContinuationTokenException(new IllegalArgumentException("secret")));
        assertProblem(r, 400);
        assertEquals("continuationToken", TestHttp.json(r).at("/errors/0/field").asText());
        assertEquals(Level.INFO, lines.get(0).getLevel());
    }

    @Test
    void everyRequestLogsOneLineWithItsIdsAndNeverTheToken() {
        String token = TestTokens.readWrite("tenant-a");
        call(TestTokens.bearer(token), HOST_TRACEPARENT, Auth.Access.WRITE,
                c -> FunctionsHttp.json(TestHttp.request(null, Map.of(), Map.of()), 201, Map.of("name", "Ada")));
        assertEquals(1, lines.size());
        String line = lines.get(0).getMessage();
        assertEquals(Level.INFO, lines.get(0).getLevel());
        for (String part : List.of("function=ThingGet", "tenant=tenant-a", "status=201", "invocationId=inv-ThingGet",
                "traceId=0af7651916cd43dd8448eb211c80319c", "correlationId=corr-")) {
            assertTrue(line.contains(part), part + " in " + line);
        }
        assertFalse(line.contains(token.substring(0, 20)) || line.contains("Ada"), line);
    }

    @Test
    void anUnusableCorrelationIdIsReplaced() {
        HttpResponseMessage r = call(TestHttp.tenant("tenant-a", "cs-correlation-id", "has spaces\nand lines"), null, Auth.Access.READ, c -> {
            throw new IllegalStateException();
        });
        String id = TestHttp.json(r).get("correlationId").asText();
        assertTrue(id.startsWith("corr-") && !id.contains(" "), id);
    }

    @Test
    void aMalformedBodyIsDescribedByPositionNotEchoed() {
        var request = TestHttp.request("{\"name\": secretvalue}", Map.of(), Map.of());
        Outcome<?> o = FunctionsHttp.body(request);
        String message = ((Outcome.Invalid<?>) o).errors().get(0).message();
        assertTrue(message.contains("line 1"), message);
        assertFalse(message.contains("secretvalue"), message);
    }

    @Test
    void aFaultWhileCheckingTheTokenIs500AndLogged() {
        Auth broken = new Auth(TestTokens.ISSUER, TestTokens.AUDIENCE, (selector, securityContext) -> {
            throw new IllegalStateException("key store secret");
        });
        HttpResponseMessage r = FunctionsHttp.handle(TestHttp.request(null, TestTokens.bearer(TestTokens.readWrite("tenant-a")), Map.of()),
                TestHttp.context("ThingGet", null, lines), broken, Auth.Access.READ, c -> {
                    throw new AssertionError("the work must not run");
                });
        assertProblem(r, 500);
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).getMessage().contains("exception=java.lang.IllegalStateException"), lines.get(0).getMessage());
    }

    @Test
    void unavailableSigningKeysAre503WithRetryAfter() throws Exception {
        Auth offline = Auth.remote(TestTokens.ISSUER, TestTokens.AUDIENCE, new java.net.URL("https://login.example/keys"), u -> {
            throw new java.io.IOException("unreachable");
        });
        HttpResponseMessage r = FunctionsHttp.handle(TestHttp.request(null, TestHttp.tenant("tenant-a"), Map.of()),
                TestHttp.context("ThingGet", null, lines), offline, Auth.Access.READ, c -> {
                    throw new AssertionError("the work must not run");
                });
        assertProblem(r, 503);
        assertEquals("5", r.getHeader("Retry-After"));
        assertNull(r.getHeader("WWW-Authenticate"));
    }

    @Test
    void newTraceIdsAreRandom() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            call(TestHttp.tenant("tenant-a"), null, Auth.Access.READ, c -> {
                ids.add(c.traceId());
                return FunctionsHttp.noContent(TestHttp.request(null, Map.of(), Map.of()));
            });
        }
        assertNotEquals(ids.get(0), ids.get(1));
        assertNotEquals("0".repeat(32), ids.get(0));
    }
}
