package com.connectsoft.factory.platform.store;

/** A write lost a race or contradicted what is stored; the surrounding transaction is rolled back. */
public class StoreConflictException extends RuntimeException {
    public enum Kind { ALREADY_EXISTS, ETAG_MISMATCH, NOT_FOUND }

    private final Kind kind;

    public StoreConflictException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
