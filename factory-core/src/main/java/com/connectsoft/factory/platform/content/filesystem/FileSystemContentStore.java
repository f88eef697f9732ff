package com.connectsoft.factory.platform.content.filesystem;

import com.connectsoft.factory.platform.content.ContentHashes;
import com.connectsoft.factory.platform.content.ContentRef;
import com.connectsoft.factory.platform.content.ContentStore;
import com.connectsoft.factory.shared.domain.Hashing;
import com.connectsoft.factory.shared.domain.TenantId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;

/** Bytes under {@code <root>/<tenant>/sha256/<2 hex>/<62 hex>}, written to a temp file, synced and moved atomically. */
public final class FileSystemContentStore implements ContentStore {
    private final Path root;

    public FileSystemContentStore(Path root) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath();
    }

    @Override
    public ContentRef put(TenantId tenant, byte[] bytes) {
        Objects.requireNonNull(tenant, "tenantId is required");
        Objects.requireNonNull(bytes, "bytes");
        String hash = Hashing.contentHash(bytes);
        Path target = path(tenant, hash);
        try {
            if (!Files.exists(target)) {
                Files.createDirectories(target.getParent());
                Path tmp = Files.createTempFile(target.getParent(), ".put-", ".tmp");
                try {
                    Files.write(tmp, bytes);
                    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                        ch.force(true);
                    }
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store content " + hash + " under " + root, e);
        }
        return new ContentRef(hash, bytes.length, "content://" + tenant.value() + "/" + hash.replace(':', '/'));
    }

    @Override
    public Optional<byte[]> get(TenantId tenant, String contentHash) {
        Path p = path(tenant, contentHash);
        try {
            return Files.exists(p) ? Optional.of(Files.readAllBytes(p)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read content " + contentHash, e);
        }
    }

    @Override
    public boolean exists(TenantId tenant, String contentHash) {
        return Files.exists(path(tenant, contentHash));
    }

    @Override
    public boolean delete(TenantId tenant, String contentHash) {
        try {
            return Files.deleteIfExists(path(tenant, contentHash));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete content " + contentHash, e);
        }
    }

    private Path path(TenantId tenant, String contentHash) {
        Objects.requireNonNull(tenant, "tenantId is required");
        String hex = ContentHashes.hex(contentHash);
        return root.resolve(tenant.value()).resolve("sha256").resolve(hex.substring(0, 2)).resolve(hex.substring(2));
    }
}
