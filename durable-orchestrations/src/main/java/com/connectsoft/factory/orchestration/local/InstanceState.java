package com.connectsoft.factory.orchestration.local;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.List;

/**
 * One orchestration instance as the local backend keeps it: its history (the Durable Task history events, each
 * protobuf-encoded in base64), the events that arrived since its last episode (inbox), the activities and timers it
 * is waiting for, its parent when it is a sub-orchestration, and the keys of the external events it already took.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InstanceState(String partition, String instanceId, String name, String status, String input, String output,
                            String failure, String customStatus, List<String> history, List<String> inbox,
                            List<PendingActivity> activities, List<PendingTimer> timers, Parent parent, List<String> raised,
                            long createdAtMillis, long updatedAtMillis) {
    public static final String PENDING = "Pending";
    public static final String RUNNING = "Running";
    public static final String COMPLETED = "Completed";
    public static final String FAILED = "Failed";
    public static final String TERMINATED = "Terminated";

    public InstanceState {
        history = list(history);
        inbox = list(inbox);
        activities = list(activities);
        timers = list(timers);
        raised = list(raised);
    }

    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : List.copyOf(l);
    }

    /** An activity the instance scheduled and has no completion for yet. */
    public record PendingActivity(int taskId, String name, String input) {
    }

    /** A durable timer the instance is waiting on. */
    public record PendingTimer(int timerId, long fireAtEpochMillis) {
    }

    /** The orchestration that started this one, and the task id it waits on. */
    public record Parent(String instanceId, int taskId) {
    }

    @JsonIgnore
    public boolean finished() {
        return COMPLETED.equals(status) || FAILED.equals(status) || TERMINATED.equals(status);
    }

    InstanceState withInbox(List<String> newInbox, long now) {
        return new InstanceState(partition, instanceId, name, status, input, output, failure, customStatus, history, newInbox, activities,
                timers, parent, raised, createdAtMillis, now);
    }

    InstanceState withActivities(List<PendingActivity> a, List<String> newInbox, long now) {
        return new InstanceState(partition, instanceId, name, status, input, output, failure, customStatus, history, newInbox, a, timers,
                parent, raised, createdAtMillis, now);
    }

    InstanceState raisedWith(String key, List<String> newInbox, long now) {
        List<String> r = new ArrayList<>(raised);
        r.add(key);
        return new InstanceState(partition, instanceId, name, status, input, output, failure, customStatus, history, newInbox, activities,
                timers, parent, r, createdAtMillis, now);
    }
}
