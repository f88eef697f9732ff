package com.connectsoft.factory.bench;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.blueprint.BlueprintConfiguration;
import com.connectsoft.factory.blueprint.domain.Blueprint;
import com.connectsoft.factory.blueprint.domain.Module;
import com.connectsoft.factory.blueprint.domain.ParseOutcome;
import com.connectsoft.factory.knowledge.KnowledgeSettings;
import com.connectsoft.factory.knowledge.adapter.embedding.MiniLmEmbedder;
import com.connectsoft.factory.knowledge.adapter.lucene.LuceneKnowledgeIndex;
import com.connectsoft.factory.knowledge.application.KnowledgeDocuments;
import com.connectsoft.factory.knowledge.application.KnowledgeSources;
import com.connectsoft.factory.knowledge.application.PlatformKnowledge;
import com.connectsoft.factory.knowledge.domain.KnowledgeDocument;
import com.connectsoft.factory.knowledge.domain.SearchQuery;
import com.connectsoft.factory.knowledge.domain.TenantKnowledge;
import com.connectsoft.factory.shared.domain.Ids;
import com.connectsoft.factory.shared.domain.TenantId;
import com.connectsoft.factory.template.domain.RenderOutcome;
import com.connectsoft.factory.template.domain.RenderedFile;
import com.connectsoft.factory.template.domain.TemplatePackage;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The knowledge index on this machine: builds the golden set's corpus (the examples' blueprints and rendered modules as
 * a run indexes them, the templates, the JDL samples) into a fresh Lucene index, reports the build time (model load and
 * embedding included), recall@5 over the golden set, and query latency percentiles (warm, {@code rounds} passes over
 * the golden queries).
 */
@Command(name = "search", description = "Measure the embedded knowledge index: build time, recall@5 on the golden set, query p50/p95.")
final class SearchBench implements Callable<Integer> {
    static final TenantId TENANT = TenantId.of("bench");

    @CommandLine.ParentCommand
    BenchCli parent;

