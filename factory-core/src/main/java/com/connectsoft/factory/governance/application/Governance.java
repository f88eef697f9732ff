package com.connectsoft.factory.governance.application;

import com.connectsoft.factory.governance.domain.CheckResult;
import com.connectsoft.factory.run.vocabulary.Decision;
import com.connectsoft.factory.governance.domain.DependencyAllowlistCheck;
import com.connectsoft.factory.governance.domain.GovernanceCheck;
import com.connectsoft.factory.governance.domain.SecretsCheck;
import com.connectsoft.factory.governance.domain.SensitiveDataCheck;
import com.connectsoft.factory.governance.domain.TenantIsolationCheck;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.template.domain.RenderedFile;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Runs every governance check on a module; the module passes only when every check allows it. */
public final class Governance {
    private final List<GovernanceCheck> checks;

    public Governance(List<GovernanceCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    /** The standard checks, with the dependency allowlist and the sensitive-data list read from the policies on the classpath. */
    public static Governance standard() {
        JsonNode allowlist = policy("dependency-allowlist.yaml");
        JsonNode sensitive = policy("sensitive-data.yaml");
        return new Governance(List.of(new TenantIsolationCheck(), new SecretsCheck(),
                new DependencyAllowlistCheck(allowlist.path("version").asText(), texts(allowlist.path("allow")), Governance::npmDependencies),
                new SensitiveDataCheck(sensitive.path("version").asText(), texts(sensitive.path("requireApproval")))));
    }

    /** Every dependency name of a package.json (all four dependency sections), or empty when it is not a JSON object. */
    static java.util.Optional<List<String>> npmDependencies(byte[] packageJson) {
        JsonNode pkg;
        try {
            pkg = Json.read(new String(packageJson, java.nio.charset.StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
        if (!pkg.isObject()) {
            return java.util.Optional.empty();
        }
        List<String> names = new java.util.ArrayList<>();
        for (String section : List.of("dependencies", "devDependencies", "optionalDependencies", "peerDependencies")) {
            pkg.path(section).fieldNames().forEachRemaining(names::add);
        }
        return java.util.Optional.of(names);
    }

    private static JsonNode policy(String file) {
        try (InputStream in = Governance.class.getResourceAsStream("/policies/" + file)) {
            if (in == null) {
                throw new IllegalStateException("policies/" + file + " is missing");
            }
            return Json.toTree(new Yaml(new SafeConstructor(new LoaderOptions())).load(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    public List<GovernanceCheck> checks() {
        return checks;
    }

    public GovernanceCheck check(String id) {
        return checks.stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no governance check '" + id + "'"));
    }

    public List<CheckResult> evaluate(String moduleId, List<RenderedFile> files) {
        return checks.stream().map(c -> c.evaluate(moduleId, files)).toList();
    }

    public static Decision overall(List<CheckResult> results) {
        return CheckResult.overall(results);
    }
}
