package com.connectsoft.factory.orchestration.local;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.StringValue;
import com.google.protobuf.Timestamp;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.EventRaisedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ExecutionStartedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.HistoryEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationInstance;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorCompletedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorStartedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ParentInstanceInfo;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.SubOrchestrationInstanceCompletedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.SubOrchestrationInstanceFailedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TaskCompletedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TaskFailedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TaskFailureDetails;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TimerFiredEvent;
import java.time.Instant;
import java.util.Base64;

/** Builds, encodes and decodes the Durable Task history events the local backend stores (base64 protobuf). */
final class History {
    private History() {
    }

    static String encode(HistoryEvent e) {
        return Base64.getEncoder().encodeToString(e.toByteArray());
    }

    static HistoryEvent decode(String s) {
        try {
            return HistoryEvent.parseFrom(Base64.getDecoder().decode(s));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("a stored history event cannot be read: " + e.getMessage(), e);
        }
    }

    static Timestamp timestamp(Instant i) {
        return Timestamp.newBuilder().setSeconds(i.getEpochSecond()).setNanos(i.getNano()).build();
    }

    static Instant instant(Timestamp t) {
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }

    private static HistoryEvent.Builder at(int eventId, Instant now) {
        return HistoryEvent.newBuilder().setEventId(eventId).setTimestamp(timestamp(now));
    }

    static StringValue value(String s) {
        return StringValue.of(s == null ? "" : s);
    }

    static HistoryEvent started(String name, String instanceId, String input, InstanceState.Parent parent, String parentName,
                                Instant now) {
        ExecutionStartedEvent.Builder b = ExecutionStartedEvent.newBuilder().setName(name)
                .setOrchestrationInstance(OrchestrationInstance.newBuilder().setInstanceId(instanceId));
        if (input != null) {
            b.setInput(StringValue.of(input));
        }
        if (parent != null) {
            b.setParentInstance(ParentInstanceInfo.newBuilder().setTaskScheduledId(parent.taskId()).setName(value(parentName))
                    .setOrchestrationInstance(OrchestrationInstance.newBuilder().setInstanceId(parent.instanceId())));
        }
        return at(-1, now).setExecutionStarted(b).build();
    }

    static HistoryEvent orchestratorStarted(Instant now) {
        return at(-1, now).setOrchestratorStarted(OrchestratorStartedEvent.getDefaultInstance()).build();
    }

    static HistoryEvent orchestratorCompleted(Instant now) {
        return at(-1, now).setOrchestratorCompleted(OrchestratorCompletedEvent.getDefaultInstance()).build();
    }

    static HistoryEvent taskCompleted(int taskId, String result, Instant now) {
        TaskCompletedEvent.Builder b = TaskCompletedEvent.newBuilder().setTaskScheduledId(taskId);
        if (result != null) {
            b.setResult(StringValue.of(result));
        }
        return at(-1, now).setTaskCompleted(b).build();
    }

    static TaskFailureDetails failure(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return TaskFailureDetails.newBuilder().setErrorType(root.getClass().getName()).setErrorMessage(message).build();
    }

    static HistoryEvent taskFailed(int taskId, TaskFailureDetails details, Instant now) {
        return at(-1, now).setTaskFailed(TaskFailedEvent.newBuilder().setTaskScheduledId(taskId).setFailureDetails(details)).build();
    }

    static HistoryEvent timerFired(int timerId, Instant fireAt, Instant now) {
        return at(-1, now).setTimerFired(TimerFiredEvent.newBuilder().setTimerId(timerId).setFireAt(timestamp(fireAt))).build();
    }

    static HistoryEvent eventRaised(String name, String data, Instant now) {
        EventRaisedEvent.Builder b = EventRaisedEvent.newBuilder().setName(name);
        if (data != null) {
            b.setInput(StringValue.of(data));
        }
        return at(-1, now).setEventRaised(b).build();
    }

    static HistoryEvent subOrchestrationCompleted(int taskId, String result, Instant now) {
        SubOrchestrationInstanceCompletedEvent.Builder b = SubOrchestrationInstanceCompletedEvent.newBuilder().setTaskScheduledId(taskId);
        if (result != null) {
            b.setResult(StringValue.of(result));
        }
        return at(-1, now).setSubOrchestrationInstanceCompleted(b).build();
    }

    static HistoryEvent subOrchestrationFailed(int taskId, TaskFailureDetails details, Instant now) {
        return at(-1, now).setSubOrchestrationInstanceFailed(SubOrchestrationInstanceFailedEvent.newBuilder().setTaskScheduledId(taskId)
                .setFailureDetails(details)).build();
    }
}
