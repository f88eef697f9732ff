package com.connectsoft.extensions.runtime.validation;

/** One invalid field of a request: which field, a stable code (required, type, format, minLength, maxLength, pattern, min, max, enum) and a message. */
public record FieldError(String field, String code, String message) {
}
