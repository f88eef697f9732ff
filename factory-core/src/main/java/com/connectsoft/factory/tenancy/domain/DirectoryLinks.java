package com.connectsoft.factory.tenancy.domain;

import com.connectsoft.factory.shared.domain.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Which Entra ID directory (its tenant id, the {@code tid} claim of its tokens) signs in as which factory tenant. A
 * link is made explicitly by the platform administrator; a directory has at most one factory tenant, a factory
 * tenant may have several directories. Without a link, a directory's tokens sign in as nobody.
 */
public interface DirectoryLinks {
    /** A directory's link. */
    record DirectoryLink(String directoryId, TenantId tenant, Instant linkedAt) {
    }

    /**
     * Links the directory to the registered tenant; linking it again to the same tenant changes nothing.
     *
     * @throws IllegalArgumentException when the directory id is not a GUID, the tenant is not registered, or the
     *                                  directory is linked to another tenant (unlink it first)
     */
    DirectoryLink link(String directoryId, TenantId tenant);

    /** Removes the directory's link; false when it had none. */
    boolean unlink(String directoryId);

    Optional<TenantId> tenantOf(String directoryId);

    /** The directories linked to the tenant. */
    List<DirectoryLink> linkedTo(TenantId tenant);
}
