package com.connectsoft.extensions.runtime.functions;

import com.connectsoft.extensions.runtime.auth.Auth;
import com.connectsoft.extensions.runtime.call.Call;
import com.connectsoft.extensions.runtime.call.TraceContext;
import com.connectsoft.extensions.runtime.data.Criteria;
import com.connectsoft.extensions.runtime.data.Page;
import com.connectsoft.extensions.runtime.data.TenantEntity;
import com.connectsoft.extensions.runtime.json.Json;
import com.connectsoft.extensions.runtime.outcome.Outcome;
import com.connectsoft.extensions.runtime.problem.Problem;
import com.connectsoft.extensions.runtime.problem.ProblemResponse;
import com.connectsoft.extensions.runtime.problem.Problems;
import com.connectsoft.extensions.runtime.validation.FieldError;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatusType;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Azure Functions HTTP adapter of a service: a trigger method hands its request to {@link #handle}, which resolves
 * the caller's identity from a validated bearer token only ({@link Auth}; no header names a tenant), continues the
 * host's W3C trace context (else the request's well-formed one, else a new one), runs the work with a {@link Call}
 * scoped to that tenant, and maps refusals and faults to RFC 7807 problems ({@link Problems}: the exception's message
 * never reaches the client). One log line per request through the host's logger: function, tenant, status, duration,
 * invocation, trace and correlation ids, and a fault's exception class; never bodies, field values or tokens.
 * Stateless: every method may be called from any thread.
 */
public final class FunctionsHttp {
    private static final Logger FALLBACK_LOG = Logger.getLogger(FunctionsHttp.class.getName());
    private static final String CONTENT_TYPE = "Content-Type";

    private FunctionsHttp() {
    }

    /**
     * Runs the work for a caller whose token allows the access; refuses (401/403, 503 while signing keys cannot be had)
     * otherwise, without running it. A fault the work throws becomes a problem (429 with Retry-After, 503, 400 for a
     * continuation token the store refuses, else 500 with the correlation id to quote) and is logged once with its class.
     */
    public static HttpResponseMessage handle(HttpRequestMessage<Optional<String>> request, ExecutionContext context, Auth auth,
                                             Auth.Access access, Function<Call, HttpResponseMessage> work) {
        long started = System.nanoTime();
        Map<String, String> headers = request.getHeaders();
        String traceparent = hostTraceparent(context)
                .orElseGet(() -> TraceContext.traceparent(TraceContext.header(headers, TraceContext.TRACEPARENT)));
        String traceId = TraceContext.traceId(traceparent);
        String correlationId = TraceContext.correlationId(TraceContext.header(headers, TraceContext.CORRELATION_ID));
        String tenant = null;
        RuntimeException fault = null;
        HttpResponseMessage response;
        try {
            Auth.Decision decision = auth.authorize(headers, access);
            if (decision instanceof Auth.Decision.Refused refused) {
                response = write(request, Problems.of(refused));
            } else {
                tenant = ((Auth.Decision.Allowed) decision).principal().tenantId();
                response = work.apply(new Call(tenant, traceId, correlationId, traceparent));
            }
        } catch (RuntimeException e) {
            fault = e;
            response = write(request, Problems.fault(e, correlationId));
        }
        log(context, tenant, response.getStatusCode(), started, traceId, correlationId, fault);
        return response;
    }

    private static Optional<String> hostTraceparent(ExecutionContext context) {
        com.microsoft.azure.functions.TraceContext trace = context == null ? null : context.getTraceContext();
        return Optional.ofNullable(trace == null ? null : trace.getTraceparent()).filter(TraceContext::isTraceparent);
    }

    private static void log(ExecutionContext context, String tenant, int status, long started, String traceId,
                            String correlationId, RuntimeException fault) {
        Logger logger = context == null || context.getLogger() == null ? FALLBACK_LOG : context.getLogger();
        Level level = status >= 500 && status != 503 ? Level.SEVERE : status == 429 || status == 503 ? Level.WARNING : Level.INFO;
        if (!logger.isLoggable(level)) {
            return;
        }
        String line = "function=" + (context == null ? null : context.getFunctionName())
                + " tenant=" + (tenant == null ? "-" : tenant)
                + " status=" + status
                + " durationMs=" + (System.nanoTime() - started) / 1_000_000
                + " invocationId=" + (context == null ? null : context.getInvocationId())
                + " traceId=" + traceId
                + " correlationId=" + correlationId
                + (fault == null ? "" : " exception=" + fault.getClass().getName());
        logger.log(level, line);
    }

