package com.connectsoft.factory.governance.application;

import com.connectsoft.factory.governance.domain.CheckResult;
import com.connectsoft.factory.governance.domain.Decision;
import com.connectsoft.factory.governance.domain.DependencyAllowlistCheck;
import com.connectsoft.factory.governance.domain.GovernanceCheck;
import com.connectsoft.factory.governance.domain.SecretsCheck;
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

    /** The standard checks, with the dependency allowlist read from the policies on the classpath. */
    public static Governance standard() {
        try (InputStream in = Governance.class.getResourceAsStream("/policies/dependency-allowlist.yaml")) {
            if (in == null) {
                throw new IllegalStateException("policies/dependency-allowlist.yaml is missing");
            }
            JsonNode policy = Json.toTree(new Yaml(new SafeConstructor(new LoaderOptions())).load(in));
            List<String> allow = new ArrayList<>();
            policy.path("allow").forEach(n -> allow.add(n.asText()));
            return new Governance(List.of(new TenantIsolationCheck(), new SecretsCheck(),
                    new DependencyAllowlistCheck(policy.path("version").asText(), allow)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        if (results.stream().anyMatch(r -> r.decision() == Decision.Deny)) {
            return Decision.Deny;
        }
        if (results.stream().anyMatch(r -> r.decision() == Decision.RequiresApproval)) {
            return Decision.RequiresApproval;
        }
        return Decision.Allow;
    }
}
