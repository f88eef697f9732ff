package com.connectsoft.extensions.runtime.data;

/** A write contradicted what is stored: the id exists already (409) or the If-Match etag is stale (412). */
public class ConflictException extends RuntimeException {
    private final boolean preconditionFailed;

    public ConflictException(String message, boolean preconditionFailed) {
        super(message);
        this.preconditionFailed = preconditionFailed;
    }

    public boolean preconditionFailed() {
        return preconditionFailed;
    }
}
