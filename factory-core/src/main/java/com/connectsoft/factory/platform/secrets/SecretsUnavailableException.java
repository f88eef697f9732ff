package com.connectsoft.factory.platform.secrets;

/**
 * The secret store could not answer (access refused, unavailable, unreachable): an infrastructure fault to surface
 * or retry, never a reason to act as if the secret were absent. The message names the store, the secret and what to
 * do; it never holds a secret value.
 */
public class SecretsUnavailableException extends IllegalStateException {
    public SecretsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
