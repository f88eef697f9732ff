package com.connectsoft.factory.project;

import com.connectsoft.factory.blueprint.domain.BlueprintReaders;
import com.connectsoft.factory.platform.content.ContentStore;
import com.connectsoft.factory.platform.store.DocumentStore;
import com.connectsoft.factory.project.adapter.DocumentProjects;
import com.connectsoft.factory.project.application.ProjectQueries;
import com.connectsoft.factory.project.application.RegisterBlueprint;
import com.connectsoft.factory.project.domain.Blueprints;
import java.time.Clock;

/** Projects and the versions of their blueprints, wired on the document store; a blueprint's bytes go to the content store. */
public final class ProjectConfiguration {
    private final DocumentProjects projects;
    private final RegisterBlueprint register;
    private final ProjectQueries queries;

    public ProjectConfiguration(DocumentStore store, ContentStore content, BlueprintReaders readers, Clock clock) {
        this.projects = new DocumentProjects(store);
        this.register = new RegisterBlueprint(readers, content, projects, clock);
        this.queries = new ProjectQueries(projects, projects);
    }

    public RegisterBlueprint registerBlueprint() {
        return register;
    }

    public ProjectQueries queries() {
        return queries;
    }

    /** The blueprint versions a run starts from (the run capability's wiring takes it). */
    public Blueprints blueprints() {
        return projects;
    }
}
