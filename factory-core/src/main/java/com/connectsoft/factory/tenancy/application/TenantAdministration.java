package com.connectsoft.factory.tenancy.application;

import com.connectsoft.factory.audit.domain.AuditAction;
import com.connectsoft.factory.audit.domain.AuditEvent;
import com.connectsoft.factory.audit.domain.AuditTrail;
import com.connectsoft.factory.shared.domain.TenantId;
import com.connectsoft.factory.tenancy.domain.ApiKeys;
import com.connectsoft.factory.tenancy.domain.ApiKeys.ApiKeyInfo;
import com.connectsoft.factory.tenancy.domain.ApiKeys.IssuedKey;
import com.connectsoft.factory.tenancy.domain.Tenant;
import com.connectsoft.factory.tenancy.domain.Tenants;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the platform administrator and a tenant do with tenants and their API keys: register a tenant (with its first
 * key), read it, issue, list and revoke keys. Keys are read and revoked only within the tenant that owns them. Each
 * key created or revoked is appended to the tenant's audit log (by key id: revoking twice is one entry).
 */
public final class TenantAdministration {
    private final Tenants tenants;
    private final ApiKeys keys;
    private final AuditTrail audit;

    public TenantAdministration(Tenants tenants, ApiKeys keys, AuditTrail audit) {
        this.tenants = tenants;
        this.keys = keys;
        this.audit = audit;
    }

    /** A registered tenant and the key it signs in with (shown once). */
    public record Onboarded(Tenant tenant, IssuedKey key) {
    }

    /** Registers the tenant (registering it again keeps what it has) and issues it a key that lives {@code lifetime}. */
    public Onboarded onboard(TenantId tenant, String name, String plan, Duration lifetime) {
        Tenant t = tenants.register(tenant, name, plan);
        return new Onboarded(t, issueKey(tenant, lifetime));
    }

    public Tenant register(TenantId tenant, String name, String plan) {
        return tenants.register(tenant, name, plan);
    }

    public Optional<Tenant> find(TenantId tenant) {
        return tenants.find(tenant);
    }

    /** Every registered tenant (the platform's own work: sweeps, roll-ups, recovery). */
    public List<TenantId> all() {
        return tenants.all();
    }

    /** A key that lives {@link ApiKeys#DEFAULT_LIFETIME}; the secret, shown once. */
    public String issueKey(TenantId tenant) {
        return issueKey(tenant, ApiKeys.DEFAULT_LIFETIME).key();
    }

    public IssuedKey issueKey(TenantId tenant, Duration lifetime) {
        IssuedKey issued = keys.issue(tenant, lifetime);
        audit.record(tenant, AuditEvent.of("apikey.created:" + issued.info().keyId(), AuditAction.API_KEY_CREATED, "tenant:" + tenant.value(),
                issued.info().keyId()).with("expiresAt", issued.info().expiresAt().map(Object::toString).orElse("never")));
        return issued;
    }

    /** The tenant's keys, newest first, without secrets. */
    public List<ApiKeyInfo> keys(TenantId tenant) {
        return keys.list(tenant);
    }

    /** Revokes one of the tenant's keys; empty when the tenant has no key with that id. */
    public Optional<ApiKeyInfo> revokeKey(TenantId tenant, String keyId) {
        Optional<ApiKeyInfo> revoked = keys.revoke(tenant, keyId);
        revoked.ifPresent(k -> audit.record(tenant, AuditEvent.of("apikey.revoked:" + k.keyId(), AuditAction.API_KEY_REVOKED,
                "tenant:" + tenant.value(), k.keyId())));
        return revoked;
    }

    /** What a presented API key is (valid for its tenant, unknown, expired or revoked). */
    public ApiKeys.KeyCheck checkKey(String key) {
        return keys.check(key);
    }
}
