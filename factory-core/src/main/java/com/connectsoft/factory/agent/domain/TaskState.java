package com.connectsoft.factory.agent.domain;

import java.util.Set;

/**
 * The lifecycle of an agent task: Assigned → ContextLoading → Executing → Validating → Completed, or from Validating to
 * Correcting (back to Executing with the located problems) and, after the bounded rounds or when the model fails,
 * Failed. {@link #next(TaskState)} refuses any other step.
 */
public enum TaskState {
    ASSIGNED, CONTEXT_LOADING, EXECUTING, VALIDATING, CORRECTING, COMPLETED, FAILED;

    public boolean terminal() {
        return this == COMPLETED || this == FAILED;
    }

    public Set<TaskState> successors() {
        return switch (this) {
            case ASSIGNED -> Set.of(CONTEXT_LOADING, FAILED);
            case CONTEXT_LOADING -> Set.of(EXECUTING, FAILED);
            case EXECUTING -> Set.of(VALIDATING, FAILED);
            case VALIDATING -> Set.of(COMPLETED, CORRECTING, FAILED);
            case CORRECTING -> Set.of(EXECUTING, FAILED);
            case COMPLETED, FAILED -> Set.of();
        };
    }

    public TaskState next(TaskState to) {
        if (!successors().contains(to)) {
            throw new IllegalStateException("an agent task cannot go from " + this + " to " + to);
        }
        return to;
    }

    /** The display form: ContextLoading. */
    public String display() {
        StringBuilder b = new StringBuilder();
        for (String w : name().split("_")) {
            b.append(w.charAt(0)).append(w.substring(1).toLowerCase(java.util.Locale.ROOT));
        }
        return b.toString();
    }
}
