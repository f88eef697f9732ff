package com.connectsoft.factory.agent;

import com.connectsoft.factory.agent.adapter.deterministic.DeterministicSkills;
import com.connectsoft.factory.agent.adapter.files.AgentDefinitionFiles;
import com.connectsoft.factory.agent.adapter.model.ChatModelSkill;
import com.connectsoft.factory.agent.adapter.store.DocumentAgentTasks;
import com.connectsoft.factory.agent.application.ProposeBlueprint;
import com.connectsoft.factory.agent.application.RunAgentTask;
import com.connectsoft.factory.agent.application.Skill;
import com.connectsoft.factory.agent.domain.AgentCatalog;
import com.connectsoft.factory.agent.domain.AgentDefinition;
import com.connectsoft.factory.agent.domain.AgentTask;
import com.connectsoft.factory.agent.domain.AgentTasks;
import com.connectsoft.factory.agent.domain.ContextSource;
import com.connectsoft.factory.agent.domain.SkillDefinition;
import com.connectsoft.factory.agent.domain.TokenBudget;
import com.connectsoft.factory.artifact.domain.Artifacts;
import com.connectsoft.factory.blueprint.domain.BlueprintReaders;
import com.connectsoft.factory.platform.bus.PoisonEventException;
import com.connectsoft.factory.platform.content.ContentStore;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.platform.store.DocumentStore;
import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.shared.domain.Ids;
import com.connectsoft.factory.shared.domain.TenantId;
import com.connectsoft.factory.usage.domain.UsageRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The agent mesh wired: the definitions of the factory home (checked when loaded), each skill's implementation (the
 * chat model when one is configured, else the deterministic one), the recorded tasks, token metering and the
 * proposal use case; and one capability bean per skill, which performs the skill for a command from the bus.
 */
public final class AgentConfiguration {
    /** The usage meter of agent tokens (UsageRecorded, per tenant and proposal). */
    public static final String TOKENS_METER = "agent-tokens";

    private final AgentSettings settings;
    private final AgentCatalog catalog;
    private final AgentTasks tasks;
    private final RunAgentTask runTask;
    private final DocumentStore store;
    private final Clock clock;
    private final Function<SkillDefinition, Skill> implementations;

    public record Stores(DocumentStore store, Artifacts artifacts, ContentStore content, ContextSource context, BlueprintReaders readers) {
    }

    public AgentConfiguration(AgentSettings settings, Stores stores, Clock clock) {
        this(settings, stores, clock, settings.replayFrom().map(com.connectsoft.factory.agent.adapter.model.ModelExchanges::replaying)
                .or(() -> settings.model().map(AgentConfiguration::chatModel)
                        .map(m -> settings.recordTo().map(f -> com.connectsoft.factory.agent.adapter.model.ModelExchanges.recording(m, f)).orElse(m))));
    }

    /** With this chat model instead of the one the settings name (tests: a scripted model). */
    public AgentConfiguration(AgentSettings settings, Stores stores, Clock clock, Optional<ChatModel> model) {
        this.settings = settings;
        this.catalog = AgentDefinitionFiles.load(settings.home());
        this.tasks = new DocumentAgentTasks(stores.store());
        this.store = stores.store();
        this.clock = clock;
        this.runTask = new RunAgentTask(new RunAgentTask.Dependencies(tasks, stores.artifacts(), stores.content(), stores.context(),
                stores.readers(), clock));
        Skill deterministic = new DeterministicSkills();
        this.usesModel = model.isPresent();
        Optional<Skill> modelSkill = model.map(m -> new ChatModelSkill(m, settings.model().map(AgentSettings.Model::deployment)
                .orElse(settings.replayFrom().isPresent() ? "replay" : "scripted")));
        this.implementations = skill -> modelSkill.orElseGet(() -> {
            if (!DeterministicSkills.performs(skill)) {
                throw new IllegalStateException(skill.id() + " has no implementation without a model: set FACTORY_AGENT_MODEL_ENDPOINT");
            }
            return deterministic;
        });
        this.proposeBlueprint = new ProposeBlueprint(catalog, implementations, runTask, stores.artifacts(), stores.content(), this::meter,
                settings.runTokenCap(), clock);
    }

    private final ProposeBlueprint proposeBlueprint;
    private final boolean usesModel;

    /** Whether a chat model (or a replay of one) performs the skills: their answers cost tokens, metered on the bus. */
    public boolean usesModel() {
        return usesModel;
    }

