package com.connectsoft.factory.project.domain;

import com.connectsoft.factory.shared.domain.TenantId;
import java.util.List;
import java.util.Optional;

/** Versions of a tenant's blueprints; every call is scoped to the tenant's partition. */
public interface Blueprints {
    Optional<BlueprintVersion> latest(TenantId tenant, String blueprintId);

    List<BlueprintVersion> versions(TenantId tenant, String blueprintId);

    /**
     * Records the draft as the blueprint's next version (and its project when new) in one transaction, choosing the
     * number inside it: the version document is created only if absent, so two concurrent uploads never share a
     * number. When the latest version already holds the same content, that version is the answer and nothing is
     * written (idempotent). Empty when concurrent uploads took the next number on every one of a bounded number of
     * attempts; the caller may retry.
     */
    Optional<BlueprintVersion> record(TenantId tenant, Project project, BlueprintDraft draft);
}