    @Option(names = "--rounds", defaultValue = "20", description = "Passes over the golden queries after one warm-up pass (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--samples", description = "JDL samples directory (default: $FACTORY_JDL_SAMPLES or <factory home>/../shared/samples/jdl).")
    Path samples;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = parent.spec.commandLine().getOut();
        Path home = Path.of(System.getProperty("factory.home", "."));
        Path data = Files.createTempDirectory("factory-search-bench");
        KnowledgeSettings ks = KnowledgeSettings.from(System.getenv(), home, data);
        Optional<Path> jdl = samples != null ? Optional.of(samples) : ks.jdlSamples();
        try (Factory app = Factory.open(parent.settings().withDataDir(data))) {
            List<KnowledgeDocument> platformDocs = new PlatformKnowledge(app.templates().catalog(), jdl, BlueprintConfiguration.READERS).documents();
            List<KnowledgeDocument> tenantDocs = examples(app, home.resolve("examples"));

            long t0 = System.nanoTime();
            MiniLmEmbedder embedder = new MiniLmEmbedder();
            embedder.embed("warm up");
            long loadMs = (System.nanoTime() - t0) / 1_000_000;
            long t1 = System.nanoTime();
            try (LuceneKnowledgeIndex index = new LuceneKnowledgeIndex(data.resolve("knowledge"), embedder)) {
                index.platform().upsert(platformDocs);
                index.forTenant(TENANT).upsert(tenantDocs);
                long buildMs = (System.nanoTime() - t1) / 1_000_000;
                TenantKnowledge knowledge = index.forTenant(TENANT);
                Set<String> corpus = Stream.concat(platformDocs.stream(), tenantDocs.stream()).map(KnowledgeDocument::id).collect(Collectors.toSet());
                GoldenSet golden = GoldenSet.load(home.resolve(GoldenSet.PATH)).within(corpus);
                List<GoldenSet.Outcome> outcomes = golden.evaluate(knowledge);
                List<Long> micros = new ArrayList<>();
                List<Long> cpuMicros = new ArrayList<>();
                java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
                for (int round = 0; round < rounds; round++) {
                    for (GoldenSet.Case c : golden.cases()) {
                        long cpu = threads.getCurrentThreadCpuTime();
                        long s = System.nanoTime();
                        knowledge.search(SearchQuery.of(c.query(), GoldenSet.K));
                        micros.add((System.nanoTime() - s) / 1_000);
                        cpuMicros.add((threads.getCurrentThreadCpuTime() - cpu) / 1_000);
                    }
                }
                List<Long> embedMicros = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    for (GoldenSet.Case c : golden.cases()) {
                        long s = System.nanoTime();
                        embedder.embed(c.query());
                        embedMicros.add((System.nanoTime() - s) / 1_000);
                    }
                }
                long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
                long[] embedSorted = embedMicros.stream().mapToLong(Long::longValue).sorted().toArray();
                long[] cpuSorted = cpuMicros.stream().mapToLong(Long::longValue).sorted().toArray();
                out.printf("| corpus | documents | model load | index build (embedding included) | queries | recall@5 | p50 | p95 | max | query embedding p50 / p95 | CPU time per query p50 / p95 |%n");
                out.printf("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|%n");
                out.printf("| examples (acme) + templates + JDL samples | %d | %d ms | %d ms | %d × %d | %.3f | %.2f ms | %.2f ms | %.2f ms | %.2f / %.2f ms | %.2f / %.2f ms |%n",
                        corpus.size(), loadMs, buildMs, golden.cases().size(), rounds, GoldenSet.recall(outcomes),
                        pct(sorted, 50), pct(sorted, 95), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1000.0,
                        pct(embedSorted, 50), pct(embedSorted, 95), pct(cpuSorted, 50), pct(cpuSorted, 95));
                out.printf("load average while measuring: %s%n", loadAverage());
                outcomes.stream().filter(o -> o.recall() < 1).forEach(o -> out.printf("missed: \"%s\" expected %s, top 5 %s%n",
                        o.golden().query(), o.golden().expected(), o.top()));
            }
            return BenchCli.OK;
        } finally {
            deleteTree(data);
        }
    }

    /**
     * The examples' documents as a run indexes them: each blueprint and each of its modules rendered with the latest
     * template (no build: the index reads the module's OpenAPI document).
     */
    static List<KnowledgeDocument> examples(Factory app, Path examplesDir) throws java.io.IOException {
        List<KnowledgeDocument> docs = new ArrayList<>();
        try (Stream<Path> files = Files.list(examplesDir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                String name = f.getFileName().toString();
                if (!(BlueprintConfiguration.READERS.read(name, Files.readAllBytes(f)) instanceof ParseOutcome.Accepted ok)) {
                    throw new IllegalArgumentException(f + " does not read as a blueprint");
                }
                Blueprint bp = ok.blueprint();
                String slug = Ids.slug(bp.product().name());
                docs.add(KnowledgeDocuments.blueprint("bp-" + slug, 1, name, bp));
                TemplatePackage tpl = app.templates().catalog().latest(com.connectsoft.factory.run.application.StartRun.DEFAULT_TEMPLATE).orElseThrow();
                for (Module m : bp.modules()) {
                    if (app.generation().renderModule().render(bp, m, tpl) instanceof RenderOutcome.Rendered r) {
                        for (RenderedFile file : r.files()) {
                            if (file.path().equals(KnowledgeSources.OPENAPI)) {
                                docs.add(KnowledgeDocuments.module("proj-" + slug, bp.product().name(), m.moduleId(),
                                        com.connectsoft.factory.blueprint.domain.Names.kebab(m.name()), name + " " + tpl.ref(),
                                        new String(file.bytes(), StandardCharsets.UTF_8)));
                            }
                        }
                    }
                }
            }
        }
        return docs;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static double pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1000.0;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // a scratch directory under the system's temporary directory
        }
    }
}
