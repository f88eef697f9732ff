package com.connectsoft.factory.knowledge.domain;

import java.util.Set;

/**
 * The events the knowledge-index capability takes: a run's completed stages (it indexes once the governance stage
 * is done, while the modules build) and the run's end.
 */
public final class KnowledgeEvents {
    public static final String STAGE_COMPLETED = "FactoryRunStageCompleted";
    public static final String RUN_COMPLETED = "FactoryRunCompleted";
    public static final String RUN_FAILED = "FactoryRunFailed";
    public static final String RUN_CANCELLED = "FactoryRunCancelled";
    public static final Set<String> ALL = Set.of(STAGE_COMPLETED, RUN_COMPLETED, RUN_FAILED, RUN_CANCELLED);

    private KnowledgeEvents() {
    }
}
