package com.connectsoft.factory.functions;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** An HTTP request as the Functions worker hands it to a trigger, and the response builder it offers. */
record FakeHttpRequest(HttpMethod method, URI uri, Map<String, String> headers, Map<String, String> query, byte[] body)
        implements HttpRequestMessage<Optional<byte[]>> {

    static FakeHttpRequest of(String method, String pathAndQuery, byte[] body, String... headerPairs) {
        URI uri = URI.create("https://connectsoft-factory.azurewebsites.net" + pathAndQuery);
        Map<String, String> query = new HashMap<>();
        if (uri.getRawQuery() != null) {
            for (String kv : uri.getRawQuery().split("&")) {
                String[] p = kv.split("=", 2);
                query.put(p[0], p.length > 1 ? java.net.URLDecoder.decode(p[1], java.nio.charset.StandardCharsets.UTF_8) : "");
            }
        }
        Map<String, String> headers = new HashMap<>();
        for (int i = 0; i + 1 < headerPairs.length; i += 2) {
            headers.put(headerPairs[i].toLowerCase(java.util.Locale.ROOT), headerPairs[i + 1]);
        }
        return new FakeHttpRequest(HttpMethod.value(method), uri, headers, query, body);
    }

    @Override
    public URI getUri() {
        return uri;
    }

    @Override
    public HttpMethod getHttpMethod() {
        return method;
    }

    @Override
    public Map<String, String> getHeaders() {
        return headers;
    }

    @Override
    public Map<String, String> getQueryParameters() {
        return query;
    }

    @Override
    public Optional<byte[]> getBody() {
        return Optional.ofNullable(body);
    }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatus status) {
        return createResponseBuilder((HttpStatusType) status);
    }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatusType status) {
        return new HttpResponseMessage.Builder() {
            private final Map<String, String> h = new HashMap<>();
            private Object b;
            private HttpStatusType s = status;

            @Override
            public HttpResponseMessage.Builder status(HttpStatusType st) {
                s = st;
                return this;
            }

            @Override
            public HttpResponseMessage.Builder header(String key, String value) {
                h.put(key, value);
                return this;
            }

            @Override
            public HttpResponseMessage.Builder body(Object body) {
                b = body;
                return this;
            }

            @Override
            public HttpResponseMessage build() {
                HttpStatusType fs = s;
                Object fb = b;
                return new HttpResponseMessage() {
                    @Override
                    public HttpStatusType getStatus() {
                        return fs;
                    }

                    @Override
                    public String getHeader(String key) {
                        return h.get(key);
                    }

                    @Override
                    public Object getBody() {
                        return fb;
                    }
                };
            }
        };
    }
}
