package com.connectsoft.extensions.runtime.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.connectsoft.extensions.runtime.call.TraceContext;
import com.connectsoft.extensions.runtime.data.TenantEntity;
import com.connectsoft.extensions.runtime.json.Json;
import com.connectsoft.extensions.runtime.outcome.Outcome;
import com.connectsoft.extensions.runtime.validation.FieldError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatusType;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The HTTP mapping: request bodies and paging parameters in, outcomes out as JSON or RFC 7807 problems with their headers. */
class FunctionsHttpMappingTest {
    /** A stored thing with its metadata, as a repository returns it. */
    record Thing(String id, String tenantId, String etag, Instant createdAt, Instant updatedAt, String name) implements TenantEntity<Thing> {
        @Override
        public Thing withMetadata(String id, String tenantId, String etag, Instant createdAt, Instant updatedAt) {
            return new Thing(id, tenantId, etag, createdAt, updatedAt, name);
        }
    }

    /** What a function built: status, headers (lower-case names) and body. */
    record Built(int status, Map<String, String> headers, Object body) implements HttpResponseMessage {
        @Override
        public HttpStatusType getStatus() {
            return HttpStatusType.custom(status);
        }

        @Override
        public String getHeader(String key) {
            return headers.get(key.toLowerCase());
        }

        @Override
        public Object getBody() {
            return body;
        }
    }

    @SuppressWarnings("unchecked")
    private static HttpRequestMessage<Optional<String>> request(Optional<String> body, Map<String, String> query) {
        HttpRequestMessage<Optional<String>> request = mock(HttpRequestMessage.class);
        when(request.getHeaders()).thenReturn(Map.of());
        when(request.getQueryParameters()).thenReturn(query);
        when(request.getBody()).thenReturn(body);
        when(request.createResponseBuilder(any(HttpStatusType.class))).thenAnswer(inv -> builder(((HttpStatusType) inv.getArgument(0)).value()));
        return request;
    }

    private static HttpRequestMessage<Optional<String>> request() {
        return request(Optional.empty(), Map.of());
    }

    private static HttpResponseMessage.Builder builder(int initial) {
        Map<String, String> headers = new HashMap<>();
        Object[] body = new Object[1];
        int[] status = {initial};
        return new HttpResponseMessage.Builder() {
            @Override
            public HttpResponseMessage.Builder status(HttpStatusType s) {
                status[0] = s.value();
                return this;
            }

            @Override
            public HttpResponseMessage.Builder header(String key, String value) {
                headers.put(key.toLowerCase(), value);
                return this;
            }

            @Override
            public HttpResponseMessage.Builder body(Object b) {
                body[0] = b;
                return this;
            }

            @Override
            public HttpResponseMessage build() {
                return new Built(status[0], Map.copyOf(headers), body[0]);
            }
        };
    }

