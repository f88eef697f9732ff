package com.connectsoft.factory.platform.bus;

/** The event can never be handled (malformed, refers to nothing); it goes to the dead-letter store with this reason. */
public class PoisonEventException extends RuntimeException {
    public PoisonEventException(String reason) {
        super(reason);
    }
}
