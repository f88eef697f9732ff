package com.connectsoft.factory.template.adapter.filesystem;

import com.connectsoft.factory.library.domain.RuntimeLibraries;
import com.connectsoft.factory.library.domain.RuntimeLibrary;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.shared.domain.Hashing;
import com.connectsoft.factory.template.domain.LibraryRef;
import com.connectsoft.factory.template.domain.TemplateCatalog;
import com.connectsoft.factory.template.domain.OutputLanguage;
import com.connectsoft.factory.template.domain.OutputPath;
import com.connectsoft.factory.template.domain.TemplateFile;
import com.connectsoft.factory.template.domain.TemplatePackage;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Template packages in a directory: each {@code <root>/<name>/template.yaml} with its sources under
 * {@code files/}. Every package is checked when the catalog is opened: id and semver, a valid parameter schema,
 * and sources that exist as regular files inside the package (no symlinks, no '..'). Published versions are
 * immutable: {@value #LOCK} beside the packages names each published version with its content hash, and a published
 * version whose files changed, or whose folder is gone, stops the catalog from opening (runs made with it must render
 * again byte for byte).
 */
public final class FileSystemTemplateCatalog implements TemplateCatalog {
    /**
     * The published versions and their content hashes, one {@code <id>@<version> sha256:<hex>} per line: template versions
     * and the runtime library versions of the {@code libraries} folder beside (ids {@code ConnectSoft.Extensions.*}).
     */
    public static final String LOCK = "catalog.lock";
    private static final java.util.regex.Pattern LOCK_LINE = java.util.regex.Pattern.compile("(\\S+@\\S+) (sha256:[0-9a-f]{64})");
    private final List<TemplatePackage> packages;
    private final Path root;

    public FileSystemTemplateCatalog(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.packages = load(this.root);
    }

    /** The folder the packages were read from. */
    public Path root() {
        return root;
    }

    @Override
    public List<TemplatePackage> all() {
        return packages;
    }

    @Override
    public Optional<TemplatePackage> find(String id, String version) {
        return packages.stream().filter(p -> p.id().equals(id) && p.version().equals(version)).findFirst();
    }

    @Override
    public Optional<TemplatePackage> latest(String id) {
        return packages.stream().filter(p -> p.id().equals(id)).max(Comparator.comparing(p -> semverKey(p.version())));
    }

    @Override
    public String read(TemplatePackage pkg, TemplateFile file) {
        try {
            return Files.readString(sourcePath(pkg.root(), file.source()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.source() + " of " + pkg.ref(), e);
        }
    }

    private static String semverKey(String v) {
        String[] core = v.split("-", 2)[0].split("\\.");
        return String.format("%09d.%09d.%09d%s", Integer.parseInt(core[0]), Integer.parseInt(core[1]),
                Integer.parseInt(core[2]), v.contains("-") ? "" : "~");
    }

    private static List<TemplatePackage> load(Path root) {
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("template directory " + root + " does not exist; set --templates or FACTORY_TEMPLATES");
        }
        List<TemplatePackage> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.sorted().toList()) {
                Path manifest = dir.resolve("template.yaml");
                if (Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS)) {
                    out.add(loadPackage(dir, manifest));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list templates in " + root, e);
        }
        List<String> refs = out.stream().map(TemplatePackage::ref).toList();
        if (refs.size() != refs.stream().distinct().count()) {
            throw new IllegalStateException("two template packages in " + root + " have the same id and version: " + refs);
        }
        checkLock(root, out);
        return List.copyOf(out);
    }

    /** The published versions of {@code root}'s lock file (none without one), in file order. */
    public static java.util.Map<String, String> lock(Path root) {
        Path lock = root.resolve(LOCK);
        java.util.Map<String, String> published = new java.util.LinkedHashMap<>();
        if (!Files.isRegularFile(lock, LinkOption.NOFOLLOW_LINKS)) {
            return published;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(lock, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + lock, e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            java.util.regex.Matcher m = LOCK_LINE.matcher(line);
            if (!m.matches() || published.put(m.group(1), m.group(2)) != null) {
                throw new IllegalStateException(lock + ":" + (i + 1) + ": expected '<id>@<version> sha256:<64 hex digits>', once per version");
            }
        }
        return published;
    }

    /** The lock line of a package, as it goes into {@value #LOCK} when the version is published. */
    public static String lockLine(TemplatePackage p) {
        return p.ref() + " " + p.contentHash();
    }

    /** The lock line of a runtime library version with its content hash ({@link RuntimeLibraries#contentHash}). */
    public static String lockLine(RuntimeLibrary library, String contentHash) {
        return library.ref() + " " + contentHash;
    }

    private static boolean isLibrary(String ref) {
        return LibraryRef.ID.matcher(ref.substring(0, ref.lastIndexOf('@'))).matches();
    }

    /**
     * Refuses runtime library versions that the lock beside {@code templatesRoot} publishes and that changed (their
     * content hash differs) or are gone: a published library version is immutable like a template version, since modules
     * generated against it must build again the same.
     */
    public static void checkLibraries(Path templatesRoot, RuntimeLibraries libraries) {
        Path root = templatesRoot.toAbsolutePath().normalize();
        for (java.util.Map.Entry<String, String> e : lock(root).entrySet()) {
            if (!isLibrary(e.getKey())) {
                continue;
            }
            String ref = e.getKey();
            int at = ref.lastIndexOf('@');
            RuntimeLibrary library = libraries.find(ref.substring(0, at), ref.substring(at + 1)).orElseThrow(() -> new IllegalStateException(
                    "library " + ref + " is published (" + root.resolve(LOCK) + ") but no folder of the libraries beside " + root
                            + " holds it: published versions are never removed, modules built with them must build again"));
            String now = libraries.contentHash(library);
            if (!now.equals(e.getValue())) {
                Path folder = library.folder();
                throw new IllegalStateException("library " + ref + " in " + folder + " was published with content " + e.getValue()
                        + " and its files now hash to " + now + ": published versions are immutable (modules built with it must build again"
                        + " the same). Restore the folder (e.g. git checkout -- " + folder.getParent().getFileName() + "/" + folder.getFileName()
                        + ") and put the change in a new version folder");
            }
        }
    }

    private static void checkLock(Path root, List<TemplatePackage> packages) {
        java.util.Map<String, String> published = new java.util.LinkedHashMap<>(lock(root));
        published.keySet().removeIf(FileSystemTemplateCatalog::isLibrary);
        for (TemplatePackage p : packages) {
            String hash = published.get(p.ref());
            if (hash != null && !hash.equals(p.contentHash())) {
                throw new IllegalStateException("template " + p.ref() + " in " + p.root() + " was published with content " + hash
                        + " and its files now hash to " + p.contentHash() + ": published versions are immutable (runs made with it must render"
                        + " again byte for byte). Restore the folder (e.g. git checkout -- " + root.relativize(p.root()) + ") and put the change in"
                        + " a new version folder");
            }
        }
        java.util.Set<String> present = packages.stream().map(TemplatePackage::ref).collect(java.util.stream.Collectors.toSet());
        for (String ref : published.keySet()) {
            if (!present.contains(ref)) {
                throw new IllegalStateException("template " + ref + " is published (" + root.resolve(LOCK) + ") but no folder in " + root
                        + " holds it: published versions are never removed, runs made with them must render again");
            }
        }
    }

    private static TemplatePackage loadPackage(Path dir, Path manifest) throws IOException {
        byte[] manifestBytes = Files.readAllBytes(manifest);
        Object yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(new String(manifestBytes, StandardCharsets.UTF_8));
        JsonNode m = Json.toTree(yaml);
        String where = manifest.toString();
        String id = required(m, "id", where);
        String version = required(m, "version", where);
        if (!TemplatePackage.ID.matcher(id).matches()) {
            throw new IllegalStateException(where + ": id '" + id + "' must look like ConnectSoft.Template.<Name>");
        }
        if (!TemplatePackage.SEMVER.matcher(version).matches()) {
            throw new IllegalStateException(where + ": version '" + version + "' is not a semantic version (1.2.3)");
        }
        String engine = required(m, "engine", where);
        if (!engine.equals("mustache")) {
            throw new IllegalStateException(where + ": engine '" + engine + "' is not supported (use mustache)");
        }
        JsonNode params = m.path("parameters");
        if (!params.isObject()) {
            throw new IllegalStateException(where + ": 'parameters' must be a JSON Schema object");
        }
        try {
            JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(params);
        } catch (RuntimeException e) {
            throw new IllegalStateException(where + ": 'parameters' is not a valid JSON Schema: " + e.getMessage(), e);
        }
        MessageDigest digest = Hashing.sha256();
        digest.update(manifestBytes);
        List<TemplateFile> files = new ArrayList<>();
        for (JsonNode f : m.path("files")) {
            String source = required(f, "source", where);
            String target = required(f, "target", where);
            Optional<String> foreach = f.hasNonNull("foreach") ? Optional.of(f.get("foreach").asText()) : Optional.empty();
            OutputLanguage language;
            if (f.hasNonNull("escape")) {
                String key = f.get("escape").asText();
                language = OutputLanguage.ofKey(key).orElseThrow(() -> new IllegalStateException(where + ": " + source + ": escape '" + key
                        + "' is not a language the renderer escapes for (" + String.join(", ", java.util.Arrays.stream(OutputLanguage.values())
                        .map(OutputLanguage::key).toList()) + ")"));
            } else {
                language = OutputLanguage.ofTarget(target).orElseThrow(() -> new IllegalStateException(where + ": " + source
                        + ": the language of " + target + " cannot be told from its name; declare it with escape: (" + String.join(", ",
                        java.util.Arrays.stream(OutputLanguage.values()).map(OutputLanguage::key).toList())
                        + ") so every value placed in it is escaped for it"));
            }
            Path src = sourcePath(dir, source);
            digest.update(source.getBytes(StandardCharsets.UTF_8));
            digest.update(Files.readAllBytes(src));
            files.add(new TemplateFile(source, target, foreach, language));
        }
        if (files.isEmpty()) {
            throw new IllegalStateException(where + ": a template needs at least one file");
        }
        Optional<Path> sample = Optional.empty();
        if (m.hasNonNull("sample")) {
            String name = m.get("sample").asText();
            Path p = dir.resolve(name).normalize();
            if (!p.startsWith(dir) || !p.getParent().equals(dir) || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalStateException(where + ": sample '" + name + "' must be a regular file beside template.yaml");
            }
            digest.update(("sample:" + name).getBytes(StandardCharsets.UTF_8));
            digest.update(Files.readAllBytes(p));
            sample = Optional.of(p);
        }
        List<LibraryRef> libraries = new ArrayList<>();
        JsonNode libs = m.path("libraries");
        if (!libs.isMissingNode() && !libs.isNull() && !libs.isArray()) {
            throw new IllegalStateException(where + ": 'libraries' must be a list of { id, version }");
        }
        for (JsonNode l : libs) {
            try {
                libraries.add(new LibraryRef(required(l, "id", where + ": libraries"), required(l, "version", where + ": libraries")));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(where + ": libraries: " + e.getMessage(), e);
            }
        }
        return new TemplatePackage(id, version, m.path("name").asText(id), m.path("description").asText("").trim(),
                m.path("category").asText("service"), engine, m.path("model").asText(""), Json.write(params), files, dir,
                "sha256:" + HexFormat.of().formatHex(digest.digest()), sample, libraries);
    }

    private static Path sourcePath(Path packageDir, String source) {
        OutputPath.refusal(source).ifPresent(r -> {
            throw new IllegalStateException(packageDir + ": template source refused: " + r);
        });
        Path files = packageDir.resolve("files");
        Path p = files.resolve(source).normalize();
        if (!p.startsWith(files)) {
            throw new IllegalStateException(packageDir + ": source " + source + " is outside files/");
        }
        for (Path cur = p; cur != null && cur.startsWith(files); cur = cur.getParent()) {
            if (Files.isSymbolicLink(cur)) {
                throw new IllegalStateException(packageDir + ": source " + source + " goes through a symbolic link");
            }
        }
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalStateException(packageDir + ": source " + source + " does not exist");
        }
        return p;
    }

    private static String required(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            throw new IllegalStateException(where + ": '" + field + "' is required");
        }
        return v.asText();
    }
}
