package com.connectsoft.factory.project.adapter;

import com.connectsoft.factory.platform.store.Documents;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.platform.store.DocumentStore;
import com.connectsoft.factory.platform.store.Filter;
import com.connectsoft.factory.platform.store.StoreConflictException;
import com.connectsoft.factory.project.domain.BlueprintDraft;
import com.connectsoft.factory.project.domain.BlueprintVersion;
import com.connectsoft.factory.project.domain.Blueprints;
import com.connectsoft.factory.project.domain.Project;
import com.connectsoft.factory.project.domain.Projects;
import com.connectsoft.factory.shared.domain.TenantId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Projects and their blueprint versions; a version's number is chosen inside the transaction that creates it. */
public final class DocumentProjects implements Projects, Blueprints {
    static final String PROJECTS = "projects";
    static final String BLUEPRINTS = "blueprints";
    private final DocumentStore store;

    public DocumentProjects(DocumentStore store) {
        this.store = store;
    }

    @Override
    public Optional<Project> find(TenantId tenant, String projectId) {
        return store.get(tenant, PROJECTS, projectId).map(d -> Json.fromTree(d.body(), Project.class));
    }

    @Override
    public List<Project> list(TenantId tenant) {
        return Documents.all(store, tenant, PROJECTS, Filter.all(), Project.class);
    }

    /**
     * How often a version is attempted when concurrent uploads keep taking the next number. A caller loses at most once
     * to each concurrent upload of the same blueprint (each of those then has its number), so this many concurrent
     * uploads all succeed; beyond, a caller may be told to retry.
     */
    static final int VERSION_ATTEMPTS = 25;

    @Override
    public Optional<BlueprintVersion> record(TenantId tenant, Project project, BlueprintDraft draft) {
        for (int attempt = 1; attempt <= VERSION_ATTEMPTS; attempt++) {
            int known = latest(tenant, draft.blueprintId()).map(BlueprintVersion::version).orElse(0);
            try {
                return Optional.of(store.transact(tenant, tx -> {
                    int latest = known;
                    // versions committed since the query are found by their keys, inside the transaction
                    while (tx.get(BLUEPRINTS, draft.numbered(latest + 1).key()).isPresent()) {
                        latest++;
                    }
                    if (latest > 0) {
                        BlueprintVersion current = Json.fromTree(tx.get(BLUEPRINTS, draft.numbered(latest).key()).orElseThrow().body(),
                                BlueprintVersion.class);
                        if (current.contentHash().equals(draft.contentHash())) {
                            return current;
                        }
                    }
                    BlueprintVersion next = draft.numbered(latest + 1);
                    if (tx.get(PROJECTS, project.projectId()).isEmpty()) {
                        tx.create(PROJECTS, project.projectId(), Documents.body(project));
                    }
                    tx.create(BLUEPRINTS, next.key(), Documents.body(next));
                    return next;
                }));
            } catch (StoreConflictException e) {
                // another upload committed the same number (or the project) between our read and our commit: look again,
                // after a short random pause so that the losers do not collide again at once
                try {
                    Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 5L * attempt + 2));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<BlueprintVersion> latest(TenantId tenant, String blueprintId) {
        return versions(tenant, blueprintId).stream().max(Comparator.comparingInt(BlueprintVersion::version));
    }

    @Override
    public List<BlueprintVersion> versions(TenantId tenant, String blueprintId) {
        List<BlueprintVersion> v = new java.util.ArrayList<>(Documents.all(store, tenant, BLUEPRINTS,
                Filter.where("blueprintId", blueprintId), BlueprintVersion.class));
        v.sort(Comparator.comparingInt(BlueprintVersion::version));
        return v;
    }

    /** In a run-opening transaction: the project if new, and the blueprint version, refused if its number holds other content. */
    public static void ensure(com.connectsoft.factory.platform.store.DocumentTransaction tx,
                       com.connectsoft.factory.project.domain.Project project,
                       com.connectsoft.factory.project.domain.BlueprintVersion version) {
        if (tx.get(PROJECTS, project.projectId()).isEmpty()) {
            tx.create(PROJECTS, project.projectId(), Documents.body(project));
        }
        Optional<com.connectsoft.factory.platform.store.Document> existing = tx.get(BLUEPRINTS, version.key());
        if (existing.isEmpty()) {
            tx.create(BLUEPRINTS, version.key(), Documents.body(version));
        } else if (!version.contentHash().equals(existing.get().body().path("contentHash").asText())) {
            // never let a caller believe a version number holds its content when a concurrent upload took it
            throw new com.connectsoft.factory.platform.store.StoreConflictException(
                    com.connectsoft.factory.platform.store.StoreConflictException.Kind.ALREADY_EXISTS,
                    "blueprint version " + version.key() + " was taken by another upload");
        }
    }
}
