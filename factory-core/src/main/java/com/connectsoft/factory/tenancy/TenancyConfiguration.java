package com.connectsoft.factory.tenancy;

import com.connectsoft.factory.platform.store.DocumentStore;
import com.connectsoft.factory.tenancy.adapter.DocumentApiKeys;
import com.connectsoft.factory.tenancy.adapter.DocumentDirectoryLinks;
import com.connectsoft.factory.tenancy.adapter.DocumentTenants;
import com.connectsoft.factory.tenancy.adapter.entra.EntraSettings;
import com.connectsoft.factory.tenancy.adapter.entra.EntraSignIn;
import com.connectsoft.factory.tenancy.adapter.entra.EntraTokenVerifier;
import com.connectsoft.factory.tenancy.application.DirectoryAdministration;
import com.connectsoft.factory.tenancy.application.TenantAdministration;
import com.connectsoft.factory.tenancy.application.TokenSignIn;
import com.connectsoft.factory.tenancy.domain.Tenants;
import java.time.Clock;
import java.util.Map;

/** Tenancy wired on the document store: tenants, their API keys, and the Entra ID directories linked to them. */
public final class TenancyConfiguration {
    private final DocumentTenants tenants;
    private final DocumentDirectoryLinks links;
    private final TenantAdministration administration;
    private final DirectoryAdministration directories;

    /** @param audit where key creations and revocations are recorded */
    public TenancyConfiguration(DocumentStore store, Clock clock, com.connectsoft.factory.audit.domain.AuditTrail audit) {
        this.tenants = new DocumentTenants(store, clock);
        this.links = new DocumentDirectoryLinks(store, tenants, clock);
        this.administration = new TenantAdministration(tenants, new DocumentApiKeys(store, clock), audit);
        this.directories = new DirectoryAdministration(links);
    }

    public TenantAdministration administration() {
        return administration;
    }

    public DirectoryAdministration directories() {
        return directories;
    }

    /**
     * Entra ID sign-in when the settings configure it (FACTORY_ENTRA_AUDIENCE and the rest): tokens are verified in
     * process and their directory must be linked to a tenant. Otherwise no token signs in; only API keys do.
     */
    public TokenSignIn tokenSignIn(Map<String, String> settings, Clock clock) {
        return EntraSettings.from(settings).<TokenSignIn>map(s -> tokenSignIn(new EntraTokenVerifier(s, clock)))
                .orElseGet(TokenSignIn::none);
    }

    /** Entra ID sign-in with tokens checked by {@code verifier} (its issuer, audience and keys). */
    public EntraSignIn tokenSignIn(EntraTokenVerifier verifier) {
        return new EntraSignIn(verifier, links, tenants);
    }

    /** The registered tenants, for the other capabilities' wiring (sweeps and roll-ups go over every tenant). */
    public Tenants tenants() {
        return tenants;
    }
}
