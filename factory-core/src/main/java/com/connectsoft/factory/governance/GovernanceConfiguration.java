package com.connectsoft.factory.governance;

import com.connectsoft.factory.artifact.domain.Artifacts;
import com.connectsoft.factory.capability.CapabilityRegistry;
import com.connectsoft.factory.governance.application.CheckModuleStep;
import com.connectsoft.factory.governance.application.Governance;
import com.connectsoft.factory.governance.domain.DependencyAllowlistCheck;
import com.connectsoft.factory.governance.domain.SecretsCheck;
import com.connectsoft.factory.governance.domain.SensitiveDataCheck;
import com.connectsoft.factory.governance.domain.TenantIsolationCheck;
import com.connectsoft.factory.platform.content.ContentStore;
import com.connectsoft.factory.shared.domain.Envelope;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Governance: one capability per check of the standard policy, each reading a module's rendered sources. */
public final class GovernanceConfiguration {
    private final Governance governance = Governance.standard();

    /** The check capabilities by registry name. */
    public Map<String, Function<Envelope, List<Envelope>>> checkSteps(ContentStore content, Artifacts artifacts, Clock clock) {
        Map<String, Function<Envelope, List<Envelope>>> steps = new LinkedHashMap<>();
        steps.put(CapabilityRegistry.GOVERNANCE_TENANT_ISOLATION, step(TenantIsolationCheck.ID, content, artifacts, clock));
        steps.put(CapabilityRegistry.GOVERNANCE_SECRETS, step(SecretsCheck.ID, content, artifacts, clock));
        steps.put(CapabilityRegistry.GOVERNANCE_DEPENDENCY_ALLOWLIST, step(DependencyAllowlistCheck.ID, content, artifacts, clock));
        steps.put(CapabilityRegistry.GOVERNANCE_SENSITIVE_DATA, step(SensitiveDataCheck.ID, content, artifacts, clock));
        return steps;
    }

    private CheckModuleStep step(String checkId, ContentStore content, Artifacts artifacts, Clock clock) {
        return new CheckModuleStep(governance.check(checkId), content, artifacts, clock);
    }
}
