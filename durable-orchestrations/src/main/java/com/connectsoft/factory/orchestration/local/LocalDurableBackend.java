package com.connectsoft.factory.orchestration.local;

import com.connectsoft.factory.orchestration.local.InstanceState.PendingActivity;
import com.connectsoft.factory.orchestration.local.InstanceState.PendingTimer;
import com.connectsoft.factory.orchestration.local.InstanceStore.Change;
import com.connectsoft.factory.orchestration.local.InstanceStore.InstanceConflictException;
import com.connectsoft.factory.orchestration.local.InstanceStore.Versioned;
import com.google.protobuf.InvalidProtocolBufferException;
import com.microsoft.durabletask.DataConverter;
import com.microsoft.durabletask.JacksonDataConverter;
import com.microsoft.durabletask.OrchestrationRunner;
import com.microsoft.durabletask.TaskOrchestration;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.CompleteOrchestrationAction;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.CreateSubOrchestrationAction;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.EventSentEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ExecutionCompletedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.HistoryEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationStatus;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorAction;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorRequest;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorResponse;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.SendEventAction;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.SubOrchestrationInstanceCreatedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TaskFailureDetails;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TaskScheduledEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TimerCreatedEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import com.google.protobuf.StringValue;
import com.google.protobuf.Timestamp;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.EventRaisedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ExecutionStartedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationInstance;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorCompletedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorStartedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ParentInstanceInfo;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.SubOrchestrationInstanceCompletedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.SubOrchestrationInstanceFailedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TaskCompletedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TaskFailedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TimerFiredEvent;
import java.util.Base64;

/**
 * Runs Durable Task orchestrations on one machine. Each instance's history lives in an {@link InstanceStore}; an
 * episode replays the history through the library's engine ({@link OrchestrationRunner#loadAndRun(byte[], TaskOrchestration)})
 * with the events that arrived since, and commits in one transaction: the new history, the activities and timers it
 * asked for, the sub-orchestrations it started (created with their first event), the events it sent and, when it
 * ended, its parent's notification. Activities run at least once (a crash between an activity's work and the record of
 * its completion runs it again) on a small pool; their completions go to the instance's inbox. After a restart,
 * {@link #start()} picks up every unfinished instance where its last commit left it. A store that fails for a while
 * (a busy or full disk) loses nothing: a failed episode is tried again after a growing pause (up to
 * {@value #MAX_RETRY_MS} ms), and an activity's result is kept and its record tried again, never the work.
 */
