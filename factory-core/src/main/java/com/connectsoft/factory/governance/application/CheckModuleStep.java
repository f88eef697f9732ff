package com.connectsoft.factory.governance.application;

import com.connectsoft.factory.capability.Lineage;
import com.connectsoft.factory.capability.ModuleSources;
import com.connectsoft.factory.artifact.domain.Artifact;
import com.connectsoft.factory.artifact.domain.Artifacts;
import com.connectsoft.factory.governance.domain.CheckResult;
import com.connectsoft.factory.run.vocabulary.Decision;
import com.connectsoft.factory.governance.domain.GovernanceCheck;
import com.connectsoft.factory.platform.bus.PoisonEventException;
import com.connectsoft.factory.platform.content.ContentRef;
import com.connectsoft.factory.platform.content.ContentStore;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.run.domain.RunEvents;
import com.connectsoft.factory.run.domain.RunEvents.ModuleCommand;
import com.connectsoft.factory.run.domain.RunEvents.PolicyDecisionResult;
import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.shared.domain.TenantId;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One governance check as its own capability: {@code Check<Policy>} → {@code PolicyDecisionRecorded}. Reads the
 * module's files from the artifact store, decides, and records the decision as a GovernanceReport artifact.
 */
public final class CheckModuleStep implements Function<Envelope, List<Envelope>> {
    public static final String SKILL = "ConnectSoft.Skill.EvaluatePolicy";

    private final GovernanceCheck check;
    private final ContentStore content;
    private final ModuleSources sources;
    private final Artifacts artifacts;
    private final Clock clock;

    public CheckModuleStep(GovernanceCheck check, ContentStore content, Artifacts artifacts, Clock clock) {
        this.check = check;
        this.content = content;
        this.sources = new ModuleSources(content);
        this.artifacts = artifacts;
        this.clock = clock;
    }

    public String checkId() {
        return check.id();
    }

    @Override
    public List<Envelope> apply(Envelope command) {
        ModuleCommand c = Lineage.payload(command, ModuleCommand.class);
        if (!check.id().equals(c.checkId())) {
            throw new PoisonEventException(command.eventType() + " asks for check " + c.checkId() + ", this capability runs " + check.id());
        }
        TenantId tenant = command.tenant();
        String runId = c.run().runId();
        String key = c.moduleId() + "/" + check.id();
        Optional<Artifact> done = artifacts.find(tenant, Lineage.artifactId(tenant.value(), runId, Artifact.GOVERNANCE_REPORT, key));
        if (done.isPresent()) {
            CheckResult recorded = Json.fromTree(Lineage.recorded(content, tenant, done.get()), CheckResult.class);
            return List.of(reply(command, c, recorded, done.get()));
        }
        CheckResult result;
        try {
            result = check.evaluate(c.moduleId(), sources.files(tenant, c.manifestHash()));
        } catch (ModuleSources.MissingSources e) {
            throw new PoisonEventException(e.getMessage());
        }
        ContentRef ref = content.put(tenant, Json.pretty(result).getBytes(StandardCharsets.UTF_8));
        Artifact a = artifacts.record(tenant, Lineage.artifact(command, runId, c.run().blueprintId(), Artifact.GOVERNANCE_REPORT,
                c.moduleName() + " " + check.id(), key, ref, List.of(c.sourceArtifactId()), SKILL,
                result.decision() == Decision.Allow ? "Validated" : "Rejected", clock.instant()));
        return List.of(reply(command, c, result, a), Lineage.created(command, a, clock.instant()));
    }

    private Envelope reply(Envelope command, ModuleCommand c, CheckResult r, Artifact a) {
        return Lineage.reply(command, RunEvents.POLICY_DECISION_RECORDED, new PolicyDecisionResult(c.run().runId(), c.moduleId(),
                r.checkId(), r.policyVersion(), r.decision(), r.reasons(), a.artifactId()), clock.instant());
    }
}
