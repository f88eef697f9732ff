package com.connectsoft.factory.template.adapter.filesystem;

import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.template.domain.ShippedVerifications;
import com.connectsoft.factory.template.domain.TemplateVerification;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Verification records shipped with the catalog: {@code <folder>/<id>@<version>.json}, one per template or library
 * version, each the {@link TemplateVerification} JSON the publisher's {@code ./factory templates verify --publish} wrote.
 * All of them are read and checked when the folder is opened (a missing folder holds none); a file that is not a record
 * (not JSON, too large or deeply nested, a field missing or out of range, or a name other than its version's) stops the
 * catalog from opening with an error naming the file. Publishing writes the file whole (a temporary file moved into place).
 */
public final class FileShippedVerifications implements ShippedVerifications {
    /** The folder beside the template packages that holds the shipped records. */
    public static final String FOLDER = "verified";
    static final long MAX_BYTES = 256 * 1024;
    static final int MAX_FILES = 1000;
    private static final Pattern REF = Pattern.compile("ConnectSoft\\.[A-Za-z][A-Za-z0-9.]{0,150}@\\d{1,6}\\.\\d{1,6}\\.\\d{1,6}(-[0-9A-Za-z.-]{1,40})?");
    private static final Pattern HASH = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final ObjectMapper BOUNDED = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(12).maxStringLength(16 * 1024).maxNumberLength(20).maxNameLength(200).maxDocumentLength(MAX_BYTES).build()).build())
            .build();

    private final Path folder;
    private final Map<String, TemplateVerification> records;

    public FileShippedVerifications(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
        this.records = load(this.folder);
    }

    /** The folder the records are read from and published to. */
    public Path folder() {
        return folder;
    }

    @Override
    public synchronized Optional<TemplateVerification> find(String templateRef) {
        return Optional.ofNullable(records.get(templateRef));
    }

    @Override
    public synchronized List<TemplateVerification> all() {
        return List.copyOf(records.values());
    }

    @Override
    public synchronized void publish(TemplateVerification v) {
        Path file = file(folder, v.templateRef());
        checked(file, Json.toTree(v));
        try {
            Files.createDirectories(folder);
            Path tmp = Files.createTempFile(folder, ".publishing-", ".tmp");
            try {
                Files.writeString(tmp, Json.pretty(v), StandardCharsets.UTF_8);
                try {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the verification record " + file, e);
        }
        records.put(v.templateRef(), v);
    }

    private static Path file(Path folder, String templateRef) {
        if (!REF.matcher(templateRef).matches()) {
            throw new IllegalArgumentException("'" + templateRef + "' is not a version reference (<id>@<version>)");
        }
        return folder.resolve(templateRef + ".json");
    }

    private static Map<String, TemplateVerification> load(Path folder) {
        Map<String, TemplateVerification> out = new TreeMap<>();
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return out;
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().limit(MAX_FILES + 1L).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the verification records in " + folder, e);
        }
        if (files.size() > MAX_FILES) {
            throw new IllegalStateException(folder + ": more than " + MAX_FILES + " verification records; keep one file per published version");
        }
        for (Path f : files) {
            TemplateVerification v = read(f);
            out.put(v.templateRef(), v);
        }
        return out;
    }

    /** One record file, checked; an {@link IllegalStateException} naming the file and what is wrong with it otherwise. */
    static TemplateVerification read(Path file) {
        String fix = fix(file);
        JsonNode tree;
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalStateException(file + ": a verification record must be a regular file, not a link or folder" + fix);
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new IllegalStateException(file + ": " + Files.size(file) + " bytes, over the " + MAX_BYTES + " a verification record may have" + fix);
            }
            tree = BOUNDED.readTree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(file + ": not a verification record (" + (e.getLocation() == null ? "" : "line "
                    + e.getLocation().getLineNr() + ": ") + e.getOriginalMessage() + ")" + fix, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the verification record " + file, e);
        }
        return checked(file, tree);
    }

    private static String fix(Path file) {
        String name = file.getFileName().toString();
        return "; verify and publish the version again (./factory templates verify --publish "
                + (name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : "<id>@<version>") + ") or remove the file";
    }

    private static TemplateVerification checked(Path file, JsonNode tree) {
        String where = file + ": not a verification record: ";
        String fix = fix(file);
        if (tree == null || !tree.isObject()) {
            throw new IllegalStateException(where + "expected a JSON object" + fix);
        }
        for (String field : List.of("templateRef", "contentHash", "verifiedAt", "governance", "factoryVersion")) {
            if (!tree.path(field).isTextual()) {
                throw new IllegalStateException(where + "'" + field + "' is missing or not a string" + fix);
            }
        }
        if (!tree.path("passed").isBoolean()) {
            throw new IllegalStateException(where + "'passed' is missing or not true/false" + fix);
        }
        for (String field : List.of("problems", "modules")) {
            if (!tree.path(field).isArray()) {
                throw new IllegalStateException(where + "'" + field + "' is missing or not a list" + fix);
            }
        }
        TemplateVerification v;
        try {
            v = Json.fromTree(tree, TemplateVerification.class);
        } catch (RuntimeException e) {
            throw new IllegalStateException(where + "its fields do not fit (" + e.getMessage() + ")" + fix, e);
        }
        if (!REF.matcher(v.templateRef()).matches() || !file.getFileName().toString().equals(v.templateRef() + ".json")) {
            throw new IllegalStateException(where + "it records '" + v.templateRef() + "', so its file must be named " + v.templateRef()
                    + ".json (one file per version, named <id>@<version>.json)" + fix);
        }
        if (!HASH.matcher(v.contentHash()).matches()) {
            throw new IllegalStateException(where + "'contentHash' must be sha256:<64 hex digits>" + fix);
        }
        List<String> bad = new ArrayList<>();
        if (v.testsRun() < 0 || v.testsPassed() < 0 || v.testsFailed() < 0 || v.testsSkipped() < 0 || v.renderMs() < 0 || v.buildMs() < 0) {
            bad.add("a count or time is negative");
        }
        if (v.testsPassed() + v.testsFailed() + v.testsSkipped() > v.testsRun()) {
            bad.add("more tests passed, failed and skipped than ran");
        }
        if (v.mutation() != null && (v.mutation().killed() < 0 || v.mutation().killed() > v.mutation().mutants())) {
            bad.add("more mutants killed than there were");
        }
        if (v.passed() != v.problems().isEmpty()) {
            bad.add(v.passed() ? "it passed but lists problems" : "it failed but lists no problem");
        }
        if (!bad.isEmpty()) {
            throw new IllegalStateException(where + String.join("; ", bad) + fix);
        }
        return v;
    }
}
