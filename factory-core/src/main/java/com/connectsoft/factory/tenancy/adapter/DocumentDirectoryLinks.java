package com.connectsoft.factory.tenancy.adapter;

import com.connectsoft.factory.platform.store.Documents;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.platform.store.DocumentStore;
import com.connectsoft.factory.platform.store.Filter;
import com.connectsoft.factory.shared.domain.TenantId;
import com.connectsoft.factory.tenancy.domain.DirectoryLinks;
import com.connectsoft.factory.tenancy.domain.Tenants;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Directory links in the factory's own partition ({@code directory-links}, id = the directory's tenant id in lower
 * case), so a sign-in finds its tenant with one point read and never reads a tenant's partition to do so.
 */
public final class DocumentDirectoryLinks implements DirectoryLinks {
    private static final String LINKS = "directory-links";
    private static final Pattern GUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private final DocumentStore store;
    private final Tenants tenants;
    private final Clock clock;

    public DocumentDirectoryLinks(DocumentStore store, Tenants tenants, Clock clock) {
        this.store = store;
        this.tenants = tenants;
        this.clock = clock;
    }

    /** The directory id in canonical form, when it is a GUID. */
    public static Optional<String> canonical(String directoryId) {
        if (directoryId == null) {
            return Optional.empty();
        }
        String id = directoryId.strip().toLowerCase(Locale.ROOT);
        return GUID.matcher(id).matches() ? Optional.of(id) : Optional.empty();
    }

    @Override
    public DirectoryLink link(String directoryId, TenantId tenant) {
        String id = canonical(directoryId).orElseThrow(() -> new IllegalArgumentException("'" + abbreviate(directoryId)
                + "' is not an Entra ID directory (tenant) id: give its GUID, e.g. 72f988bf-86f1-41af-91ab-2d7cd011db47"));
        if (tenants.find(tenant).isEmpty()) {
            throw new IllegalArgumentException("tenant " + tenant.value() + " is not registered; create it first (./factory keys create --tenant "
                    + tenant.value() + ")");
        }
        return store.transact(DocumentTenants.PLATFORM, tx -> {
            Optional<DirectoryLink> existing = tx.get(LINKS, id).map(d -> link(d.body()));
            if (existing.isPresent()) {
                if (!existing.get().tenant().equals(tenant)) {
                    throw new IllegalArgumentException("directory " + id + " is linked to tenant " + existing.get().tenant().value()
                            + "; unlink it first (./factory entra unlink --directory " + id + ")");
                }
                return existing.get();
            }
            Instant now = clock.instant();
            tx.create(LINKS, id, Json.object().put("directoryId", id).put("factoryTenant", tenant.value()).put("linkedAt", now.toString()));
            return new DirectoryLink(id, tenant, now);
        });
    }

    @Override
    public boolean unlink(String directoryId) {
        Optional<String> id = canonical(directoryId);
        return id.isPresent() && store.transact(DocumentTenants.PLATFORM, tx -> tx.delete(LINKS, id.get(), Optional.empty()));
    }

    @Override
    public Optional<TenantId> tenantOf(String directoryId) {
        return canonical(directoryId).flatMap(id -> store.get(DocumentTenants.PLATFORM, LINKS, id)).map(d -> link(d.body()).tenant());
    }

    @Override
    public List<DirectoryLink> linkedTo(TenantId tenant) {
        return Documents.documents(store, DocumentTenants.PLATFORM, LINKS, Filter.where("factoryTenant", tenant.value())).stream()
                .map(d -> link(d.body())).toList();
    }

    private static DirectoryLink link(JsonNode body) {
        return new DirectoryLink(body.path("directoryId").asText(), TenantId.of(body.path("factoryTenant").asText()),
                Instant.parse(body.path("linkedAt").asText()));
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() <= 60 ? s : s.substring(0, 59) + "…";
    }
}
