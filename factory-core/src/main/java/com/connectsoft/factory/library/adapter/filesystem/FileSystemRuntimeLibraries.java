package com.connectsoft.factory.library.adapter.filesystem;

import com.connectsoft.factory.library.domain.RuntimeLibraries;
import com.connectsoft.factory.library.domain.RuntimeLibrary;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.template.domain.LibraryRef;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Runtime libraries in a directory: each {@code <root>/<folder>/library.yaml} beside its Maven project's
 * {@code pom.xml}. Checked when opened: id and semantic version, Maven coordinates, a pom, no two folders with the same
 * id and version. A missing directory holds no library.
 */
public final class FileSystemRuntimeLibraries implements RuntimeLibraries {
    private final List<RuntimeLibrary> libraries;

    public FileSystemRuntimeLibraries(Path root) {
        this.libraries = load(root.toAbsolutePath().normalize());
    }

    @Override
    public List<RuntimeLibrary> all() {
        return libraries;
    }

    @Override
    public Optional<RuntimeLibrary> find(String id, String version) {
        return libraries.stream().filter(l -> l.id().equals(id) && l.version().equals(version)).findFirst();
    }

    @Override
    public String contentHash(RuntimeLibrary library) {
        java.security.MessageDigest digest = com.connectsoft.factory.shared.domain.Hashing.sha256();
        Path folder = library.folder();
        try (Stream<Path> files = Files.walk(folder)) {
            List<Path> sorted = files.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))
                    .filter(f -> !folder.relativize(f).startsWith("target")).sorted().toList();
            for (Path f : sorted) {
                digest.update(folder.relativize(f).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(Files.readAllBytes(f));
                digest.update((byte) 0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read runtime library " + library.ref() + " in " + folder, e);
        }
        return "sha256:" + java.util.HexFormat.of().formatHex(digest.digest());
    }

    private static List<RuntimeLibrary> load(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<RuntimeLibrary> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.sorted().toList()) {
                Path manifest = dir.resolve("library.yaml");
                if (Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS)) {
                    out.add(read(dir, manifest));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list libraries in " + root, e);
        }
        if (out.stream().map(RuntimeLibrary::ref).distinct().count() != out.size()) {
            throw new IllegalStateException("two library folders in " + root + " have the same id and version: "
                    + out.stream().map(RuntimeLibrary::ref).toList());
        }
        return List.copyOf(out);
    }

    private static RuntimeLibrary read(Path dir, Path manifest) throws IOException {
        JsonNode m = Json.toTree(new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(manifest, StandardCharsets.UTF_8)));
        String where = manifest.toString();
        LibraryRef ref;
        try {
            ref = new LibraryRef(text(m, "id", where), text(m, "version", where));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(where + ": " + e.getMessage(), e);
        }
        JsonNode maven = m.path("maven");
        String groupId = text(maven, "groupId", where + ": maven");
        String artifactId = text(maven, "artifactId", where + ": maven");
        if (!Files.isRegularFile(dir.resolve("pom.xml"), LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalStateException(where + ": the library has no pom.xml beside its library.yaml");
        }
        return new RuntimeLibrary(ref.id(), ref.version(), m.path("name").asText(ref.id()), m.path("description").asText("").trim(),
                groupId, artifactId, dir);
    }

    private static String text(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            throw new IllegalStateException(where + ": '" + field + "' is required");
        }
        return v.asText();
    }
}
