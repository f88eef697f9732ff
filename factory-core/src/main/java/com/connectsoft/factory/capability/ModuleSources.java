package com.connectsoft.factory.capability;

import com.connectsoft.factory.platform.content.ContentRef;
import com.connectsoft.factory.platform.content.ContentStore;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.shared.domain.TenantId;
import com.connectsoft.factory.platform.files.OutputSandbox;
import com.connectsoft.factory.template.domain.RenderedFile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A module's generated sources in the artifact store: every file stored by content hash, and a manifest (itself
 * content-addressed) listing path, hash and line count of each. Capabilities pass the manifest hash between them,
 * never a local directory, so each can run on another machine.
 */
public final class ModuleSources {
    private final ContentStore content;

    public ModuleSources(ContentStore content) {
        this.content = Objects.requireNonNull(content, "content");
    }

    /** What the manifest says about the module. */
    public record Manifest(String template, long renderMs, List<Entry> files) {
        public long lines() {
            return files.stream().mapToLong(Entry::lines).sum();
        }
    }

    public record Entry(String path, String sha256, long lines) {
    }

    public ContentRef store(TenantId tenant, String templateRef, long renderMs, List<RenderedFile> files) {
        ObjectNode m = Json.object();
        m.put("template", templateRef);
        m.put("renderMs", renderMs);
        ArrayNode list = m.putArray("files");
        List<byte[]> batch = new ArrayList<>(files.size() + 1);
        for (RenderedFile f : files) {
            batch.add(f.bytes());
            list.addObject().put("path", f.path()).put("sha256", f.contentHash()).put("lines", f.lines());
        }
        // the manifest goes last: once it is stored, every file it lists is
        batch.add(Json.pretty(m).getBytes(StandardCharsets.UTF_8));
        List<ContentRef> refs = content.putAll(tenant, batch);
        return refs.get(refs.size() - 1);
    }

    public Manifest manifest(TenantId tenant, String manifestHash) {
        byte[] bytes = content.get(tenant, manifestHash).orElseThrow(() -> new MissingSources(
                "the source manifest " + manifestHash + " is not in tenant " + tenant.value() + "'s artifact store"));
        JsonNode m = Json.read(new String(bytes, StandardCharsets.UTF_8));
        List<Entry> entries = new ArrayList<>();
        m.path("files").forEach(f -> entries.add(new Entry(f.path("path").asText(), f.path("sha256").asText(), f.path("lines").asLong())));
        return new Manifest(m.path("template").asText(), m.path("renderMs").asLong(), entries);
    }

    /** The files the manifest lists, with their bytes. */
    public List<RenderedFile> files(TenantId tenant, String manifestHash) {
        List<RenderedFile> out = new ArrayList<>();
        for (Entry e : manifest(tenant, manifestHash).files()) {
            byte[] bytes = content.get(tenant, e.sha256()).orElseThrow(() -> new MissingSources(
                    e.path() + " (" + e.sha256() + ") is not in tenant " + tenant.value() + "'s artifact store"));
            out.add(new RenderedFile(e.path(), bytes));
        }
        return out;
    }

    /** Writes the module's files under {@code dir} (emptied first; it must be empty or an earlier factory output). */
    public int materialize(TenantId tenant, String manifestHash, Path dir) {
        List<RenderedFile> files = files(tenant, manifestHash);
        OutputSandbox.prepare(dir);
        OutputSandbox.write(dir, files);
        return files.size();
    }

    /** Bytes a manifest names are gone: the command can never succeed. */
    public static final class MissingSources extends IllegalStateException {
        public MissingSources(String message) {
            super(message);
        }
    }
}
