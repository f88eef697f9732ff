package com.connectsoft.extensions.runtime.problem;

import com.connectsoft.extensions.runtime.validation.FieldError;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * An RFC 7807 problem ({@code application/problem+json}): {@code type}, {@code title}, {@code status}, and when there
 * are any, the field {@code errors} (what, where, how to fix) and the {@code correlationId} to quote for a fault.
 * Titles are written by the service, never copied from an exception.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, List<FieldError> errors, String correlationId) {
    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        Objects.requireNonNull(title, "title");
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a problem has a 4xx or 5xx status, not " + status);
        }
        type = type == null ? "about:blank" : type;
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public Problem(int status, String title) {
        this("about:blank", title, status, List.of(), null);
    }

    public Problem(int status, String title, List<FieldError> errors) {
        this("about:blank", title, status, errors, null);
    }
}
