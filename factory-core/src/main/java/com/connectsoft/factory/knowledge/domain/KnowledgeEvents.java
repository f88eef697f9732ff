package com.connectsoft.factory.knowledge.domain;

import java.util.Set;

/** The events the knowledge-index capability takes: a run's intake, each rendered module, and the run's end. */
public final class KnowledgeEvents {
    public static final String BLUEPRINT_ACCEPTED = "BlueprintAccepted";
    public static final String MODULE_RENDERED = "ModuleRendered";
    public static final String RUN_COMPLETED = "FactoryRunCompleted";
    public static final String RUN_FAILED = "FactoryRunFailed";
    public static final String RUN_CANCELLED = "FactoryRunCancelled";
    public static final Set<String> ALL = Set.of(BLUEPRINT_ACCEPTED, MODULE_RENDERED, RUN_COMPLETED, RUN_FAILED, RUN_CANCELLED);

    private KnowledgeEvents() {
    }
}
