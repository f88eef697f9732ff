package com.connectsoft.factory.agent.application;

import com.connectsoft.factory.agent.domain.AgentArtifacts;
import com.connectsoft.factory.agent.domain.AgentCatalog;
import com.connectsoft.factory.agent.domain.AgentDefinition;
import com.connectsoft.factory.agent.domain.AgentTask;
import com.connectsoft.factory.agent.domain.Intent;
import com.connectsoft.factory.agent.domain.SkillDefinition;
import com.connectsoft.factory.agent.domain.TokenBudget;
import com.connectsoft.factory.agent.domain.TokenUse;
import com.connectsoft.factory.artifact.domain.Artifact;
import com.connectsoft.factory.artifact.domain.Artifacts;
import com.connectsoft.factory.platform.content.ContentRef;
import com.connectsoft.factory.platform.content.ContentStore;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.shared.domain.Ids;
import com.connectsoft.factory.shared.domain.TenantId;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Intent in plain language → a blueprint that the blueprint reader and rules accept. The intake agent's skills run in
 * order (vision, solution, domain), each a recorded {@link RunAgentTask} whose output feeds the next; the intent is
 * recorded first, so every output's lineage starts at it. Token use is metered per tenant and proposal, and the
 * proposal stops when its cap would be crossed. Bad input is refused before anything is written; a failed task
 * fails the proposal with its reason and problems, and no partial blueprint is returned.
 */
public final class ProposeBlueprint {
    public static final String AGENT = "ConnectSoft.Agent.ProductIntake";

    public record Request(TenantId tenant, String text, Optional<String> productName) {
    }

    public sealed interface Outcome {
        /** The intent itself is unusable: nothing was written. */
        record Refused(List<String> problems) implements Outcome {
        }

        record Proposed(String proposalId, String traceId, String intentArtifactId, String proposalArtifactId,
                        RunAgentTask.Accepted blueprint, List<AgentTask> tasks, TokenUse tokens) implements Outcome {
        }

        record Failed(String proposalId, String reason, List<String> problems, List<AgentTask> tasks, TokenUse tokens) implements Outcome {
        }
    }

    /** Records agent token use (a UsageRecorded event per task that used any). */
    public interface TokenMeter {
        void record(TenantId tenant, String proposalId, AgentTask task);
    }

    private final AgentCatalog catalog;
    private final Function<SkillDefinition, Skill> implementations;
    private final RunAgentTask tasks;
    private final Artifacts artifacts;
    private final ContentStore content;
    private final TokenMeter meter;
    private final long tokenCap;
    private final Clock clock;

    public ProposeBlueprint(AgentCatalog catalog, Function<SkillDefinition, Skill> implementations, RunAgentTask tasks, Artifacts artifacts,
                            ContentStore content, TokenMeter meter, long tokenCap, Clock clock) {
        this.catalog = catalog;
        this.implementations = implementations;
        this.tasks = tasks;
        this.artifacts = artifacts;
        this.content = content;
        this.meter = meter;
        this.tokenCap = tokenCap;
        this.clock = clock;
    }

    public Outcome propose(Request request) {
        Intent.Check check = Intent.check(request.text());
        if (check instanceof Intent.Check.Refused refused) {
            return new Outcome.Refused(refused.problems());
        }
        Intent intent = ((Intent.Check.Accepted) check).intent();
        Optional<String> name = request.productName().map(String::strip).filter(n -> !n.isEmpty());
        if (name.isPresent() && (name.get().length() > 80 || !name.get().matches("[\\p{L}\\p{N} .&'-]+"))) {
            return new Outcome.Refused(List.of("the product name must be 1-80 letters, digits, spaces or . & ' -"));
        }
        AgentDefinition agent = catalog.requireAgent(AGENT);
        TenantId tenant = request.tenant();
        Instant now = clock.instant();
        String proposalId = Ids.sortable("prop", now);
        String traceId = "trace-" + Ids.random("x").substring(2);
        ContentRef ref = content.put(tenant, intent.text().getBytes(StandardCharsets.UTF_8));
        Artifact intentArtifact = artifacts.record(tenant, new Artifact(tenant.value(), Ids.derived("art", tenant.value(), proposalId,
                AgentArtifacts.INTENT), AgentArtifacts.INTENT, "intent.txt", null, null, proposalId, "1.0.0", ref.contentHash(), agent.id(), null,
                traceId, null, List.of(), ref.storageRef(), "Internal", "Received", now));
        TokenBudget budget = new TokenBudget(tokenCap);
        ObjectNode carried = Json.object();
        carried.put("intent", intent.text());
        name.ifPresent(n -> carried.put("productName", n));
        List<String> inputs = new ArrayList<>(List.of(intentArtifact.artifactId()));
        List<AgentTask> done = new ArrayList<>();
        RunAgentTask.Result.Completed last = null;
        for (String skillId : agent.skills()) {
            SkillDefinition skill = catalog.requireSkill(skillId);
            RunAgentTask.Result result = tasks.run(new RunAgentTask.Request(tenant, proposalId, traceId, agent, skill, implementations.apply(skill),
                    carried.deepCopy(), inputs, budget));
            done.add(result.task());
            meter.record(tenant, proposalId, result.task());
            if (result instanceof RunAgentTask.Result.Failed f) {
                return new Outcome.Failed(proposalId, skill.id() + " failed: " + f.reason(), f.problems(), done, total(done));
            }
            last = (RunAgentTask.Result.Completed) result;
            carried.set(outputKey(skill), last.output());
            inputs = new ArrayList<>(List.of(intentArtifact.artifactId(), last.outputArtifactId()));
        }
        if (last == null || last.blueprint().isEmpty()) {
            throw new IllegalStateException(agent.ref() + " has no skill whose guardrail is the blueprint (agents/" + agent.id() + ".yaml)");
        }
        return new Outcome.Proposed(proposalId, traceId, intentArtifact.artifactId(), last.outputArtifactId(), last.blueprint().get(), done,
                total(done));
    }

    /** The key a skill's output is handed on under: "vision" for ConnectSoft.Skill.ProductVision's ProductVision, and so on. */
    static String outputKey(SkillDefinition skill) {
        return switch (skill.produces()) {
            case AgentArtifacts.PRODUCT_VISION -> "vision";
            case AgentArtifacts.SOLUTION -> "solution";
            default -> "blueprint";
        };
    }

    private static TokenUse total(List<AgentTask> tasks) {
        return tasks.stream().map(AgentTask::tokens).reduce(TokenUse.NONE, TokenUse::plus);
    }
}
