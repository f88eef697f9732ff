package com.connectsoft.factory.orchestration.local;

import java.util.List;
import java.util.Optional;

/**
 * Where the local backend keeps its instances: partitioned (the factory partitions by tenant, and every instance of a
 * run lives in its tenant's partition), written in transactions guarded by each instance's etag.
 */
public interface InstanceStore {
    Optional<Versioned> load(String partition, String instanceId);

    /**
     * Writes every change together or none: a change with no expected etag creates the instance (and fails if it
     * exists), one with an etag replaces it only if it is still at that etag.
     *
     * @throws InstanceConflictException when an instance exists or changed meanwhile; nothing was written
     */
    void commit(String partition, List<Change> changes);

    /** Every instance not completed, failed or terminated, in every partition. */
    List<Versioned> unfinished();

    /** Every instance of a partition whose id starts with the prefix (a run's instances share its run id). */
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
