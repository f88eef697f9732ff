package com.connectsoft.factory.project.domain;

import com.connectsoft.factory.shared.domain.TenantId;
import java.util.List;
import java.util.Optional;

/** Versions of a tenant's blueprints. */
public interface Blueprints {
    Optional<BlueprintVersion> latest(TenantId tenant, String blueprintId);

    List<BlueprintVersion> versions(TenantId tenant, String blueprintId);

    /** Records the version (and its project when new) in one transaction; an existing version is left as it is. */
    void register(TenantId tenant, Project project, BlueprintVersion version);
}
