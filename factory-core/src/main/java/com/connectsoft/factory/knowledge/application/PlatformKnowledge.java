package com.connectsoft.factory.knowledge.application;

import com.connectsoft.factory.blueprint.domain.BlueprintReaders;
import com.connectsoft.factory.blueprint.domain.ParseOutcome;
import com.connectsoft.factory.knowledge.domain.KnowledgeDocument;
import com.connectsoft.factory.template.domain.TemplateCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The platform scope's documents: every template version of the catalog and the JDL samples of a directory (when there is one). */
public final class PlatformKnowledge {
    /** JDL samples larger than this are not indexed. */
    static final long MAX_SAMPLE_BYTES = 512 * 1024;

    private final TemplateCatalog catalog;
    private final Optional<Path> samplesDir;
    private final BlueprintReaders readers;

    public PlatformKnowledge(TemplateCatalog catalog, Optional<Path> samplesDir, BlueprintReaders readers) {
        this.catalog = catalog;
        this.samplesDir = samplesDir;
        this.readers = readers;
    }

    public List<KnowledgeDocument> documents() {
        List<KnowledgeDocument> out = new ArrayList<>();
        catalog.all().forEach(p -> out.add(KnowledgeDocuments.template(p)));
        samplesDir.filter(Files::isDirectory).ifPresent(dir -> {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.getFileName().toString().matches("[A-Za-z0-9._-]+\\.(jdl|jh)")).sorted().toList()) {
                    if (!Files.isRegularFile(f) || Files.size(f) > MAX_SAMPLE_BYTES) {
                        continue;
                    }
                    byte[] bytes = Files.readAllBytes(f);
                    String name = f.getFileName().toString();
                    Optional<com.connectsoft.factory.blueprint.domain.Blueprint> read = readers.read(name, bytes) instanceof ParseOutcome.Accepted ok
                            ? Optional.of(ok.blueprint()) : Optional.empty();
                    out.add(KnowledgeDocuments.jdlSample(name, new String(bytes, java.nio.charset.StandardCharsets.UTF_8), read));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the JDL samples in " + dir, e);
            }
        });
        return out;
    }
}
