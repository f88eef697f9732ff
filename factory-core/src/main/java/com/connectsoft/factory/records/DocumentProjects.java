package com.connectsoft.factory.records;

import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.platform.store.DocumentStore;
import com.connectsoft.factory.platform.store.Filter;
import com.connectsoft.factory.project.domain.BlueprintVersion;
import com.connectsoft.factory.project.domain.Blueprints;
import com.connectsoft.factory.project.domain.Project;
import com.connectsoft.factory.project.domain.Projects;
import com.connectsoft.factory.shared.domain.TenantId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Projects and their blueprint versions. */
public final class DocumentProjects implements Projects, Blueprints {
    private final DocumentStore store;

    public DocumentProjects(DocumentStore store) {
        this.store = store;
    }

    @Override
    public Optional<Project> find(TenantId tenant, String projectId) {
        return store.get(tenant, Stored.PROJECTS, projectId).map(d -> Json.fromTree(d.body(), Project.class));
    }

    @Override
    public List<Project> list(TenantId tenant) {
        return Stored.all(store, tenant, Stored.PROJECTS, Filter.all(), Project.class);
    }

    @Override
    public void register(TenantId tenant, Project project, BlueprintVersion version) {
        store.transact(tenant, tx -> {
            Stored.ensure(tx, project, version);
            return null;
        });
    }

    @Override
    public Optional<BlueprintVersion> latest(TenantId tenant, String blueprintId) {
        return versions(tenant, blueprintId).stream().max(Comparator.comparingInt(BlueprintVersion::version));
    }

    @Override
    public List<BlueprintVersion> versions(TenantId tenant, String blueprintId) {
        List<BlueprintVersion> v = new java.util.ArrayList<>(Stored.all(store, tenant, Stored.BLUEPRINTS,
                Filter.where("blueprintId", blueprintId), BlueprintVersion.class));
        v.sort(Comparator.comparingInt(BlueprintVersion::version));
        return v;
    }
}
