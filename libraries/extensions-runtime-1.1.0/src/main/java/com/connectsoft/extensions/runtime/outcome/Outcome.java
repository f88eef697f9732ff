package com.connectsoft.extensions.runtime.outcome;

import com.connectsoft.extensions.runtime.validation.FieldError;

import java.util.List;

/** What a use case returns: the value, or why not. Exceptions are reserved for infrastructure faults. */
public sealed interface Outcome<T> {
    record Ok<T>(T value) implements Outcome<T> {
    }

    record Invalid<T>(List<FieldError> errors) implements Outcome<T> {
        public Invalid {
            errors = List.copyOf(errors);
        }
    }

    record NotFound<T>(String what) implements Outcome<T> {
    }

    record Conflict<T>(String reason) implements Outcome<T> {
    }

    record PreconditionFailed<T>(String reason) implements Outcome<T> {
    }

    /**
     * Well-formed but contradicting what exists or was agreed (422): a reference to an unknown id, or an
     * Idempotency-Key reused with another body.
     */
    record Unprocessable<T>(String reason, List<FieldError> errors) implements Outcome<T> {
        public Unprocessable {
            errors = List.copyOf(errors);
        }

        public Unprocessable(String reason) {
            this(reason, List.of());
        }
    }
}
