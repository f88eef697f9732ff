package com.connectsoft.factory.tenancy.application;

import com.connectsoft.factory.shared.domain.TenantId;
import com.connectsoft.factory.tenancy.domain.DirectoryLinks;
import com.connectsoft.factory.tenancy.domain.DirectoryLinks.DirectoryLink;
import java.util.List;

/** The platform administrator links an Entra ID directory to a tenant (so its tokens sign in as it), or unlinks it. */
public final class DirectoryAdministration {
    private final DirectoryLinks links;

    public DirectoryAdministration(DirectoryLinks links) {
        this.links = links;
    }

    /** @throws IllegalArgumentException when the id is not a GUID, the tenant is unknown or the directory is linked elsewhere */
    public DirectoryLink link(String directoryId, TenantId tenant) {
        return links.link(directoryId, tenant);
    }

    public boolean unlink(String directoryId) {
        return links.unlink(directoryId);
    }

    public List<DirectoryLink> linkedTo(TenantId tenant) {
        return links.linkedTo(tenant);
    }
}
