package com.connectsoft.factory.billing.adapter.files;

import com.connectsoft.factory.billing.domain.Meter;
import com.connectsoft.factory.billing.domain.MeterPrice;
import com.connectsoft.factory.billing.domain.Plan;
import com.connectsoft.factory.billing.domain.PlanCatalog;
import com.connectsoft.factory.billing.domain.Quota;
import com.connectsoft.factory.platform.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The plans of {@code plans/<id>.yaml} in the factory home, each checked against {@code plan-definition.schema.json}, its
 * id against its file name. Any problem stops loading with an error naming the file and field. An included item the
 * catalog does not hold is left out of the plan and listed by {@link #unknownItems()}: a catalog opened with
 * {@code --templates} may hold fewer items than the repository's plans name (a test checks the repository's plans
 * against the repository's catalog, where a typo would show).
 */
public final class PlanFiles implements PlanCatalog {
    static final int MAX_FILE_BYTES = 64 * 1024;
    static final int MAX_FILES = 50;
    private static final JsonSchema SCHEMA = schema("/schemas/plan-definition.schema.json");

    /** A plan file that cannot be used: which file, which field, what to do. */
    public static final class InvalidPlan extends RuntimeException {
        public InvalidPlan(String message) {
            super(message);
        }
    }

    private final List<Plan> plans;
    private final List<String> unknownItems;

    private PlanFiles(List<Plan> plans, List<String> unknownItems) {
        this.plans = List.copyOf(plans);
        this.unknownItems = List.copyOf(unknownItems);
    }

    /** The included items the catalog does not hold, each as {@code <file>: includes.<kind>[<i>]: <id>}. */
    public List<String> unknownItems() {
        return unknownItems;
    }

    /**
     * @param catalogItems every template and library id of the catalog; an included id outside it is left out
     */
    public static PlanFiles load(Path dir, Set<String> catalogItems) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidPlan(dir + ": no such directory (the plans live in plans/ of the factory home; set FACTORY_HOME or -Dfactory.home)");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (files.size() > MAX_FILES) {
            throw new InvalidPlan(dir + ": more than " + MAX_FILES + " plans");
        }
        if (files.isEmpty()) {
            throw new InvalidPlan(dir + ": no plan files (<id>.yaml); the factory needs at least the default plan");
        }
        List<Plan> plans = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (Path f : files) {
            plans.add(plan(f, catalogItems, unknown));
        }
        return new PlanFiles(plans, unknown);
    }

    @Override
    public List<Plan> all() {
        return plans;
    }

    @Override
    public Optional<Plan> find(String planId) {
        return plans.stream().filter(p -> p.id().equals(planId)).findFirst();
    }

    static Plan plan(Path f, Set<String> catalogItems, List<String> unknown) {
        JsonNode n = read(f);
        String id = n.get("plan").asText();
        if (!f.getFileName().toString().equals(id + ".yaml")) {
            throw new InvalidPlan(f + ": plan: '" + id + "' does not match the file name; name the file " + id + ".yaml");
        }
        String currency = n.get("currency").asText();
        int minorUnits;
        try {
            minorUnits = Currency.getInstance(currency).getDefaultFractionDigits();
        } catch (IllegalArgumentException e) {
            throw new InvalidPlan(f + ": currency: '" + currency + "' is not an ISO 4217 currency code");
        }
        Map<Meter, MeterPrice> prices = new EnumMap<>(Meter.class);
        n.get("meters").fields().forEachRemaining(e -> {
            Meter m = Meter.of(e.getKey()).orElseThrow();
            JsonNode p = e.getValue();
            prices.put(m, new MeterPrice(m, new BigDecimal(p.get("unitPrice").asText()), p.get("per").asLong(), p.get("included").asLong(),
                    Optional.ofNullable(p.get("dimension")).map(JsonNode::asText)));
        });
        Map<Quota, Long> quotas = new EnumMap<>(Quota.class);
        n.get("quotas").fields().forEachRemaining(e -> quotas.put(Quota.of(e.getKey()).orElseThrow(), e.getValue().asLong()));
        Set<String> includes = new LinkedHashSet<>();
        for (String kind : List.of("templates", "libraries")) {
            JsonNode ids = n.get("includes").get(kind);
            for (int i = 0; i < ids.size(); i++) {
                String item = ids.get(i).asText();
                if (!catalogItems.contains(item)) {
                    unknown.add(f.getFileName() + ": includes." + kind + "[" + i + "]: " + item);
                    continue;
                }
                includes.add(item);
            }
        }
        return new Plan(id, n.get("version").asText(), n.get("name").asText(), n.get("description").asText(), currency, minorUnits,
                new BigDecimal(n.get("baseFee").asText()), prices, quotas, includes);
    }

    private static JsonNode read(Path f) {
        Object doc;
        try {
            if (Files.size(f) > MAX_FILE_BYTES) {
                throw new InvalidPlan(f + ": larger than " + MAX_FILE_BYTES + " bytes");
            }
            LoaderOptions o = new LoaderOptions();
            o.setMaxAliasesForCollections(0);
            o.setAllowDuplicateKeys(false);
            o.setNestingDepthLimit(10);
            doc = new Yaml(new SafeConstructor(o)).load(Files.readString(f, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (org.yaml.snakeyaml.error.MarkedYAMLException e) {
            throw new InvalidPlan(f + ":" + (e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1) + ": not valid YAML: " + e.getProblem());
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            throw new InvalidPlan(f + ": not valid YAML (" + e.getClass().getSimpleName() + ")");
        }
        if (!(doc instanceof Map)) {
            throw new InvalidPlan(f + ": a plan is a YAML mapping");
        }
        JsonNode n = Json.mapper().valueToTree(doc);
        List<ValidationMessage> problems = new ArrayList<>(SCHEMA.validate(n));
        if (!problems.isEmpty()) {
            ValidationMessage m = problems.get(0);
            String at = m.getInstanceLocation().toString().replaceFirst("^\\$\\.?", "");
            throw new InvalidPlan(f + ": " + (at.isEmpty() ? "" : at + ": ") + m.getMessage().replaceFirst("^\\$[^:]*: ", "")
                    + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
        }
        return n;
    }

    private static JsonSchema schema(String resource) {
        try (InputStream in = PlanFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(Json.mapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