public final class LocalDurableBackend implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LocalDurableBackend.class.getName());
    private static final int CONFLICT_RETRIES = 50;
    private static final long SCAN_NANOS = 2_000_000_000L;
    /** The first pause before a failed episode is tried again; it doubles with each failure in a row. */
    static final long RETRY_MS = 500;
    static final long MAX_RETRY_MS = 60_000;
    /** How often an activity's completion is written again when the store fails, before it is left to a restart. */
    static final int RECORD_ATTEMPTS = 8;

    /** An activity: JSON input to JSON output (null for none); an exception is its failure. */
    @FunctionalInterface
    public interface ActivityHandler {
        String run(String input) throws Exception;
    }

    /** An instance seen from outside. */
    public record InstanceView(String partition, String instanceId, String name, String status, String output, String failure,
                               String customStatus, int historyEvents, Instant createdAt, Instant updatedAt) {
        public boolean finished() {
            return InstanceState.COMPLETED.equals(status) || InstanceState.FAILED.equals(status) || InstanceState.TERMINATED.equals(status);
        }
    }

    private record Key(String partition, String instanceId) {
    }

    private final InstanceStore store;
    private final Map<String, TaskOrchestration> orchestrations;
    private final Map<String, ActivityHandler> activities;
    private final Clock clock;
    private final DataConverter json = new JacksonDataConverter();
    private final ExecutorService pool;
    private final LinkedBlockingQueue<Key> ready = new LinkedBlockingQueue<>();
    private final Set<Key> queued = ConcurrentHashMap.newKeySet();
    private final Map<Key, Long> timers = new ConcurrentHashMap<>();
    /** Episodes that failed in a row, per instance: how long the next pause is. */
    private final Map<Key, Integer> faults = new ConcurrentHashMap<>();
    private final Set<String> inflight = ConcurrentHashMap.newKeySet();
    private final AtomicInteger working = new AtomicInteger();
    private final AtomicLong episodes = new AtomicLong();
    private final AtomicLong activityRuns = new AtomicLong();
    private final Thread dispatcher;
    private volatile boolean running;

    public LocalDurableBackend(InstanceStore store, Map<String, TaskOrchestration> orchestrations, Map<String, ActivityHandler> activities,
                               Clock clock, int activityThreads) {
        this.store = store;
        this.orchestrations = Map.copyOf(orchestrations);
        this.activities = Map.copyOf(activities);
        this.clock = clock;
        this.pool = Executors.newFixedThreadPool(Math.max(1, activityThreads), r -> {
            Thread t = new Thread(r, "durable-activity");
            t.setDaemon(true);
            return t;
        });
        this.dispatcher = new Thread(this::dispatch, "durable-dispatcher");
        this.dispatcher.setDaemon(true);
    }

    /** Starts working, beginning with every unfinished instance in the store. Returns how many it found. */
    public synchronized int start() {
        if (running) {
            return 0;
        }
        running = true;
        warmUp();
        List<Versioned> unfinished = store.unfinished();
        for (Versioned v : unfinished) {
            Key k = new Key(v.state().partition(), v.state().instanceId());
            track(k, v.state());
            if (!v.state().inbox().isEmpty() || InstanceState.PENDING.equals(v.state().status())) {
                enqueue(k);
            }
        }
        dispatcher.start();
        return unfinished.size();
    }

    /** Starts an orchestration instance; false when one with that id exists already (starting is idempotent). */
    public boolean schedule(String partition, String name, String instanceId, Object input) {
        if (!orchestrations.containsKey(name)) {
            throw new IllegalArgumentException("no orchestration named '" + name + "'; known: " + orchestrations.keySet());
        }
        if (store.load(partition, instanceId).isPresent()) {
            return false;
        }
        Instant now = clock.instant();
        String in = json.serialize(input);
        InstanceState s = new InstanceState(partition, instanceId, name, InstanceState.PENDING, in, null, null, null, List.of(),
                List.of(History.encode(History.started(name, instanceId, in, null, null, now))), List.of(), List.of(), null, List.of(),
                now.toEpochMilli(), now.toEpochMilli());
        try {
            store.commit(partition, List.of(Change.create(s)));
        } catch (InstanceConflictException e) {
            return false;
        }
        enqueue(new Key(partition, instanceId));
        return true;
    }

    /**
     * Raises an external event on an instance. With a dedupe key, raising the same key again changes nothing (a
     * redelivered result). False when the instance does not exist or has finished (the event is dropped).
     */
    public boolean raise(String partition, String instanceId, String eventName, Object data, String dedupeKey) {
        String payload = json.serialize(data);
        for (int attempt = 0; attempt < CONFLICT_RETRIES; attempt++) {
            Optional<Versioned> v = store.load(partition, instanceId);
            if (v.isEmpty() || v.get().state().finished()) {
                return false;
            }
            InstanceState s = v.get().state();
            if (dedupeKey != null && s.raised().contains(dedupeKey)) {
                return true;
            }
            List<String> inbox = new ArrayList<>(s.inbox());
            inbox.add(History.encode(History.eventRaised(eventName, payload, clock.instant())));
            InstanceState next = dedupeKey == null ? s.withInbox(inbox, clock.millis()) : s.raisedWith(dedupeKey, inbox, clock.millis());
            try {
                store.commit(partition, List.of(new Change(next, v.get().etag())));
                enqueue(new Key(partition, instanceId));
                return true;
            } catch (InstanceConflictException e) {
                // the instance changed meanwhile: read again
            }
        }
        throw new IllegalStateException("instance " + instanceId + " kept changing while " + eventName + " was raised; retry");
    }

    public Optional<InstanceView> describe(String partition, String instanceId) {
        return store.load(partition, instanceId).map(v -> view(v.state()));
    }

    /** The instances of a partition whose ids start with the prefix (a run and its modules). */
    public List<InstanceView> list(String partition, String idPrefix) {
        return store.list(partition, idPrefix).stream().map(v -> view(v.state())).toList();
    }

    /** Waits until the instance satisfies the condition; empty when it did not within the timeout. */
    public Optional<InstanceView> waitFor(String partition, String instanceId, Predicate<InstanceView> condition, Duration timeout)
            throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<InstanceView> v = describe(partition, instanceId);
            if (v.isPresent() && condition.test(v.get())) {
                return v;
            }
            if (System.nanoTime() > end) {
                return Optional.empty();
            }
            Thread.sleep(10);
        }
    }

    /** True when nothing is queued, replaying or running an activity (timers and external events may still come). */
    public boolean idle() {
        return ready.isEmpty() && working.get() == 0 && inflight.isEmpty();
    }

    /** Episodes replayed and activities run since this backend started. */
    public long episodes() {
        return episodes.get();
    }

    public long activityRuns() {
        return activityRuns.get();
    }

    @Override
    public void close() {
        running = false;
        dispatcher.interrupt();
        pool.shutdownNow();
        try {
            dispatcher.join(2000);
            pool.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Replays one empty orchestration on a background thread, so that the replay engine and the protocol classes are
     * loaded and initialised while the caller prepares its first instance, not when that instance waits for them.
     */
    private static void warmUp() {
        Thread t = new Thread(() -> {
            try {
                Instant now = Instant.now();
                OrchestratorRequest request = OrchestratorRequest.newBuilder().setInstanceId("warm-up")
                        .addNewEvents(History.orchestratorStarted(now))
                        .addNewEvents(History.started("warm-up", "warm-up", "null", null, null, now)).build();
                OrchestratorResponse.parseFrom(OrchestrationRunner.loadAndRun(request.toByteArray(), (TaskOrchestration) ctx -> ctx.complete(null)));
            } catch (InvalidProtocolBufferException | RuntimeException | LinkageError e) {
                LOG.log(Level.WARNING, "warming up the replay engine failed; the first orchestration episode will meet the same fault", e);
            }
        }, "durable-warm-up");
        t.setDaemon(true);
        t.start();
    }

    private static InstanceView view(InstanceState s) {
        return new InstanceView(s.partition(), s.instanceId(), s.name(), s.status(), s.output(), s.failure(), s.customStatus(),
                s.history().size(), Instant.ofEpochMilli(s.createdAtMillis()), Instant.ofEpochMilli(s.updatedAtMillis()));
    }

    private void enqueue(Key k) {
        if (queued.add(k)) {
            ready.add(k);
        }
    }

    /** Notes what an instance waits for: its earliest timer, its activities not yet running. */
    private void track(Key k, InstanceState s) {
        if (s.finished() || s.timers().isEmpty()) {
            timers.remove(k);
        } else {
            timers.put(k, s.timers().stream().mapToLong(PendingTimer::fireAtEpochMillis).min().orElseThrow());
        }
        if (!s.finished()) {
            s.activities().forEach(a -> submit(k, a));
        }
    }

    private void dispatch() {
        long nextScan = System.nanoTime() + SCAN_NANOS;
        while (running) {
            try {
                if (System.nanoTime() > nextScan) {
                    nextScan = System.nanoTime() + SCAN_NANOS;
                    pickUpOutsideWrites();
                }
                long now = clock.millis();
                for (Map.Entry<Key, Long> t : timers.entrySet()) {
                    if (t.getValue() <= now && timers.remove(t.getKey(), t.getValue())) {
                        enqueue(t.getKey());
                    }
                }
                Key k = ready.poll(20, TimeUnit.MILLISECONDS);
                if (k == null) {
                    continue;
                }
                working.incrementAndGet();
                queued.remove(k);
                try {
                    episode(k);
                    faults.remove(k);
                } catch (RuntimeException e) {
                    retryLater(k, e);
                } finally {
                    working.decrementAndGet();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "the durable dispatcher met a fault; it goes on", e);
            }
        }
    }

    /**
     * A failed episode committed nothing; what it would have played (its inbox, its due timers) is still stored. It runs
     * again after a pause that doubles with each failure in a row, as a timer of the instance: waiting for the
     * instance's next event could wait forever (a timer that fired has no event to come).
     */
    private void retryLater(Key k, RuntimeException e) {
        int n = faults.merge(k, 1, Integer::sum);
        long pause = pause(n);
        timers.merge(k, clock.millis() + pause, Math::min);
        LOG.log(Level.WARNING, "durable episode of " + k.instanceId() + " failed (" + n + " in a row); tried again in " + pause + " ms", e);
    }

    /** The pause after {@code failuresInARow} failures: {@value #RETRY_MS} ms, doubling, at most {@value #MAX_RETRY_MS} ms. */
    static long pause(int failuresInARow) {
        return Math.min(MAX_RETRY_MS, RETRY_MS << Math.min(failuresInARow - 1, 20));
    }

    /** Another process (a CLI approving a run) may have written to an instance's inbox: take those up too. */
    private void pickUpOutsideWrites() {
        for (Versioned v : store.unfinished()) {
            if (!v.state().inbox().isEmpty() || InstanceState.PENDING.equals(v.state().status())) {
                enqueue(new Key(v.state().partition(), v.state().instanceId()));
            }
        }
    }

    private void episode(Key k) {
        for (int attempt = 0; attempt < CONFLICT_RETRIES; attempt++) {
            Optional<Versioned> loaded = store.load(k.partition(), k.instanceId());
            if (loaded.isEmpty() || loaded.get().state().finished()) {
                timers.remove(k);
                return;
            }
            InstanceState s = loaded.get().state();
            Instant now = clock.instant();
            List<PendingTimer> due = s.timers().stream().filter(t -> t.fireAtEpochMillis() <= now.toEpochMilli()).toList();
            if (s.inbox().isEmpty() && due.isEmpty()) {
                track(k, s);
                return;
            }
            List<HistoryEvent> fresh = new ArrayList<>();
            fresh.add(History.orchestratorStarted(now));
            s.inbox().forEach(e -> fresh.add(History.decode(e)));
            due.forEach(t -> fresh.add(History.timerFired(t.timerId(), Instant.ofEpochMilli(t.fireAtEpochMillis()), now)));
            Episode e = new Episode(s, now, due);
            e.play(fresh);
            try {
                List<Change> changes = new ArrayList<>();
                changes.add(new Change(e.result(), loaded.get().etag()));
                changes.addAll(e.others.values());
                store.commit(k.partition(), changes);
            } catch (InstanceConflictException conflict) {
                continue; // an activity completion or an event arrived meanwhile: replay with it
            }
            episodes.incrementAndGet();
            track(k, e.result());
            for (Change c : e.others.values()) {
                enqueue(new Key(k.partition(), c.state().instanceId()));
            }
            return;
        }
        throw new IllegalStateException("instance " + k.instanceId() + " kept changing; its episode is tried again after a pause");
    }

    /** One replay of one instance and what it asks for. */
    private final class Episode {
        private final InstanceState s;
        private final Instant now;
        private final List<String> history;
        private final List<PendingActivity> acts;
        private final List<PendingTimer> tms;
        private final Map<String, Change> others = new LinkedHashMap<>();
        private String status = InstanceState.RUNNING;
        private String output;
        private String failure;
        private String customStatus;
        /** Events this instance sends itself (a child that could not be started); they go to its next episode. */
        private List<String> selfInbox = List.of();

        Episode(InstanceState s, Instant now, List<PendingTimer> fired) {
            this.s = s;
            this.now = now;
            this.history = new ArrayList<>(s.history());
            this.acts = new ArrayList<>(s.activities());
            this.tms = new ArrayList<>(s.timers());
            this.tms.removeAll(fired);
            this.output = s.output();
            this.failure = s.failure();
            this.customStatus = s.customStatus();
        }

        void play(List<HistoryEvent> fresh) {
            fresh.forEach(h -> history.add(History.encode(h)));
            TaskOrchestration orchestration = orchestrations.get(s.name());
            if (orchestration == null) {
                status = InstanceState.FAILED;
                failure = "no orchestration named '" + s.name() + "' in this version of the factory";
                notifyParent(null, TaskFailureDetails.newBuilder().setErrorType("UnknownOrchestration").setErrorMessage(failure).build());
                return;
            }
            OrchestratorRequest request = OrchestratorRequest.newBuilder().setInstanceId(s.instanceId())
                    .addAllPastEvents(s.history().stream().map(History::decode).toList()).addAllNewEvents(fresh).build();
            OrchestratorResponse response;
            try {
                response = OrchestratorResponse.parseFrom(OrchestrationRunner.loadAndRun(request.toByteArray(), orchestration));
            } catch (InvalidProtocolBufferException ex) {
                throw new IllegalStateException("the replay engine answered with something unreadable", ex);
            }
            for (OrchestratorAction a : response.getActionsList()) {
                apply(a);
            }
            history.add(History.encode(History.orchestratorCompleted(now)));
            if (response.hasCustomStatus() && !response.getCustomStatus().getValue().isEmpty()) {
                customStatus = response.getCustomStatus().getValue();
            }
        }

        private void apply(OrchestratorAction a) {
            int id = a.getId();
            HistoryEvent.Builder h = HistoryEvent.newBuilder().setEventId(id).setTimestamp(History.timestamp(now));
            switch (a.getOrchestratorActionTypeCase()) {
                case SCHEDULETASK -> {
                    var t = a.getScheduleTask();
                    history.add(History.encode(h.setTaskScheduled(TaskScheduledEvent.newBuilder().setName(t.getName())
                            .setInput(t.getInput())).build()));
                    acts.add(new PendingActivity(id, t.getName(), t.hasInput() ? t.getInput().getValue() : null));
                }
                case CREATETIMER -> {
                    var t = a.getCreateTimer();
                    history.add(History.encode(h.setTimerCreated(TimerCreatedEvent.newBuilder().setFireAt(t.getFireAt())).build()));
                    tms.add(new PendingTimer(id, History.instant(t.getFireAt()).toEpochMilli()));
                }
                case CREATESUBORCHESTRATION -> startChild(id, a.getCreateSubOrchestration(), h);
                case SENDEVENT -> {
                    SendEventAction se = a.getSendEvent();
                    history.add(History.encode(h.setEventSent(EventSentEvent.newBuilder().setInstanceId(se.getInstance().getInstanceId())
                            .setName(se.getName()).setInput(se.getData())).build()));
                    deliver(se.getInstance().getInstanceId(), History.eventRaised(se.getName(), se.hasData() ? se.getData().getValue() : null, now));
                }
                case COMPLETEORCHESTRATION -> complete(a.getCompleteOrchestration(), h);
                default -> throw new IllegalStateException("the local backend cannot carry out " + a.getOrchestratorActionTypeCase());
            }
        }

        private void startChild(int id, CreateSubOrchestrationAction c, HistoryEvent.Builder h) {
            history.add(History.encode(h.setSubOrchestrationInstanceCreated(SubOrchestrationInstanceCreatedEvent.newBuilder()
                    .setInstanceId(c.getInstanceId()).setName(c.getName()).setInput(c.getInput())).build()));
            if (store.load(s.partition(), c.getInstanceId()).isPresent() || others.containsKey(c.getInstanceId())) {
                // the id is taken by another instance: the parent's task fails instead of two instances sharing an id
                childFailed(id, "InstanceExists", "sub-orchestration instance id " + c.getInstanceId() + " is already in use");
                return;
            }
            if (!orchestrations.containsKey(c.getName())) {
                childFailed(id, "UnknownOrchestration", "no orchestration named '" + c.getName() + "'");
                return;
            }
            String in = c.hasInput() ? c.getInput().getValue() : null;
            InstanceState.Parent parent = new InstanceState.Parent(s.instanceId(), id);
            InstanceState child = new InstanceState(s.partition(), c.getInstanceId(), c.getName(), InstanceState.PENDING, in, null, null,
                    null, List.of(), List.of(History.encode(History.started(c.getName(), c.getInstanceId(), in, parent, s.name(), now))),
                    List.of(), List.of(), parent, List.of(), now.toEpochMilli(), now.toEpochMilli());
            others.put(child.instanceId(), Change.create(child));
        }

        /** The sub-orchestration task {@code id} fails in the next episode: its instance could not be started. */
        private void childFailed(int id, String type, String message) {
            List<String> inbox = new ArrayList<>(selfInbox);
            inbox.add(History.encode(History.subOrchestrationFailed(id, TaskFailureDetails.newBuilder().setErrorType(type)
                    .setErrorMessage(message).build(), now)));
            selfInbox = inbox;
        }

        private void deliver(String instanceId, HistoryEvent event) {
            Change pending = others.get(instanceId);
            InstanceState target;
            String etag;
            if (pending != null) {
                target = pending.state();
                etag = pending.expectedEtag();
            } else {
                Optional<Versioned> v = store.load(s.partition(), instanceId);
                if (v.isEmpty() || v.get().state().finished()) {
                    return; // like Durable Functions: an event for an instance that is not running is dropped
                }
                target = v.get().state();
                etag = v.get().etag();
            }
            List<String> inbox = new ArrayList<>(target.inbox());
            inbox.add(History.encode(event));
            others.put(instanceId, new Change(target.withInbox(inbox, now.toEpochMilli()), etag));
        }

        private void complete(CompleteOrchestrationAction c, HistoryEvent.Builder h) {
            ExecutionCompletedEvent.Builder done = ExecutionCompletedEvent.newBuilder().setOrchestrationStatus(c.getOrchestrationStatus());
            if (c.hasResult()) {
                done.setResult(c.getResult());
            }
            if (c.hasFailureDetails()) {
                done.setFailureDetails(c.getFailureDetails());
            }
            history.add(History.encode(h.setExecutionCompleted(done).build()));
            OrchestrationStatus st = c.getOrchestrationStatus();
            status = st == OrchestrationStatus.ORCHESTRATION_STATUS_COMPLETED ? InstanceState.COMPLETED
                    : st == OrchestrationStatus.ORCHESTRATION_STATUS_TERMINATED ? InstanceState.TERMINATED : InstanceState.FAILED;
            output = c.hasResult() ? c.getResult().getValue() : null;
            failure = c.hasFailureDetails() ? c.getFailureDetails().getErrorType() + ": " + c.getFailureDetails().getErrorMessage() : null;
            acts.clear();
            tms.clear();
            notifyParent(InstanceState.COMPLETED.equals(status) ? output : null, InstanceState.COMPLETED.equals(status) ? null
                    : c.hasFailureDetails() ? c.getFailureDetails() : TaskFailureDetails.newBuilder().setErrorType(status).setErrorMessage(
                    s.instanceId() + " ended " + status).build());
        }

        private void notifyParent(String result, TaskFailureDetails failed) {
            if (s.parent() == null) {
                return;
            }
            deliver(s.parent().instanceId(), failed == null ? History.subOrchestrationCompleted(s.parent().taskId(), result, now)
                    : History.subOrchestrationFailed(s.parent().taskId(), failed, now));
        }

        InstanceState result() {
            boolean ended = !InstanceState.RUNNING.equals(status);
            return new InstanceState(s.partition(), s.instanceId(), s.name(), status, s.input(), output, failure, customStatus, history,
                    ended ? List.of() : selfInbox, acts, tms, s.parent(), s.raised(), s.createdAtMillis(), now.toEpochMilli());
        }
    }

    private void submit(Key k, PendingActivity a) {
        String tag = k.partition() + "|" + k.instanceId() + "#" + a.taskId();
        if (!inflight.add(tag)) {
            return;
        }
        try {
            pool.submit(() -> {
                try {
                    runActivity(k, a);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "recording the completion of activity " + a.name() + " failed after " + RECORD_ATTEMPTS + " attempts; it runs again on restart", e);
                } finally {
                    inflight.remove(tag);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            inflight.remove(tag);
        }
    }

    private void runActivity(Key k, PendingActivity a) {
        ActivityHandler handler = activities.get(a.name());
        HistoryEvent done;
        try {
            if (handler == null) {
                throw new IllegalStateException("no activity named '" + a.name() + "'");
            }
            String out = handler.run(a.input());
            done = History.taskCompleted(a.taskId(), out, clock.instant());
        } catch (Exception | LinkageError e) {
            done = History.taskFailed(a.taskId(), History.failure(e), clock.instant());
        }
        activityRuns.incrementAndGet();
        String encoded = History.encode(done);
        for (int failures = 0; running; failures++) {
            try {
                record(k, a, encoded);
                return;
            } catch (RuntimeException e) {
                if (failures + 1 >= RECORD_ATTEMPTS) {
                    throw e;
                }
                long pause = pause(failures + 1);
                LOG.log(Level.WARNING, "recording the completion of activity " + a.name() + " failed; tried again in " + pause + " ms", e);
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Puts an activity's completion in its instance's inbox (nothing when the instance no longer waits for it). */
    private void record(Key k, PendingActivity a, String encoded) {
        for (int attempt = 0; attempt < CONFLICT_RETRIES && running; attempt++) {
            Optional<Versioned> v = store.load(k.partition(), k.instanceId());
            if (v.isEmpty() || v.get().state().finished()
                    || v.get().state().activities().stream().noneMatch(p -> p.taskId() == a.taskId())) {
                return;
            }
            InstanceState s = v.get().state();
            List<PendingActivity> left = s.activities().stream().filter(p -> p.taskId() != a.taskId()).toList();
            List<String> inbox = new ArrayList<>(s.inbox());
            inbox.add(encoded);
            try {
                store.commit(k.partition(), List.of(new Change(s.withActivities(left, inbox, clock.millis()), v.get().etag())));
                enqueue(k);
                return;
            } catch (InstanceConflictException e) {
                // the instance moved on meanwhile: read again
            }
        }
    }

    /** Builds, encodes and decodes the Durable Task history events the local backend stores (base64 protobuf). */
    private static final class History {
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
}
