package com.connectsoft.extensions.runtime.problem;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** A problem as an HTTP response, for any framework: the status, the headers it needs (challenge, Retry-After) and the body. */
public record ProblemResponse(int status, Map<String, String> headers, Problem body) {
    public ProblemResponse {
        Objects.requireNonNull(body, "body");
        if (status != body.status()) {
            throw new IllegalArgumentException("the response status " + status + " differs from the problem's " + body.status());
        }
        headers = Map.copyOf(headers);
    }

    public ProblemResponse(Problem body) {
        this(body.status(), Map.of(), body);
    }

    /** The same response with one more header. */
    public ProblemResponse with(String header, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(header, value);
        return new ProblemResponse(status, h, body);
    }
}
