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
    /** Files of a batch synced at once: the file system commits concurrent syncs together instead of one by one. */
    private static final int CONCURRENT_SYNCS = 8;
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

    /** Each content as {@link #put} stores it, several at once; the references in the order of {@code contents}. */
    @Override
    public java.util.List<ContentRef> putAll(TenantId tenant, java.util.List<byte[]> contents) {
        Objects.requireNonNull(tenant, "tenantId is required");
        if (contents.size() < 2) {
            return ContentStore.super.putAll(tenant, contents);
        }
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService syncs = java.util.concurrent.Executors.newFixedThreadPool(
                Math.min(CONCURRENT_SYNCS, contents.size()), r -> {
                    Thread t = new Thread(r, "content-put-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        try {
            java.util.List<java.util.concurrent.Future<ContentRef>> puts = new java.util.ArrayList<>(contents.size());
            for (byte[] bytes : contents) {
                puts.add(syncs.submit(() -> put(tenant, bytes)));
            }
            java.util.List<ContentRef> refs = new java.util.ArrayList<>(contents.size());
            for (java.util.concurrent.Future<ContentRef> put : puts) {
                refs.add(put.get());
            }
            return refs;
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("storing content under " + root + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing content under " + root, e);
        } finally {
            syncs.shutdownNow();
        }
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
