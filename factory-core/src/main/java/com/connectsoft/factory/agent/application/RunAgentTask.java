package com.connectsoft.factory.agent.application;

import com.connectsoft.factory.agent.domain.AgentArtifacts;
import com.connectsoft.factory.agent.domain.AgentDefinition;
import com.connectsoft.factory.agent.domain.AgentTask;
import com.connectsoft.factory.agent.domain.AgentTasks;
import com.connectsoft.factory.agent.domain.ContextSource;
import com.connectsoft.factory.agent.domain.SkillDefinition;
import com.connectsoft.factory.agent.domain.TaskState;
import com.connectsoft.factory.agent.domain.TokenBudget;
import com.connectsoft.factory.artifact.domain.Artifact;
import com.connectsoft.factory.artifact.domain.Artifacts;
import com.connectsoft.factory.blueprint.domain.Blueprint;
import com.connectsoft.factory.blueprint.domain.BlueprintReaders;
import com.connectsoft.factory.blueprint.domain.ParseOutcome;
import com.connectsoft.factory.blueprint.domain.Problem;
import com.connectsoft.factory.platform.content.ContentRef;
import com.connectsoft.factory.platform.content.ContentStore;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.shared.domain.Ids;
import com.connectsoft.factory.shared.domain.TenantId;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Performs one skill for one agent as a recorded task: Assigned, ContextLoading (the knowledge index, in the tenant's
 * and the platform's scope, what it retrieved recorded), Executing, Validating (the output schema and, for a
 * blueprint, the blueprint reader and rules), then Completed with its output recorded as an artifact, or Correcting
 * (the answer goes back with its located problems) at most the agent's correction rounds, then Failed with the
 * problems. A model that fails, times out or would cross the run's token cap fails the task with the reason; nothing
 * of a failed task's answer is used.
 */
public final class RunAgentTask {
    private static final Logger LOG = Logger.getLogger(RunAgentTask.class.getName());
    /** Snippets retrieved for a task, and characters of each given to the skill. */
    static final int CONTEXT_HITS = 5;
    static final int CONTEXT_CHARS = 300;

    public record Dependencies(AgentTasks tasks, Artifacts artifacts, ContentStore content, ContextSource context, BlueprintReaders readers,
                               Clock clock) {
    }

    public record Request(TenantId tenant, String proposalId, String traceId, AgentDefinition agent, SkillDefinition skill, Skill implementation,
                          ObjectNode input, List<String> inputArtifactIds, TokenBudget budget) {
        public Request {
            inputArtifactIds = List.copyOf(inputArtifactIds);
        }
    }

    public sealed interface Result {
        AgentTask task();

        record Completed(AgentTask task, JsonNode output, Optional<Accepted> blueprint, String outputArtifactId) implements Result {
        }

        record Failed(AgentTask task, String reason, List<String> problems) implements Result {
            public Failed {
                problems = List.copyOf(problems);
            }
        }
    }

    /** A blueprint answer the reader accepted: its YAML, the blueprint and the reader's warnings. */
    public record Accepted(String yaml, Blueprint blueprint, List<Problem> warnings) {
    }

    private final Dependencies d;

    public RunAgentTask(Dependencies d) {
        this.d = d;
    }

    public static String taskId(TenantId tenant, String proposalId, String skillId) {
        return Ids.derived("task", tenant.value(), proposalId, skillId);
    }

