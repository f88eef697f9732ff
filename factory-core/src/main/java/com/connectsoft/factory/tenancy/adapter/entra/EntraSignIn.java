package com.connectsoft.factory.tenancy.adapter.entra;

import com.connectsoft.factory.shared.domain.TenantId;
import com.connectsoft.factory.tenancy.application.TokenSignIn;
import com.connectsoft.factory.tenancy.domain.DirectoryLinks;
import com.connectsoft.factory.tenancy.domain.Tenants;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Entra ID sign-in: a verified access token's directory ({@code tid}) signs in as the factory tenant the platform
 * administrator linked it to ({@link DirectoryLinks}); an unlinked directory is refused (403), whatever its id.
 * Refusals are logged with the check that failed and the directory id, never the token.
 */
public final class EntraSignIn implements TokenSignIn, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EntraSignIn.class.getName());
    private final EntraTokenVerifier verifier;
    private final DirectoryLinks links;
    private final Tenants tenants;

    public EntraSignIn(EntraTokenVerifier verifier, DirectoryLinks links, Tenants tenants) {
        this.verifier = verifier;
        this.links = links;
        this.tenants = tenants;
    }

    @Override
    public Outcome signIn(String bearer) {
        EntraTokenVerifier.Result result = verifier.verify(bearer);
        if (result instanceof EntraTokenVerifier.Result.NotAJwt) {
            return new Outcome.NotApplicable();
        }
        if (result instanceof EntraTokenVerifier.Result.Invalid invalid) {
            LOG.warning(() -> "Entra ID token refused: check " + invalid.check());
            return new Outcome.Refused(Refusal.INVALID, invalid.reason());
        }
        if (result instanceof EntraTokenVerifier.Result.KeysUnavailable unavailable) {
            LOG.warning(() -> "Entra ID token not checked: " + unavailable.reason());
            return new Outcome.Refused(Refusal.UNAVAILABLE, unavailable.reason() + "; try again shortly");
        }
        EntraTokenVerifier.Result.Verified verified = (EntraTokenVerifier.Result.Verified) result;
        Optional<TenantId> tenant = links.tenantOf(verified.tid()).filter(t -> tenants.find(t).isPresent());
        if (tenant.isEmpty()) {
            LOG.warning(() -> "Entra ID sign-in refused: directory " + verified.tid() + " is not linked to a factory tenant");
            return new Outcome.Refused(Refusal.FORBIDDEN, "Entra ID directory " + verified.tid() + " is not linked to a factory tenant; "
                    + "the platform administrator links it with ./factory entra link --tenant <id> --directory " + verified.tid());
        }
        return new Outcome.SignedIn(tenant.get(), verified.tid(), verified.subject());
    }

    @Override
    public void close() {
        verifier.close();
    }
}
