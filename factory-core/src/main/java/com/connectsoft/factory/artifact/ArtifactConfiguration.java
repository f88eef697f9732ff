package com.connectsoft.factory.artifact;

import com.connectsoft.factory.artifact.adapter.DocumentArtifacts;
import com.connectsoft.factory.artifact.application.ArtifactQueries;
import com.connectsoft.factory.artifact.domain.Artifacts;
import com.connectsoft.factory.platform.content.ContentStore;
import com.connectsoft.factory.platform.store.DocumentStore;

/** Artifacts wired on the document store (their records) and the content store (their bytes). */
public final class ArtifactConfiguration {
    private final DocumentArtifacts artifacts;
    private final ArtifactQueries queries;

    public ArtifactConfiguration(DocumentStore store, ContentStore content) {
        this.artifacts = new DocumentArtifacts(store);
        this.queries = new ArtifactQueries(artifacts, content);
    }

    public ArtifactQueries queries() {
        return queries;
    }

    /** Where the other capabilities' steps record what they made (their wiring takes it). */
    public Artifacts ledger() {
        return artifacts;
    }
}