    private static JsonNode json(HttpResponseMessage response) {
        try {
            return Json.MAPPER.readTree((String) response.getBody());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.getBody(), e);
        }
    }

    private static Thing thing() {
        return new Thing("t-1", "tenant-a", "\"e-7\"", Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-01-02T00:00:00Z"), "first");
    }

    @Test
    void aJsonObjectBodyIsRead() {
        Outcome<ObjectNode> read = FunctionsHttp.body(request(Optional.of("{\"name\":\"x\",\"n\":2}"), Map.of()));
        ObjectNode body = ((Outcome.Ok<ObjectNode>) read).value();
        assertEquals("x", body.get("name").asText());
        assertEquals(2, body.get("n").asInt());
    }

    @Test
    void aMissingBlankOrNonObjectBodyIsInvalidWithTheReason() {
        for (Optional<String> missing : java.util.Arrays.asList(null, Optional.<String>empty(), Optional.of("  \n"))) {
            FieldError e = onlyError(FunctionsHttp.body(request(missing, Map.of())));
            assertEquals("body", e.field());
            assertEquals("required", e.code());
        }
        assertEquals("type", onlyError(FunctionsHttp.body(request(Optional.of("[1,2]"), Map.of()))).code());
        assertEquals("type", onlyError(FunctionsHttp.body(request(Optional.of("\"text\""), Map.of()))).code());
        FieldError malformed = onlyError(FunctionsHttp.body(request(Optional.of("{\"name\":"), Map.of())));
        assertEquals("format", malformed.code());
        assertTrue(malformed.message().startsWith("the body is not valid JSON"), malformed.message());
    }

    private static FieldError onlyError(Outcome<ObjectNode> outcome) {
        List<FieldError> errors = ((Outcome.Invalid<ObjectNode>) outcome).errors();
        assertEquals(1, errors.size(), errors::toString);
        return errors.get(0);
    }

    @Test
    void theLimitIsTheDefaultUnlessAWholeNumberIsGivenAndIsClampedToItsRange() {
        assertEquals(20, FunctionsHttp.limit(request(Optional.empty(), null), 20, 200));
        assertEquals(20, FunctionsHttp.limit(request(), 20, 200));
        assertEquals(20, FunctionsHttp.limit(request(Optional.empty(), Map.of("limit", "ten")), 20, 200));
        assertEquals(20, FunctionsHttp.limit(request(Optional.empty(), Map.of("limit", "")), 20, 200));
        assertEquals(7, FunctionsHttp.limit(request(Optional.empty(), Map.of("limit", "7")), 20, 200));
        assertEquals(1, FunctionsHttp.limit(request(Optional.empty(), Map.of("limit", "1")), 20, 200));
        assertEquals(1, FunctionsHttp.limit(request(Optional.empty(), Map.of("limit", "0")), 20, 200));
        assertEquals(1, FunctionsHttp.limit(request(Optional.empty(), Map.of("limit", "-5")), 20, 200));
        assertEquals(200, FunctionsHttp.limit(request(Optional.empty(), Map.of("limit", "200")), 20, 200));
        assertEquals(200, FunctionsHttp.limit(request(Optional.empty(), Map.of("limit", "201")), 20, 200));
    }

    @Test
    void anOkOutcomeIsTheEntityAsJsonWithItsEtag() {
        HttpResponseMessage r = FunctionsHttp.respond(request(), new Outcome.Ok<>(thing()), 201);
        assertEquals(201, r.getStatus().value());
        assertEquals("application/json", r.getHeader("Content-Type"));
        assertEquals("\"e-7\"", r.getHeader("ETag"));
        JsonNode body = json(r);
        assertEquals("t-1", body.get("id").asText());
        assertEquals("tenant-a", body.get("tenantId").asText());
        assertEquals("first", body.get("name").asText());
        assertEquals("2025-01-01T00:00:00Z", body.get("createdAt").asText());
        assertEquals(200, FunctionsHttp.respond(request(), new Outcome.Ok<>(thing()), 200).getStatus().value());
    }

    @Test
    void invalidIsA400ProblemListingEveryFieldError() {
        List<FieldError> errors = List.of(new FieldError("name", "required", "name is required"),
                new FieldError("n", "max", "n must be at most 3"));
        HttpResponseMessage r = FunctionsHttp.respond(request(), new Outcome.Invalid<Thing>(errors), 201);
        assertEquals(400, r.getStatus().value());
        assertEquals("application/problem+json", r.getHeader("Content-Type"));
        assertNull(r.getHeader("ETag"));
        JsonNode p = json(r);
        assertEquals("about:blank", p.get("type").asText());
        assertEquals("the request is invalid", p.get("title").asText());
        assertEquals(400, p.get("status").asInt());
        assertEquals(2, p.get("errors").size());
        assertEquals("name", p.get("errors").get(0).get("field").asText());
        assertEquals("required", p.get("errors").get(0).get("code").asText());
        assertEquals("n must be at most 3", p.get("errors").get(1).get("message").asText());
    }

    @Test
    void notFoundConflictAndStaleEtagAreProblemsWithoutFieldErrors() {
        assertProblem(FunctionsHttp.respond(request(), new Outcome.NotFound<Thing>("Thing t-9"), 200), 404, "Thing t-9 was not found");
        assertProblem(FunctionsHttp.respond(request(), new Outcome.Conflict<Thing>("name is taken"), 201), 409, "name is taken");
        assertProblem(FunctionsHttp.respond(request(), new Outcome.PreconditionFailed<Thing>("etag is stale"), 200), 412, "etag is stale");
        assertProblem(FunctionsHttp.failure(request(), new Outcome.NotFound<Thing>("Thing t-8")), 404, "Thing t-8 was not found");
    }

    private static void assertProblem(HttpResponseMessage r, int status, String title) {
        assertEquals(status, r.getStatus().value());
        assertEquals("application/problem+json", r.getHeader("Content-Type"));
        JsonNode p = json(r);
        assertEquals(status, p.get("status").asInt());
        assertEquals(title, p.get("title").asText());
        assertEquals("about:blank", p.get("type").asText());
        assertFalse(p.has("errors"), p::toString);
    }

    @Test
    void anOkOutcomeIsNotAFailure() {
        assertThrows(IllegalArgumentException.class, () -> FunctionsHttp.failure(request(), new Outcome.Ok<>(thing())));
    }

    @Test
    void jsonAndNoContentResponses() {
        HttpResponseMessage r = FunctionsHttp.json(request(), 200, Map.of("items", List.of(1, 2)));
        assertEquals(200, r.getStatus().value());
        assertEquals("application/json", r.getHeader("Content-Type"));
        assertEquals(2, json(r).get("items").size());
        HttpResponseMessage none = FunctionsHttp.noContent(request());
        assertEquals(204, none.getStatus().value());
        assertNull(none.getBody());
    }

    @Test
    void aProblemWithFieldErrorsListsThem() {
        HttpResponseMessage r = FunctionsHttp.problem(request(), 422, "cannot", List.of(new FieldError("a", "type", "a must be a number")));
        assertEquals(422, r.getStatus().value());
        assertEquals("type", json(r).get("errors").get(0).get("code").asText());
        assertEquals("cannot", json(r).get("title").asText());
    }

    @Test
    void aTraceparentContinuesTheTraceWithANewParentEachTime() {
        String trace = "0af7651916cd43dd8448eb211c80319c";
        String a = TraceContext.traceparent(trace);
        String b = TraceContext.traceparent(trace);
        assertTrue(a.matches("00-" + trace + "-[0-9a-f]{16}-01"), a);
        assertTrue(b.matches("00-" + trace + "-[0-9a-f]{16}-01"), b);
        assertNotEquals(a, b);
    }

    @SuppressWarnings("unchecked")
    private static HttpRequestMessage<Optional<String>> at(String uri, Map<String, String> single) {
        HttpRequestMessage<Optional<String>> request = mock(HttpRequestMessage.class);
        URI parsed = uri == null ? null : URI.create(uri);
        when(request.getUri()).thenReturn(parsed);
        when(request.getQueryParameters()).thenReturn(single);
        return request;
    }

    @Test
    void queryParametersComeFromTheRawQuerySoThatOneMayRepeat() {
        Outcome<Map<String, List<String>>> p = FunctionsHttp.parameters(at("https://h/api/v1/things?sort=name,asc&sort=id&name.contains=a%26b",
                Map.of("sort", "id")));
        assertEquals(new Outcome.Ok<>(Map.of("sort", List.of("name,asc", "id"), "name.contains", List.of("a&b"))), p);
        Outcome<Map<String, List<String>>> bad = FunctionsHttp.parameters(at("https://h/x?name=%25zz", Map.of()));
        assertEquals(new Outcome.Ok<>(Map.of("name", List.of("%zz"))), bad, "decoded once, as the raw query says");
    }

    @Test
    void withoutARawQueryTheHostsSingleValuesAreUsedAndBounded() {
        Map<String, String> single = new HashMap<>();
        single.put("limit", "5");
        single.put("flag", null);
        assertEquals(new Outcome.Ok<>(Map.of("limit", List.of("5"), "flag", List.of(""))), FunctionsHttp.parameters(at("https://h/x", single)));
        assertEquals(new Outcome.Ok<>(Map.of()), FunctionsHttp.parameters(at(null, null)));
        assertEquals(new Outcome.Ok<>(Map.of("a", List.of("1"))), FunctionsHttp.parameters(at("https://h/x?", Map.of("a", "1"))));
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i <= com.connectsoft.extensions.runtime.data.Criteria.MAX_PARAMETERS; i++) {
            many.put("p" + i, "v");
        }
        Outcome<Map<String, List<String>>> tooMany = FunctionsHttp.parameters(at(null, many));
        assertEquals("tooMany", ((Outcome.Invalid<?>) tooMany).errors().get(0).code());
        many.remove("p0");
        assertTrue(FunctionsHttp.parameters(at(null, many)) instanceof Outcome.Ok<?>, "exactly the maximum is accepted");
    }

    @Test
    void aHeaderIsFoundByAnyCaseAndBlankIsAbsent() {
        HttpRequestMessage<Optional<String>> request = request();
        when(request.getHeaders()).thenReturn(Map.of("If-Match", "\"e-1\"", "X-Blank", " "));
        assertEquals(Optional.of("\"e-1\""), FunctionsHttp.header(request, "if-match"));
        assertEquals(Optional.empty(), FunctionsHttp.header(request, "x-blank"));
        assertEquals(Optional.empty(), FunctionsHttp.header(request, "x-none"));
    }
}
