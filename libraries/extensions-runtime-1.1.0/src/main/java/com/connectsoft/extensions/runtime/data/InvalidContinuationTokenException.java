package com.connectsoft.extensions.runtime.data;

/** A list was asked to continue from a token it did not hand out (or one the store no longer accepts): the caller's 400. */
public class InvalidContinuationTokenException extends RuntimeException {
    public InvalidContinuationTokenException(Throwable cause) {
        super("the continuation token is not valid", cause);
    }
}
