package com.connectsoft.factory.orchestration.local;

import java.util.List;
import java.util.Optional;

/**
 * Where the local backend keeps its instances: partitioned (the factory partitions by tenant, and every instance of a
 * run lives in its tenant's partition), written in transactions guarded by each instance's etag.
 *
 * <p>Isolation: an instance is found only in its own partition (the same id in two partitions is two instances), and a
 * commit to one partition refuses a state of another. Concurrency: every write changes the etag, and a write at a
 * stale etag fails, so of two writers that read the same version exactly one commits; the local backend's dedupe of
 * external events (the keys in {@link InstanceState#raised()}) rests on this.
 */
public interface InstanceStore {
    Optional<Versioned> load(String partition, String instanceId);

    /**
     * Writes every change together or none: a change with no expected etag creates the instance (and fails if it
     * exists), one with an etag replaces it only if it is still at that etag.
     *
     * @throws InstanceConflictException when an instance exists or changed meanwhile; nothing was written
     * @throws IllegalArgumentException   when a change's state belongs to another partition; nothing was written
     */
    void commit(String partition, List<Change> changes);

    /** Every instance not completed, failed or terminated, in every partition (each state names its partition). */
    List<Versioned> unfinished();

    /**
     * The instances of one run in a partition: ids are the run id and "runId:moduleId", and {@code idPrefix} is a run
     * id, optionally followed by ':' and the start of a module id. An instance is listed when its run id (its id up to
     * the first ':') is the prefix's and its id starts with the prefix, so run "run-1" never lists run "run-10".
     */
    List<Versioned> list(String partition, String idPrefix);

    record Versioned(InstanceState state, String etag) {
    }

    record Change(InstanceState state, String expectedEtag) {
        public static Change create(InstanceState s) {
            return new Change(s, null);
        }
    }

    /** Someone else wrote first: read again and retry. */
    final class InstanceConflictException extends RuntimeException {
        public InstanceConflictException(String message) {
            super(message);
        }
    }
}
