package com.connectsoft.factory.run.domain;

import com.connectsoft.factory.run.vocabulary.BranchStatus;
import com.connectsoft.factory.run.vocabulary.RunStatus;
import java.util.List;

/**
 * Something a run's transition made true, which the world is told about (the application publishes each as an event
 * whose id derives from the run and the fact, so publishing it again is a no-op).
 */
public sealed interface RunFact {
    /** A stage ended for every module. */
    record StageCompleted(StageRecord stage) implements RunFact {
    }

    /** Consumption to meter once: {@code key} makes it unique within the run. */
    record UsageIncurred(String meter, long quantity, String unit, String key) implements RunFact {
    }

    record ApprovalRequested(String moduleId, List<String> reasons) implements RunFact {
        public ApprovalRequested {
            reasons = List.copyOf(reasons);
        }
    }

    record ApprovalAnswered(String moduleId, boolean approved, String by, String comment) implements RunFact {
    }

    record Compensated(int artifactsRemoved, String summary) implements RunFact {
    }

    /** How one module's branch ended, as the run's end reports it. */
    record ModuleEnd(String moduleId, BranchStatus status, String stage) {
    }

    record Ended(RunStatus status, long durationMs, List<ModuleEnd> modules) implements RunFact {
        public Ended {
            modules = List.copyOf(modules);
        }
    }
}
