package com.connectsoft.factory.orchestration;

import com.connectsoft.factory.orchestration.local.InstanceState;
import com.connectsoft.factory.orchestration.local.InstanceStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The instance store in memory, for the orchestration tests; it passes the same contract as the factory's (InstanceStoreContract). */
final class InMemoryInstanceStore implements InstanceStore {
    private final Map<String, Versioned> docs = new HashMap<>();
    private long version;

    private static String key(String partition, String id) {
        return partition + "\u0000" + id;
    }

    @Override
    public synchronized Optional<Versioned> load(String partition, String instanceId) {
        return Optional.ofNullable(docs.get(key(partition, instanceId)));
    }

    @Override
    public synchronized void commit(String partition, List<Change> changes) {
        for (Change c : changes) {
            if (!partition.equals(c.state().partition())) {
                throw new IllegalArgumentException("instance " + c.state().instanceId() + " belongs to " + c.state().partition() + ", not "
                        + partition);
            }
            Versioned current = docs.get(key(partition, c.state().instanceId()));
            if (c.expectedEtag() == null ? current != null : current == null || !current.etag().equals(c.expectedEtag())) {
                throw new InstanceConflictException(c.state().instanceId() + " changed");
            }
        }
        for (Change c : changes) {
            docs.put(key(partition, c.state().instanceId()), new Versioned(c.state(), "v" + (++version)));
        }
    }

    @Override
    public synchronized List<Versioned> unfinished() {
        return docs.values().stream().filter(v -> !v.state().finished()).toList();
    }

    @Override
    public synchronized List<Versioned> list(String partition, String idPrefix) {
        List<Versioned> out = new ArrayList<>();
        docs.values().stream().filter(v -> v.state().partition().equals(partition) && v.state().instanceId().startsWith(idPrefix)
                        && runOf(v.state().instanceId()).equals(runOf(idPrefix)))
                .forEach(out::add);
        return out;
    }

    private static String runOf(String instanceId) {
        int colon = instanceId.indexOf(':');
        return colon < 0 ? instanceId : instanceId.substring(0, colon);
    }

    synchronized List<InstanceState> all() {
        return docs.values().stream().map(Versioned::state).toList();
    }
}
