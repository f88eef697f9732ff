package com.connectsoft.factory.platform.content;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.connectsoft.factory.platform.content.blob.BlobContentStore;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Blob Storage adapter passes the same contract as the filesystem one, against Azurite. .ci/run starts
 * Azurite and sets AZURITE_BLOB_CONNECTION_STRING; without it these tests are skipped, with that reason.
 */
@Tag("azurite")
class BlobContentStoreTest extends ContentStoreContract {
    private BlobContainerClient container;
    private BlobContentStore store;

    @BeforeEach
    void connect() {
        String connection = System.getenv("AZURITE_BLOB_CONNECTION_STRING");
        Assumptions.assumeTrue(connection != null && !connection.isBlank(),
                "Azurite is not running: start it as .ci/run does and set AZURITE_BLOB_CONNECTION_STRING");
        String name = "contract-" + UUID.randomUUID().toString().substring(0, 8);
        store = BlobContentStore.connect(java.util.Optional.of(connection), java.util.Optional.empty(), name);
        container = new BlobServiceClientBuilder().connectionString(connection).buildClient().getBlobContainerClient(name);
    }

    @AfterEach
    void dropContainer() {
        if (container != null) {
            container.deleteIfExists();
        }
    }

    @Override
    protected ContentStore store() {
        return store;
    }

    @Test
    void aRunConfiguredForBlobStorageKeepsEveryArtifactThere(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        var base = com.connectsoft.factory.run.TestFactory.settings(dir.resolve("data"));
        var settings = new com.connectsoft.factory.app.FactorySettings(base.dataDir(), base.templatesDir(), base.build(),
                java.util.Optional.of(System.getenv("AZURITE_BLOB_CONNECTION_STRING")), java.util.Optional.empty(),
                container.getBlobContainerName(), java.util.Optional.empty(), base.steps());
        var tenant = com.connectsoft.factory.shared.domain.TenantId.of("acme");
        try (var app = com.connectsoft.factory.app.Factory.with(settings).builds(
                new com.connectsoft.factory.run.TestFactory.RecordingBuilds(com.connectsoft.factory.run.vocabulary.BuildStatus.PASSED))
                .open().dispatchLocally()) {
            var result = app.runs().start().run(new com.connectsoft.factory.run.application.StartRun.Request(tenant,
                    "invoicing.blueprint.yaml", com.connectsoft.factory.run.TestFactory.example("invoicing.blueprint.yaml"),
                    java.util.Optional.of(dir.resolve("out")), com.connectsoft.factory.run.application.StartRun.DEFAULT_TEMPLATE),
                    com.connectsoft.factory.run.application.RunProgress.SILENT);
            var run = ((com.connectsoft.factory.run.application.StartRun.Result.Finished) result).run();
            for (var artifact : app.artifacts().ledger().byRun(tenant, run.runId())) {
                if (!artifact.artifactType().equals(com.connectsoft.factory.artifact.domain.Artifact.COMMIT)) {
                    assertTrue(artifact.storageRef().startsWith("blob://" + container.getBlobContainerName() + "/acme/"), artifact.storageRef());
                    assertTrue(store.exists(tenant, artifact.contentHash()));
                }
            }
            assertTrue(!java.nio.file.Files.exists(dir.resolve("data/content")), "nothing went to the local content directory");
        }
    }

    @Test
    void bytesAreFiledUnderTheTenantsPrefix() {
        ContentRef ref = store.put(A, "under a".getBytes(StandardCharsets.UTF_8));
        assertTrue(ref.storageRef().startsWith("blob://" + container.getBlobContainerName() + "/tenant-a/sha256/"), ref.storageRef());
        assertTrue(container.getBlobClient("tenant-a/sha256/" + ContentHashes.hex(ref.contentHash())).exists());
    }
}
