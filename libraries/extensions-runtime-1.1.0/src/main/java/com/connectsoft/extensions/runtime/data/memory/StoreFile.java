package com.connectsoft.extensions.runtime.data.memory;

import com.connectsoft.extensions.runtime.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;

/**
 * One entity type's file in the development file store ({@code STORE=file}, {@code STORE_DIR}): the committed state
 * of an {@link InMemoryRepository} (every tenant's items, versions, outbox and idempotency records), so that a local
 * server killed at any instant restarts with exactly what it had committed. The whole state is written after each
 * commit to a temporary file of this process ({@link #temporary}), forced to disk, renamed atomically over
 * {@code <Entity>.json}, and the directory is forced: the file always holds either the previous or the new state.
 * A file that is not JSON, or holds another format, module or entity type, is refused with its path named.
 * Tenancy: the file holds every tenant's records of one entity type, each under its tenant id; a tenant id never
 * becomes a path.
 *
 * <p>Development only: one process per directory (a second one would overwrite the first's commits), and every
 * tenant's records of the type in one file (a transaction never spans two files).
 */
public final class StoreFile {
    static final String FORMAT = "file-store/1";
    private static final java.util.regex.Pattern ENTITY_TYPE = java.util.regex.Pattern.compile("[A-Z][A-Za-z0-9_]{0,99}");
    private final Path path;
    private final Path temporary;
    private final String module;
    private final String entityType;

    /**
     * The file of {@code entityType} (a Java type name, which names the file) of module {@code module} in {@code dir}.
     *
     * @throws IllegalArgumentException when the entity type is not a type name (it would not be a safe file name)
     */
    public StoreFile(Path dir, String module, String entityType) {
        this.module = Objects.requireNonNull(module, "module");
        if (entityType == null || !ENTITY_TYPE.matcher(entityType).matches()) {
            throw new IllegalArgumentException("entityType must be a Java type name ([A-Z][A-Za-z0-9_]*), not " + entityType);
        }
        this.path = dir.resolve(entityType + ".json");
        this.temporary = temporary(dir, entityType, ProcessHandle.current().pid());
        this.entityType = entityType;
    }

    /** Where process {@code pid} writes the next state of {@code entityType} before renaming it into place. */
    public static Path temporary(Path dir, String entityType, long pid) {
        return dir.resolve(entityType + ".json." + pid + ".tmp");
    }

    public Path path() {
        return path;
    }

    /**
     * The state the file holds (an object of tenants), or empty when there is no file yet.
     *
     * @throws IllegalStateException naming the file, when it is not this module's store file for this entity type
     */
    public Optional<JsonNode> read() {
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        JsonNode document;
        try {
            document = Json.MAPPER.readTree(path.toFile());
        } catch (JsonProcessingException e) {
            throw refused("it is not JSON (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the store file " + path, e);
        }
        if (!FORMAT.equals(document.path("format").asText()) || !module.equals(document.path("module").asText())
                || !entityType.equals(document.path("entityType").asText()) || !document.path("tenants").isObject()) {
            throw refused("it is not a " + FORMAT + " file of module " + module + " for " + entityType, null);
        }
        return Optional.of(document.get("tenants"));
    }

    /** The file holds something this module cannot load (found while loading, {@code why}). */
    public IllegalStateException refused(String why, Exception cause) {
        return new IllegalStateException("the store file " + path + " cannot be loaded: " + why
                + "; move it away (the store then starts empty) or point STORE_DIR at another directory", cause);
    }

    /** Replaces the file's state with {@code tenants}, atomically and durably, before returning. */
    public void write(JsonNode tenants) {
        ObjectNode document = Json.MAPPER.createObjectNode().put("format", FORMAT).put("module", module).put("entityType", entityType);
        document.set("tenants", tenants);
        try {
            ByteBuffer bytes = ByteBuffer.wrap(Json.MAPPER.writeValueAsBytes(document));
            try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                out.force(true);
            }
            Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE);
            try (FileChannel directory = FileChannel.open(path.getParent(), StandardOpenOption.READ)) {
                directory.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the store file " + path, e);
        }
    }
}