    static ChatModel chatModel(AgentSettings.Model m) {
        OpenAiChatModel.OpenAiChatModelBuilder b = OpenAiChatModel.builder().modelName(m.deployment()).apiKey(m.key())
                .timeout(java.time.Duration.ofMinutes(2)).maxRetries(1);
        if (m.provider() == AgentSettings.Provider.AZURE_OPENAI) {
            String base = m.endpoint().replaceAll("/+$", "");
            b.baseUrl(base.endsWith("/openai/v1") ? base : base + "/openai/v1").customHeaders(Map.of("api-key", m.key()));
        } else {
            b.baseUrl(m.endpoint());
        }
        return b.build();
    }

    public AgentCatalog catalog() {
        return catalog;
    }

    public AgentTasks tasks() {
        return tasks;
    }

    public ProposeBlueprint propose() {
        return proposeBlueprint;
    }

    public AgentSettings settings() {
        return settings;
    }

    /** "deterministic" or "model:<deployment>": what performs the skills here. */
    public String implementation() {
        return catalog.skills().isEmpty() ? "none" : implementations.apply(catalog.skills().get(0)).implementation();
    }

    /** A UsageRecorded event for a task's tokens, once per task (its id derives from the task). */
    private void meter(TenantId tenant, String proposalId, AgentTask task) {
        if (task.tokens().total() == 0) {
            return;
        }
        UsageRecord u = new UsageRecord(tenant.value(), Ids.derived("use", tenant.value(), proposalId, TOKENS_METER, task.taskId()), proposalId,
                null, TOKENS_METER, task.tokens().total(), "tokens", clock.instant());
        Envelope e = new Envelope(Ids.derived("evt", tenant.value(), proposalId, "UsageRecorded", task.taskId()), "UsageRecorded",
                tenant.value(), null, null, "trace-" + proposalId, "corr-" + proposalId, null, clock.instant(), 1, Json.payload(u));
        store.transact(tenant, tx -> {
            tx.publish(e);
            return null;
        });
    }

    /**
     * The capability bean of each skill, by registry name: it performs the skill for one command
     * ({@code {"proposalId", "agent", "input", "inputArtifactIds"}}) as a recorded task and replies with the skill's result
     * event (the task, its state and output artifact). A redelivered command finds its completed task and answers again.
     */
    public Map<String, Function<Envelope, List<Envelope>>> skillSteps() {
        Map<String, Function<Envelope, List<Envelope>>> beans = new LinkedHashMap<>();
        for (SkillDefinition skill : catalog.skills()) {
            beans.put(skill.capability(), command -> perform(skill, command));
        }
        return beans;
    }

    private List<Envelope> perform(SkillDefinition skill, Envelope command) {
        JsonNode body = Json.tree(command.payload());
        String proposalId = body.path("proposalId").asText("");
        String agentId = body.path("agent").asText(ProposeBlueprint.AGENT);
        if (!proposalId.matches("[a-z]+-[a-z0-9-]{1,80}") || !body.path("input").isObject()) {
            throw new PoisonEventException(command.eventType() + " " + command.eventId() + ": needs a proposalId and an input object");
        }
        AgentDefinition agent = catalog.agent(agentId).orElseThrow(() -> new PoisonEventException("no agent " + agentId));
        if (!agent.skills().contains(skill.id())) {
            throw new PoisonEventException(agentId + " is not bound to " + skill.id());
        }
        TenantId tenant = command.tenant();
        Optional<AgentTask> earlier = tasks.find(tenant, RunAgentTask.taskId(tenant, proposalId, skill.id())).filter(t -> t.state().terminal());
        AgentTask task;
        if (earlier.isPresent()) {
            task = earlier.get();
        } else {
            List<String> inputs = new ArrayList<>();
            body.path("inputArtifactIds").forEach(n -> inputs.add(n.asText()));
            RunAgentTask.Result r = runTask.run(new RunAgentTask.Request(tenant, proposalId, command.traceId(), agent, skill,
                    implementations.apply(skill), (ObjectNode) body.get("input"), inputs, new TokenBudget(settings.runTokenCap())));
            task = r.task();
            meter(tenant, proposalId, task);
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("proposalId", proposalId);
        reply.put("taskId", task.taskId());
        reply.put("state", task.state());
        reply.put("outputArtifactId", task.outputArtifactId());
        reply.put("reason", task.reason());
        reply.put("problems", task.problems());
        reply.put("tokens", task.tokens().total());
        return List.of(new Envelope(Ids.derived("evt", command.eventId(), skill.resultEvent()), skill.resultEvent(), command.tenantId(),
                command.projectId(), command.moduleId(), command.traceId(), command.correlationId(), command.eventId(), clock.instant(), 1,
                Json.payload(reply)));
    }
}
