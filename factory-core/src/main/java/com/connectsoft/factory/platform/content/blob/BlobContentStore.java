package com.connectsoft.factory.platform.content.blob;

import com.azure.core.util.BinaryData;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobStorageException;
import com.connectsoft.factory.platform.content.ContentHashes;
import com.connectsoft.factory.platform.content.ContentRef;
import com.connectsoft.factory.platform.content.ContentStore;
import com.connectsoft.factory.shared.domain.Hashing;
import com.connectsoft.factory.shared.domain.TenantId;
import java.util.Objects;
import java.util.Optional;

/**
 * Artifact bytes in Azure Blob Storage: one container, blobs named {@code <tenant>/sha256/<hex>}. A blob is
 * written once (uploads never overwrite), so the same bytes put twice are one blob; a tenant's key never reaches
 * another tenant's prefix.
 */
public final class BlobContentStore implements ContentStore {
    private final BlobContainerClient container;

    public BlobContentStore(BlobContainerClient container) {
        this.container = Objects.requireNonNull(container, "container");
    }

    /** With a connection string (Azurite, local development) or, in Azure, an endpoint and DefaultAzureCredential. */
    public static BlobContentStore connect(Optional<String> connectionString, Optional<String> endpoint, String containerName) {
        BlobServiceClientBuilder builder = new BlobServiceClientBuilder();
        if (connectionString.isPresent()) {
            builder.connectionString(connectionString.get());
        } else {
            builder.endpoint(endpoint.orElseThrow(() -> new IllegalArgumentException(
                    "set FACTORY_BLOB_ENDPOINT (with a managed identity) or FACTORY_BLOB_CONNECTION_STRING")))
                    .credential(new DefaultAzureCredentialBuilder().build());
        }
        BlobContainerClient container = builder.buildClient().getBlobContainerClient(containerName);
        container.createIfNotExists();
        return new BlobContentStore(container);
    }

    private BlobClient blob(TenantId tenant, String contentHash) {
        return container.getBlobClient(ContentHashes.key(tenant, contentHash));
    }

    @Override
    public ContentRef put(TenantId tenant, byte[] bytes) {
        Objects.requireNonNull(tenant, "tenantId is required");
        Objects.requireNonNull(bytes, "bytes");
        String hash = Hashing.contentHash(bytes);
        BlobClient blob = blob(tenant, hash);
        try {
            blob.upload(BinaryData.fromBytes(bytes), false);
        } catch (BlobStorageException e) {
            if (e.getStatusCode() != 409) {
                throw e; // a transient fault: the caller's step fails and is retried; nothing partial is visible
            }
        }
        return new ContentRef(hash, bytes.length, "blob://" + container.getBlobContainerName() + "/" + ContentHashes.key(tenant, hash));
    }

    @Override
    public Optional<byte[]> get(TenantId tenant, String contentHash) {
        try {
            return Optional.of(blob(tenant, contentHash).downloadContent().toBytes());
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public boolean exists(TenantId tenant, String contentHash) {
        return blob(tenant, contentHash).exists();
    }

    @Override
    public boolean delete(TenantId tenant, String contentHash) {
        return blob(tenant, contentHash).deleteIfExists();
    }
}
