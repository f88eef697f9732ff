package com.connectsoft.factory.tenancy.application;

import com.connectsoft.factory.shared.domain.TenantId;

/**
 * Signs a caller in from a bearer token that is not a tenant API key (in Azure: an Entra ID access token). The tenant
 * comes only from a token this sign-in verified; a token it cannot verify is refused, never passed on.
 */
public interface TokenSignIn {
    /** What the bearer value turned out to be. */
    sealed interface Outcome {
        /** Not a token of this kind (for example a tenant API key): try the next credential. */
        record NotApplicable() implements Outcome {
        }

        /** A verified token of a caller of {@code tenant}; {@code directory} and {@code subject} are for logs. */
        record SignedIn(TenantId tenant, String directory, String subject) implements Outcome {
        }

        /** A token that does not sign anyone in; {@code reason} says why and how to fix it. */
        record Refused(Refusal kind, String reason) implements Outcome {
        }
    }

    /** Why a token was refused: it is not valid (401), valid but for nobody here (403), or the keys are unreachable (503). */
    enum Refusal {
        INVALID(401), FORBIDDEN(403), UNAVAILABLE(503);

        private final int status;

        Refusal(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    Outcome signIn(String bearer);

    /** No token sign-in: every bearer value is left to the API keys. */
    static TokenSignIn none() {
        return bearer -> new Outcome.NotApplicable();
    }
}