    public Result run(Request r) {
        TenantId tenant = r.tenant();
        AgentTask task = AgentTask.assigned(tenant.value(), taskId(tenant, r.proposalId(), r.skill().id()), r.proposalId(), r.agent().ref(),
                r.skill().ref(), r.implementation().implementation(), r.inputArtifactIds().isEmpty() ? null : r.inputArtifactIds().get(0), now());
        save(task);
        task = task.to(TaskState.CONTEXT_LOADING, now(), "");
        save(task);
        ObjectNode input = r.input().deepCopy();
        List<String> inputs = new ArrayList<>(r.inputArtifactIds());
        List<ContextSource.Snippet> snippets = loadContext(r, input);
        if (!snippets.isEmpty()) {
            ArrayNode ctx = Json.mapper().createArrayNode();
            snippets.forEach(s -> ctx.addObject().put("id", s.id()).put("kind", s.kind()).put("title", s.title())
                    .put("text", s.text().length() > CONTEXT_CHARS ? s.text().substring(0, CONTEXT_CHARS) : s.text()));
            input.set("context", ctx);
            inputs.add(record(r, AgentArtifacts.AGENT_CONTEXT, "context-" + r.skill().id() + ".json",
                    Json.pretty(ctx).getBytes(StandardCharsets.UTF_8), List.of(), "Retrieved").artifactId());
        }
        task = task.withContext(snippets.stream().map(ContextSource.Snippet::id).toList());
        List<String> inputProblems = SkillContract.checkInput(r.skill(), input);
        if (!inputProblems.isEmpty()) {
            throw new IllegalStateException("the input built for " + r.skill().id() + " breaks its schema: " + inputProblems);
        }
        JsonNode previous = null;
        List<String> problems = List.of();
        int rounds = r.agent().modelPolicy().correctionRounds();
        while (true) {
            task = task.to(TaskState.EXECUTING, now(), task.attempts() == 0 ? "" : "correcting " + problems.size() + " problem(s)");
            save(task);
            long estimate = estimate(r, input, previous, problems);
            if (r.implementation().metered() && r.budget().wouldCross(estimate)) {
                String why = "the run's token cap of " + r.budget().cap() + " would be crossed: " + r.budget().used()
                        + " used, the next answer needs up to " + estimate + " (FACTORY_AGENT_RUN_TOKEN_CAP)";
                return fail(task, why, problems);
            }
            Skill.SkillAnswer answer = null;
            for (int call = 0; call <= r.agent().modelPolicy().retries(); call++) {
                if (call > 0 && r.implementation().metered() && r.budget().wouldCross(estimate)) {
                    break;
                }
                answer = r.implementation().perform(new Skill.SkillRequest(tenant, r.skill(), input, task.attempts(), previous,
                        problems, r.agent().modelPolicy().maxOutputTokens(), r.agent().modelPolicy().timeout()));
                r.budget().spend(answer.tokens());
                task = task.used(answer.tokens());
                if (answer instanceof Skill.SkillAnswer.Answered) {
                    break;
                }
            }
            if (answer instanceof Skill.SkillAnswer.Unavailable u) {
                return fail(task, u.reason(), problems);
            }
            JsonNode output = ((Skill.SkillAnswer.Answered) answer).output();
            task = task.to(TaskState.VALIDATING, now(), "");
            save(task);
            problems = SkillContract.checkOutput(r.skill(), output);
            Optional<Accepted> accepted = Optional.empty();
            if (problems.isEmpty() && r.skill().guardrail() == SkillDefinition.Guardrail.BLUEPRINT) {
                String yaml = BlueprintDraft.yaml(output, "Proposed by " + r.agent().ref() + " (" + r.implementation().implementation()
                        + ") for proposal " + r.proposalId() + ".\nCheck it with ./factory validate; generate it with ./factory generate.");
                ParseOutcome parsed = d.readers().read(BlueprintDraft.FILE, yaml.getBytes(StandardCharsets.UTF_8));
                if (parsed instanceof ParseOutcome.Rejected rejected) {
                    problems = BlueprintDraft.locate(yaml, rejected.problems());
                } else {
                    ParseOutcome.Accepted a = (ParseOutcome.Accepted) parsed;
                    accepted = Optional.of(new Accepted(yaml, a.blueprint(), a.warnings()));
                }
            }
            if (problems.isEmpty()) {
                byte[] bytes = accepted.map(a -> a.yaml().getBytes(StandardCharsets.UTF_8))
                        .orElseGet(() -> Json.pretty(output).getBytes(StandardCharsets.UTF_8));
                String type = r.skill().produces();
                String name = accepted.isPresent() ? BlueprintDraft.FILE : type + ".json";
                Artifact out = record(r, type, name, bytes, inputs, "Validated");
                task = task.completed(out.artifactId(), now());
                save(task);
                return new Result.Completed(task, output, accepted, out.artifactId());
            }
            task = task.withProblems(problems);
            if (task.attempts() > rounds) {
                return fail(task, "the answer still had " + problems.size() + " problem(s) after " + rounds + " correction round(s)", problems);
            }
            task = task.to(TaskState.CORRECTING, now(), problems.size() + " problem(s)");
            save(task);
            previous = output;
        }
    }

    private Result fail(AgentTask task, String why, List<String> problems) {
        AgentTask failed = task.withProblems(problems).failed(why, now());
        save(failed);
        LOG.log(Level.INFO, "agent-task-failed tenant={0} task={1} skill={2} attempts={3} problems={4}",
                new Object[] {failed.tenantId(), failed.taskId(), failed.skillId(), failed.attempts(), problems.size()});
        return new Result.Failed(failed, why, problems);
    }

    private List<ContextSource.Snippet> loadContext(Request r, ObjectNode input) {
        boolean tenantScope = r.agent().permissions().mayRead("knowledge:tenant");
        boolean platformScope = r.agent().permissions().mayRead("knowledge:platform");
        if (!tenantScope && !platformScope) {
            return List.of();
        }
        String q = input.path("intent").asText("").strip();
        if (q.isEmpty()) {
            return List.of();
        }
        String query = q.length() > 480 ? q.substring(0, 480) : q;
        return d.context().retrieve(r.tenant(), query, CONTEXT_HITS).stream()
                .filter(s -> "platform".equals(s.kind()) ? platformScope : tenantScope)
                .toList();
    }

    /** Up to how many tokens the next call may use: its prompt (about 4 characters a token) and the answer's limit. */
    private static long estimate(Request r, JsonNode input, JsonNode previous, List<String> problems) {
        long chars = Json.write(input).length() + r.skill().outputSchema().length() + r.skill().description().length()
                + (previous == null ? 0 : Json.write(previous).length()) + problems.stream().mapToInt(String::length).sum();
        return chars / 4 + r.agent().modelPolicy().maxOutputTokens();
    }

    private Artifact record(Request r, String type, String name, byte[] bytes, List<String> inputs, String status) {
        if (!r.agent().permissions().mayWrite(type)) {
            throw new IllegalStateException(r.agent().id() + " may not write " + type + " artifacts (its permissions.writes)");
        }
        ContentRef ref = d.content().put(r.tenant(), bytes);
        Artifact a = new Artifact(r.tenant().value(), Ids.derived("art", r.tenant().value(), r.proposalId(), type, r.skill().id()), type, name,
                null, null, r.proposalId(), "1.0.0", ref.contentHash(), r.agent().id(), r.skill().id(), r.traceId(), null, inputs,
                ref.storageRef(), "Internal", status, now());
        return d.artifacts().record(r.tenant(), a);
    }

    private void save(AgentTask t) {
        d.tasks().save(TenantId.of(t.tenantId()), t);
    }

    private Instant now() {
        return d.clock().instant();
    }
}
