package com.connectsoft.factory.functions.durable;

import com.google.protobuf.StringValue;
import com.google.protobuf.Timestamp;
import com.microsoft.durabletask.DurableTaskClient;
import com.microsoft.durabletask.DurableTaskGrpcClientBuilder;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.CreateInstanceRequest;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.CreateInstanceResponse;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.GetInstanceRequest;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.GetInstanceResponse;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationState;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationStatus;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.RaiseEventRequest;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.RaiseEventResponse;
import com.microsoft.durabletask.implementation.protobuf.TaskHubSidecarServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A Durable Functions task hub as the function app's durable client reaches it: the sidecar gRPC service the Functions
 * host serves, in process, answered from memory. The client under test is the SDK's real {@code DurableTaskGrpcClient}.
 * What it models, as the Durable extension does for Java apps:
 * <ul>
 *   <li>starting an id that is pending or running fails (gRPC UNKNOWN, "An Orchestration instance with the status
 *       Running already exists"); starting an id that ended starts a new instance over it;</li>
 *   <li>raising an event on an id that does not exist fails (UNKNOWN); on an instance that ended, the event is
 *       dropped; otherwise the instance receives it, however often it is raised (there is no dedupe);</li>
 *   <li>an instance's metadata with or without its input.</li>
 * </ul>
 * The instance's orchestration does not run here: it receives events and is ended by the test ({@link #complete}).
 */
final class TaskHubFake implements AutoCloseable {
    /** One instance: what it was started with, its status and the events it received. */
    static final class Instance {
        final String name;
        final String input;
        final Instant createdAt;
        volatile OrchestrationStatus status = OrchestrationStatus.ORCHESTRATION_STATUS_RUNNING;
        final List<String[]> events = new ArrayList<>();

        Instance(String name, String input, Instant createdAt) {
            this.name = name;
            this.input = input;
            this.createdAt = createdAt;
        }
    }

    private final Map<String, Instance> instances = new LinkedHashMap<>();
    /** Each instance id's starts, one input per instance created (a second means it started again). */
    private final Map<String, List<String>> starts = new LinkedHashMap<>();
    private volatile Runnable beforeStart = () -> { };
    private final java.util.concurrent.atomic.AtomicInteger raiseFailures = new java.util.concurrent.atomic.AtomicInteger();
    private final String name = "task-hub-" + UUID.randomUUID();
    private final Server server;
    private final ManagedChannel channel;

    TaskHubFake() {
        try {
            server = InProcessServerBuilder.forName(name).directExecutor().addService(new Sidecar()).build().start();
        } catch (IOException e) {
            throw new IllegalStateException("the in-process task hub did not start", e);
        }
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    }

    /** The SDK's gRPC client on this hub, as {@code DurableClientContext.getClient()} gives one to a function. */
    DurableTaskClient client() {
        return new DurableTaskGrpcClientBuilder().grpcChannel(channel).build();
    }

    /** The instance's orchestration completed. */
    synchronized void complete(String instanceId) {
        instance(instanceId).status = OrchestrationStatus.ORCHESTRATION_STATUS_COMPLETED;
    }

    /** The inputs the id was started with, one per start. */
    synchronized List<String> starts(String instanceId) {
        return List.copyOf(starts.getOrDefault(instanceId, List.of()));
    }

    /** The events the instance received: name and data (JSON), in order. */
    synchronized List<String[]> events(String instanceId) {
        Instance i = instances.get(instanceId);
        return i == null ? List.of() : List.copyOf(i.events);
    }

    /** Runs before the hub handles each start (to let another caller in between a look and a start). */
    void beforeStart(Runnable r) {
        beforeStart = r;
    }

    /** The next {@code n} raises fail as the host does when it cannot reach the task hub's storage. */
    void failNextRaises(int n) {
        raiseFailures.set(n);
    }

    /** Starts an instance directly, as another process would. */
    synchronized void startDirectly(String orchestration, String instanceId, String input) {
        instances.put(instanceId, new Instance(orchestration, input, Instant.now()));
        starts.computeIfAbsent(instanceId, k -> new ArrayList<>()).add(input);
    }

    private Instance instance(String id) {
        Instance i = instances.get(id);
        if (i == null) {
            throw new IllegalArgumentException("no instance " + id);
        }
        return i;
    }

    private static boolean ended(OrchestrationStatus s) {
        return s == OrchestrationStatus.ORCHESTRATION_STATUS_COMPLETED || s == OrchestrationStatus.ORCHESTRATION_STATUS_FAILED
                || s == OrchestrationStatus.ORCHESTRATION_STATUS_TERMINATED;
    }

    private static Timestamp timestamp(Instant i) {
        return Timestamp.newBuilder().setSeconds(i.getEpochSecond()).setNanos(i.getNano()).build();
    }

    @Override
    public void close() {
        channel.shutdownNow();
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Sidecar extends TaskHubSidecarServiceGrpc.TaskHubSidecarServiceImplBase {
        @Override
        public void startInstance(CreateInstanceRequest request, StreamObserver<CreateInstanceResponse> answer) {
            beforeStart.run();
            synchronized (TaskHubFake.this) {
                Instance existing = instances.get(request.getInstanceId());
                if (existing != null && !ended(existing.status)) {
                    answer.onError(Status.UNKNOWN.withDescription("Exception was thrown by handler. An Orchestration instance with the status "
                            + existing.status + " already exists.").asRuntimeException());
                    return;
                }
                startDirectly(request.getName(), request.getInstanceId(), request.hasInput() ? request.getInput().getValue() : null);
            }
            answer.onNext(CreateInstanceResponse.newBuilder().setInstanceId(request.getInstanceId()).build());
            answer.onCompleted();
        }

        @Override
        public void getInstance(GetInstanceRequest request, StreamObserver<GetInstanceResponse> answer) {
            GetInstanceResponse response;
            synchronized (TaskHubFake.this) {
                Instance i = instances.get(request.getInstanceId());
                if (i == null) {
                    response = GetInstanceResponse.newBuilder().setExists(false).build();
                } else {
                    OrchestrationState.Builder s = OrchestrationState.newBuilder().setInstanceId(request.getInstanceId()).setName(i.name)
                            .setOrchestrationStatus(i.status).setCreatedTimestamp(timestamp(i.createdAt))
                            .setLastUpdatedTimestamp(timestamp(i.createdAt));
                    if (request.getGetInputsAndOutputs() && i.input != null) {
                        s.setInput(StringValue.of(i.input));
                    }
                    response = GetInstanceResponse.newBuilder().setExists(true).setOrchestrationState(s).build();
                }
            }
            answer.onNext(response);
            answer.onCompleted();
        }

        @Override
        public void raiseEvent(RaiseEventRequest request, StreamObserver<RaiseEventResponse> answer) {
            if (raiseFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                answer.onError(Status.UNAVAILABLE.withDescription("the task hub's storage did not answer").asRuntimeException());
                return;
            }
            synchronized (TaskHubFake.this) {
                Instance i = instances.get(request.getInstanceId());
                if (i == null) {
                    answer.onError(Status.UNKNOWN.withDescription("Exception was thrown by handler. No instance with ID '"
                            + request.getInstanceId() + "' was found.").asRuntimeException());
                    return;
                }
                if (!ended(i.status)) {
                    i.events.add(new String[] {request.getName(), request.hasInput() ? request.getInput().getValue() : null});
                }
            }
            answer.onNext(RaiseEventResponse.getDefaultInstance());
            answer.onCompleted();
        }
    }
}
