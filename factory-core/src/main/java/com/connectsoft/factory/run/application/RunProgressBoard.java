package com.connectsoft.factory.run.application;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a process that started a run (the CLI) listens to its progress. Only listeners in this process hear it;
 * a run whose results are applied elsewhere is followed through its stored record instead.
 */
public final class RunProgressBoard {
    private final Map<String, RunProgress> listeners = new ConcurrentHashMap<>();

    public void listen(String runId, RunProgress progress) {
        if (progress != RunProgress.SILENT) {
            listeners.put(runId, progress);
        }
    }

    public void forget(String runId) {
        listeners.remove(runId);
    }

    public RunProgress of(String runId) {
        return listeners.getOrDefault(runId, RunProgress.SILENT);
    }
}
