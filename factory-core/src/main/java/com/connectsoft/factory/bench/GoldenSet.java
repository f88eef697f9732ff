package com.connectsoft.factory.bench;

import com.connectsoft.factory.knowledge.domain.SearchHit;
import com.connectsoft.factory.knowledge.domain.SearchQuery;
import com.connectsoft.factory.knowledge.domain.TenantKnowledge;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The knowledge platform's golden set ({@code factory-core/src/test/resources/knowledge/golden-set.yaml}): queries with
 * the documents expected in the first {@link #K} hits, and recall@K over them.
 */
public record GoldenSet(List<Case> cases) {
    public static final int K = 5;
    /** Where the golden set lives, from the factory home. */
    public static final String PATH = "factory-core/src/test/resources/knowledge/golden-set.yaml";

    public record Case(String query, List<String> expected) {
    }

    /** One query's answer: what was expected, the top K ids, and the share of expected ones among them. */
    public record Outcome(Case golden, List<String> top, double recall) {
    }

    @SuppressWarnings("unchecked")
    public static GoldenSet load(Path file) {
        try {
            Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
            List<Case> cases = new ArrayList<>();
            for (Map<String, Object> q : (List<Map<String, Object>>) root.get("queries")) {
                cases.add(new Case(String.valueOf(q.get("q")), List.copyOf((List<String>) q.get("expect"))));
            }
            return new GoldenSet(List.copyOf(cases));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the golden set " + file, e);
        }
    }

    /** The cases whose expected documents are all in {@code corpus} (the JDL samples may be absent on a machine). */
    public GoldenSet within(Set<String> corpus) {
        return new GoldenSet(cases.stream().filter(c -> corpus.containsAll(c.expected())).toList());
    }

    public List<Outcome> evaluate(TenantKnowledge knowledge) {
        List<Outcome> out = new ArrayList<>();
        for (Case c : cases) {
            List<String> top = knowledge.search(SearchQuery.of(c.query(), K)).stream().map(SearchHit::id).toList();
            long found = c.expected().stream().filter(top::contains).count();
            out.add(new Outcome(c, top, (double) found / c.expected().size()));
        }
        return out;
    }

    public static double recall(List<Outcome> outcomes) {
        return outcomes.stream().mapToDouble(Outcome::recall).average().orElse(0);
    }
}
