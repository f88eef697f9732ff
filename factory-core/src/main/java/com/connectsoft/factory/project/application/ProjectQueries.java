package com.connectsoft.factory.project.application;

import com.connectsoft.factory.project.domain.BlueprintVersion;
import com.connectsoft.factory.project.domain.Blueprints;
import com.connectsoft.factory.project.domain.Project;
import com.connectsoft.factory.project.domain.Projects;
import com.connectsoft.factory.shared.domain.TenantId;
import java.util.List;
import java.util.Optional;

/** Reading a tenant's projects and the versions of its blueprints; never another tenant's. */
public final class ProjectQueries {
    private final Projects projects;
    private final Blueprints blueprints;

    public ProjectQueries(Projects projects, Blueprints blueprints) {
        this.projects = projects;
        this.blueprints = blueprints;
    }

    public List<Project> list(TenantId tenant) {
        return projects.list(tenant);
    }

    public Optional<Project> find(TenantId tenant, String projectId) {
        return projects.find(tenant, projectId);
    }

    /** The blueprint's versions, oldest first; empty when the tenant has no such blueprint. */
    public List<BlueprintVersion> versions(TenantId tenant, String blueprintId) {
        return blueprints.versions(tenant, blueprintId);
    }
}