    /** The JSON object in the request body, or an Invalid outcome saying why there is none (never echoing the body). */
    public static Outcome<ObjectNode> body(HttpRequestMessage<Optional<String>> request) {
        Optional<String> text = request.getBody();
        if (text == null || text.isEmpty() || text.get().isBlank()) {
            return new Outcome.Invalid<>(List.of(new FieldError("body", "required", "a JSON object is required")));
        }
        try {
            JsonNode node = Json.MAPPER.readTree(text.get());
            if (!(node instanceof ObjectNode object)) {
                return new Outcome.Invalid<>(List.of(new FieldError("body", "type", "the body must be a JSON object")));
            }
            return new Outcome.Ok<>(object);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            return new Outcome.Invalid<>(List.of(new FieldError("body", "format", at == null ? "the body is not valid JSON"
                    : "the body is not valid JSON (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")));
        }
    }

    /** The page size the request's {@code limit} asks for (see {@link Page#limit}). */
    public static int limit(HttpRequestMessage<Optional<String>> request, int defaultSize, int maxSize) {
        Map<String, String> query = request.getQueryParameters();
        return Page.limit(query == null ? null : query.get("limit"), defaultSize, maxSize);
    }

    /**
     * Every query parameter with all its values: from the raw query string when the host gives the request's URI (so a
     * parameter such as {@code sort} may repeat), else from the host's single-valued map. Bounded as
     * {@link Criteria#parameters(String)} is.
     */
    public static Outcome<Map<String, List<String>>> parameters(HttpRequestMessage<?> request) {
        URI uri = request.getUri();
        String raw = uri == null ? null : uri.getRawQuery();
        if (raw != null && !raw.isEmpty()) {
            return Criteria.parameters(raw);
        }
        Map<String, String> single = request.getQueryParameters();
        if (single == null) {
            return new Outcome.Ok<>(Map.of());
        }
        if (single.size() > Criteria.MAX_PARAMETERS) {
            return new Outcome.Invalid<>(List.of(new FieldError("query", "tooMany",
                    "at most " + Criteria.MAX_PARAMETERS + " query parameters are accepted")));
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        single.forEach((k, v) -> out.put(k, List.of(v == null ? "" : v)));
        return new Outcome.Ok<>(out);
    }

    public static Optional<String> header(HttpRequestMessage<Optional<String>> request, String name) {
        return TraceContext.header(request.getHeaders(), name);
    }

    /** Ok → {@code okStatus} with the entity and its ETag; a refusal → its problem (see {@link Problems#of(Outcome)}). */
    public static <T extends TenantEntity<T>> HttpResponseMessage respond(HttpRequestMessage<Optional<String>> request,
                                                                           Outcome<T> outcome, int okStatus) {
        if (outcome instanceof Outcome.Ok<T> ok) {
            return request.createResponseBuilder(HttpStatusType.custom(okStatus))
                    .header(CONTENT_TYPE, "application/json")
                    .header("ETag", ok.value().etag())
                    .body(json(ok.value())).build();
        }
        return failure(request, outcome);
    }

    /**
     * A use case's refusal as its problem.
     *
     * @throws IllegalArgumentException for {@link Outcome.Ok}, which is not a refusal
     */
    public static HttpResponseMessage failure(HttpRequestMessage<Optional<String>> request, Outcome<?> outcome) {
        return write(request, Problems.of(outcome));
    }

    public static HttpResponseMessage json(HttpRequestMessage<Optional<String>> request, int status, Object body) {
        return request.createResponseBuilder(HttpStatusType.custom(status))
                .header(CONTENT_TYPE, "application/json").body(json(body)).build();
    }

    public static HttpResponseMessage noContent(HttpRequestMessage<Optional<String>> request) {
        return request.createResponseBuilder(HttpStatusType.custom(204)).build();
    }

    public static HttpResponseMessage problem(HttpRequestMessage<Optional<String>> request, int status, String title,
                                              List<FieldError> errors) {
        return write(request, new ProblemResponse(new Problem(status, title, errors)));
    }

    /** A problem response as the host's response: its status, headers and {@code application/problem+json} body. */
    public static HttpResponseMessage write(HttpRequestMessage<Optional<String>> request, ProblemResponse problem) {
        HttpResponseMessage.Builder b = request.createResponseBuilder(HttpStatusType.custom(problem.status()))
                .header(CONTENT_TYPE, Problem.MEDIA_TYPE);
        problem.headers().forEach(b::header);
        return b.body(json(problem.body())).build();
    }

    private static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the response", e);
        }
    }
}
