package com.connectsoft.factory.capability;

import com.connectsoft.factory.governance.domain.DependencyAllowlistCheck;
import com.connectsoft.factory.platform.bus.DeadLetters;
import com.connectsoft.factory.governance.domain.SecretsCheck;
import com.connectsoft.factory.governance.domain.SensitiveDataCheck;
import com.connectsoft.factory.governance.domain.TenantIsolationCheck;
import com.connectsoft.factory.run.domain.RunEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one list of capabilities. Commands travel on {@link #COMMANDS}; results and domain events on {@link #EVENTS}.
 * The function app's {@code @FunctionName} bindings, the local host's dispatcher and the Pulumi subscriptions are
 * derived from (and tested against) this list. Adding a capability is one entry here and one function class.
 */
public final class CapabilityRegistry {
    /** Topic of command events (VerbNoun), each consumed by exactly one capability. */
    public static final String COMMANDS = "factory-commands";
    /** Topic of result and domain events (NounVerbPastTense). */
    public static final String EVENTS = "factory-events";
    /** App setting naming the Service Bus namespace (identity-based: {@code ServiceBusConnection__fullyQualifiedNamespace}). */
    public static final String CONNECTION = "ServiceBusConnection";

    public static final String TEMPLATE_RENDER = "template-render";
    public static final String GOVERNANCE_TENANT_ISOLATION = "governance-check-tenant-isolation";
    public static final String GOVERNANCE_SECRETS = "governance-check-secrets";
    public static final String GOVERNANCE_DEPENDENCY_ALLOWLIST = "governance-check-dependency-allowlist";
    public static final String GOVERNANCE_SENSITIVE_DATA = "governance-check-sensitive-data";
    public static final String BUILD_VALIDATE = "build-validate";
    public static final String GIT_PUBLISH = "git-publish";
    public static final String RUN_RELAY = "run-relay";
    public static final String USAGE_METER = "usage-meter";
    public static final String KNOWLEDGE_INDEX = "knowledge-index";
    public static final String FEEDBACK_INTAKE = "feedback-intake";
    /** The agent skills (skills/ConnectSoft.Skill.*.yaml name these capabilities; the factory refuses to start when they differ). */
    public static final String SKILL_PRODUCT_VISION = "skill-product-vision";
    public static final String SKILL_SOLUTION_DESIGN = "skill-solution-design";
    public static final String SKILL_DOMAIN_MODEL = "skill-domain-model";

    /**
     * App setting prefix naming the build jobs' Service Bus namespace for the function app's trigger on
     * {@link #BUILD_JOBS_DONE_QUEUE} ({@code BuildJobsConnection__fullyQualifiedNamespace}, identity-based).
     */
    public static final String BUILD_JOBS_CONNECTION = "BuildJobsConnection";
    /** Queue of {@code BuildJobRequested} messages: the function app sends (its identity), the build job receives (Listen rule). */
    public static final String BUILD_JOBS_QUEUE = "build-jobs";
    /** Queue of {@code BuildJobCompleted} messages: the build job sends (Send rule), the function app receives (its identity). */
    public static final String BUILD_JOBS_DONE_QUEUE = "build-jobs-done";
    /** The function receiving {@link #BUILD_JOBS_DONE_QUEUE}. */
    public static final String BUILD_JOB_COMPLETED_FUNCTION = "BuildJobCompleted";

    /** Governance check id → the command event that asks for it (one function per check). */
    public static final Map<String, String> GOVERNANCE_CHECKS;

    private static final List<Capability> ALL;
    private static final List<JobQueue> QUEUES = List.of(
            new JobQueue(BUILD_JOBS_QUEUE, BUILD_JOBS_CONNECTION, Optional.empty(), Duration.ofMinutes(5), 3, Duration.ofDays(1),
                    "Builds handed to the build job (a Container Apps job with no identity): ids, limits and SAS URLs. Each"
                            + " request expires with the run's step timeout (its own time to live), after which the run sends the step again."),
            new JobQueue(BUILD_JOBS_DONE_QUEUE, BUILD_JOBS_CONNECTION, Optional.of(BUILD_JOB_COMPLETED_FUNCTION), Duration.ofMinutes(2), 5,
                    Duration.ofDays(1), "A build job's answer (tenant and job id only): the function app records its report and log"
                            + " and replies ModuleValidated to the run."));

    static {
        Map<String, String> checks = new LinkedHashMap<>();
        checks.put(TenantIsolationCheck.ID, RunEvents.CHECK_TENANT_ISOLATION);
        checks.put(SecretsCheck.ID, RunEvents.CHECK_SECRETS);
        checks.put(DependencyAllowlistCheck.ID, RunEvents.CHECK_DEPENDENCY_ALLOWLIST);
        checks.put(SensitiveDataCheck.ID, RunEvents.CHECK_SENSITIVE_DATA);
        GOVERNANCE_CHECKS = java.util.Collections.unmodifiableMap(checks);

        List<Capability> all = new ArrayList<>();
        all.add(new Capability(TEMPLATE_RENDER, "TemplateRender", COMMANDS, TEMPLATE_RENDER, Set.of(RunEvents.RENDER_MODULE),
                Set.of(RunEvents.MODULE_RENDERED), Duration.ofMinutes(5), 5,
                "Renders one blueprint module from its governed template; the files go to the artifact store."));
        all.add(new Capability(GOVERNANCE_TENANT_ISOLATION, "GovernanceCheckTenantIsolation", COMMANDS, GOVERNANCE_TENANT_ISOLATION,
                Set.of(RunEvents.CHECK_TENANT_ISOLATION), Set.of(RunEvents.POLICY_DECISION_RECORDED), Duration.ofMinutes(2), 5,
                "Checks that every generated data access is scoped to the tenant."));
        all.add(new Capability(GOVERNANCE_SECRETS, "GovernanceCheckSecrets", COMMANDS, GOVERNANCE_SECRETS,
                Set.of(RunEvents.CHECK_SECRETS), Set.of(RunEvents.POLICY_DECISION_RECORDED), Duration.ofMinutes(2), 5,
                "Checks generated files for secret material."));
        all.add(new Capability(GOVERNANCE_DEPENDENCY_ALLOWLIST, "GovernanceCheckDependencyAllowlist", COMMANDS,
                GOVERNANCE_DEPENDENCY_ALLOWLIST, Set.of(RunEvents.CHECK_DEPENDENCY_ALLOWLIST), Set.of(RunEvents.POLICY_DECISION_RECORDED),
                Duration.ofMinutes(2), 5, "Checks the generated build's dependencies against the allowlist policy."));
        all.add(new Capability(GOVERNANCE_SENSITIVE_DATA, "GovernanceCheckSensitiveData", COMMANDS, GOVERNANCE_SENSITIVE_DATA,
                Set.of(RunEvents.CHECK_SENSITIVE_DATA), Set.of(RunEvents.POLICY_DECISION_RECORDED), Duration.ofMinutes(2), 5,
                "Asks for a human's approval when generated entities store special personal data (policy list)."));
        all.add(new Capability(BUILD_VALIDATE, "BuildValidate", COMMANDS, BUILD_VALIDATE, Set.of(RunEvents.VALIDATE_MODULE),
                Set.of(RunEvents.MODULE_VALIDATED), Duration.ofMinutes(20), 3,
                "Builds one generated module and runs its tests in a sandbox directory, within a time limit."));
        all.add(new Capability(GIT_PUBLISH, "GitPublish", COMMANDS, GIT_PUBLISH, Set.of(RunEvents.PUBLISH_PROJECT),
                Set.of(RunEvents.COMMIT_CREATED), Duration.ofMinutes(5), 5,
                "Commits every module of a run to the project's git repository on the run's branch."));
        all.add(new Capability(RUN_RELAY, "RunRelay", EVENTS, RUN_RELAY,
                Set.of(RunEvents.MODULE_RENDERED, RunEvents.POLICY_DECISION_RECORDED, RunEvents.MODULE_VALIDATED, RunEvents.COMMIT_CREATED,
                        DeadLetters.EVENT_TYPE),
                Set.of(),
                Duration.ofMinutes(2), 10, "Hands each step's result (or its dead-lettered command) to the run's orchestration instance"
                        + " waiting for it, as an external event."));
        all.add(new Capability(USAGE_METER, "UsageMeter", EVENTS, USAGE_METER, Set.of(RunEvents.USAGE_RECORDED), Set.of(),
                Duration.ofMinutes(1), 10, "Records consumption in the tenant's usage ledger, once per usage id."));
        all.add(new Capability(KNOWLEDGE_INDEX, "KnowledgeIndex", EVENTS, KNOWLEDGE_INDEX,
                com.connectsoft.factory.knowledge.domain.KnowledgeEvents.ALL, Set.of(), Duration.ofMinutes(2), 10,
                "Indexes a tenant's blueprints, generated modules and run outcomes for search, in the tenant's scope only."));
        all.add(new Capability(FEEDBACK_INTAKE, "FeedbackIntake", EVENTS, FEEDBACK_INTAKE,
                Set.of(com.connectsoft.factory.integration.application.WebhookIntake.EVENT_TYPE), Set.of(), Duration.ofMinutes(1), 10,
                "Turns a tenant's webhook events (pipeline builds, pushes, Azure Monitor alerts) into feedback items linked to the run,"
                        + " module, artifact and template version that produced the module, once per event."));
        all.add(new Capability(SKILL_PRODUCT_VISION, "SkillProductVision", COMMANDS, SKILL_PRODUCT_VISION, Set.of("DraftProductVision"),
                Set.of("ProductVisionDrafted"), Duration.ofMinutes(5), 3,
                "Agent skill ConnectSoft.Skill.ProductVision: intent -> purpose, actors, capabilities and concepts, as a recorded task."));
        all.add(new Capability(SKILL_SOLUTION_DESIGN, "SkillSolutionDesign", COMMANDS, SKILL_SOLUTION_DESIGN, Set.of("DesignSolution"),
                Set.of("SolutionDesigned"), Duration.ofMinutes(5), 3,
                "Agent skill ConnectSoft.Skill.SolutionDesign: product vision -> modules (bounded contexts), as a recorded task."));
        all.add(new Capability(SKILL_DOMAIN_MODEL, "SkillDomainModel", COMMANDS, SKILL_DOMAIN_MODEL, Set.of("ModelDomain"),
                Set.of("DomainModeled"), Duration.ofMinutes(10), 3,
                "Agent skill ConnectSoft.Skill.DomainModel: modules -> a blueprint the blueprint rules accept (at most 3 correction rounds)."));
        ALL = List.copyOf(all);
        check(ALL);
    }

    private CapabilityRegistry() {
    }

    public static List<Capability> all() {
        return ALL;
    }

    /** The queues outside the capability topics (the build jobs'). */
    public static List<JobQueue> queues() {
        return QUEUES;
    }

    public static JobQueue queue(String name) {
        return QUEUES.stream().filter(q -> q.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no queue '" + name + "' in the registry"));
    }

    public static Optional<Capability> find(String name) {
        return ALL.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public static Capability get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("no capability '" + name + "' in the registry"));
    }

    /** The topic an event is sent to: commands (consumed by a capability on the commands topic) or events. */
    public static String topicFor(String eventType) {
        return ALL.stream().anyMatch(c -> c.topic().equals(COMMANDS) && c.accepts(eventType)) ? COMMANDS : EVENTS;
    }

    /** The topic a capability's subscription is on, or null when no capability has that subscription. */
    public static String topicOfSubscription(String subscription) {
        return ALL.stream().filter(c -> c.subscription().equals(subscription)).map(Capability::topic).findFirst().orElse(null);
    }

    /** The longest time any capability may take for one delivery (the function app's functionTimeout must cover it). */
    public static Duration longestTimeout() {
        return ALL.stream().map(Capability::timeout).max(Duration::compareTo).orElseThrow();
    }

    /** Names, functions and subscriptions are unique; each command has exactly one consumer. */
    static void check(List<Capability> list) {
        Set<String> names = new java.util.HashSet<>();
        Set<String> functions = new java.util.HashSet<>();
        Set<String> subscriptions = new java.util.HashSet<>();
        Map<String, String> commandOwner = new java.util.HashMap<>();
        for (Capability c : list) {
            if (!names.add(c.name()) || !functions.add(c.functionName()) || !subscriptions.add(c.topic() + "/" + c.subscription())) {
                throw new IllegalStateException("capability " + c.name() + " repeats a name, function or subscription");
            }
            if (c.topic().equals(COMMANDS)) {
                for (String t : c.inputEventTypes()) {
                    String other = commandOwner.put(t, c.name());
                    if (other != null) {
                        throw new IllegalStateException("command " + t + " is consumed by both " + other + " and " + c.name());
                    }
                }
            }
        }
        for (JobQueue q : QUEUES) {
            if (q.functionName().isPresent() && !functions.add(q.functionName().get())) {
                throw new IllegalStateException("queue " + q.name() + " repeats the function " + q.functionName().get());
            }
        }
    }
}
