package com.connectsoft.extensions.runtime.functions;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.connectsoft.extensions.runtime.auth.TestTokens;
import com.connectsoft.extensions.runtime.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;
import com.microsoft.azure.functions.TraceContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** HTTP requests for trigger tests: a Mockito request whose response builder records what the function built. */
public final class TestHttp {
    private TestHttp() {
    }

    @SuppressWarnings("unchecked")
    public static HttpRequestMessage<Optional<String>> request(String body, Map<String, String> headers, Map<String, String> query) {
        HttpRequestMessage<Optional<String>> request = mock(HttpRequestMessage.class);
        when(request.getHeaders()).thenReturn(headers);
        when(request.getQueryParameters()).thenReturn(query);
        when(request.getBody()).thenReturn(Optional.ofNullable(body));
        when(request.createResponseBuilder(any(HttpStatusType.class))).thenAnswer(inv -> new Builder(inv.getArgument(0)));
        when(request.createResponseBuilder(any(HttpStatus.class))).thenAnswer(inv -> new Builder(inv.getArgument(0)));
        return request;
    }

    /** The headers of a caller of this tenant: a valid bearer token with the roles Data.Read and Data.Write. */
    public static Map<String, String> tenant(String tenantId) {
        return TestTokens.bearer(TestTokens.readWrite(tenantId));
    }

    /** A caller of this tenant plus more headers (name, value, name, value...). */
    public static Map<String, String> tenant(String tenantId, String... more) {
        Map<String, String> headers = tenant(tenantId);
        for (int i = 0; i + 1 < more.length; i += 2) {
            headers.put(more[i], more[i + 1]);
        }
        return headers;
    }

    /**
     * An execution context whose logger keeps what it is given, and whose host trace context is this traceparent (null:
     * none). {@code lines} receives every log line.
     */
    public static ExecutionContext context(String functionName, String traceparent, List<LogRecord> lines) {
        ExecutionContext context = mock(ExecutionContext.class);
        Logger logger = Logger.getAnonymousLogger();
        logger.setUseParentHandlers(false);
        logger.setLevel(Level.ALL);
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        when(context.getLogger()).thenReturn(logger);
        when(context.getFunctionName()).thenReturn(functionName);
        when(context.getInvocationId()).thenReturn("inv-" + functionName);
        if (traceparent != null) {
            TraceContext trace = mock(TraceContext.class);
            when(trace.getTraceparent()).thenReturn(traceparent);
            when(context.getTraceContext()).thenReturn(trace);
        }
        return context;
    }

    public static JsonNode json(HttpResponseMessage response) {
        try {
            return Json.MAPPER.readTree((String) response.getBody());
        } catch (JsonProcessingException e) {
            throw new AssertionError("response body is not JSON: " + response.getBody(), e);
        }
    }

    private static final class Builder implements HttpResponseMessage.Builder {
        private HttpStatusType status;
        private final Map<String, String> headers = new HashMap<>();
        private Object body;

        Builder(HttpStatusType status) {
            this.status = status;
        }

        @Override
        public HttpResponseMessage.Builder status(HttpStatusType status) {
            this.status = status;
            return this;
        }

        @Override
        public HttpResponseMessage.Builder header(String key, String value) {
            headers.put(key.toLowerCase(), value);
            return this;
        }

        @Override
        public HttpResponseMessage.Builder body(Object body) {
            this.body = body;
            return this;
        }

        @Override
        public HttpResponseMessage build() {
            HttpStatusType s = status;
            Map<String, String> h = Map.copyOf(headers);
            Object b = body;
            return new HttpResponseMessage() {
                @Override
                public HttpStatusType getStatus() {
                    return s;
                }

                @Override
                public String getHeader(String key) {
                    return h.get(key.toLowerCase());
                }

                @Override
                public Object getBody() {
                    return b;
                }
            };
        }
    }
}
