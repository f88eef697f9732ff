package com.connectsoft.factory.platform.telemetry;

import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.shared.domain.TraceIds;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.List;
import java.util.Optional;

/**
 * The factory's spans. One run is one trace whose id is the run's {@code traceId}: the HTTP request (or CLI command)
 * that starts it, the run's own span, each orchestration activity, each publish and delivery on the bus, each
 * capability, the build and the commit. Spans carry ids, counts and statuses only ({@link Attr}), never payloads,
 * blueprint text or secrets.
 *
 * <p>Off (the default) it is OpenTelemetry's no-op: no span is recorded, envelopes are published unchanged. Where spans
 * go is {@link TracingSettings}' choice. Thread-safe; one per process, closed with the factory (flushes what is queued).
 */
public final class Tracing implements AutoCloseable {
    /** The instrumentation scope of every factory span. */
    public static final String SCOPE = "com.connectsoft.factory";

    /** The attributes a factory span may carry: ids, counts and statuses. */
    public static final class Attr {
        public static final AttributeKey<String> TENANT = AttributeKey.stringKey("factory.tenant_id");
        public static final AttributeKey<String> RUN = AttributeKey.stringKey("factory.run_id");
        public static final AttributeKey<String> MODULE = AttributeKey.stringKey("factory.module_id");
        public static final AttributeKey<String> CAPABILITY = AttributeKey.stringKey("factory.capability");
        public static final AttributeKey<String> STEP = AttributeKey.stringKey("factory.step");
        public static final AttributeKey<String> STATUS = AttributeKey.stringKey("factory.status");
        public static final AttributeKey<Long> COUNT = AttributeKey.longKey("factory.count");
        public static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("factory.attempt");
        public static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("messaging.message.type");
        public static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
        public static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
        public static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation.type");
        public static final AttributeKey<String> SUBSCRIPTION = AttributeKey.stringKey("messaging.destination.subscription.name");
        public static final AttributeKey<String> HTTP_METHOD = AttributeKey.stringKey("http.request.method");
        public static final AttributeKey<String> HTTP_ROUTE = AttributeKey.stringKey("http.route");
        public static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");

        private Attr() {
        }
    }

    private static final Tracing OFF = new Tracing(OpenTelemetry.noop(), false, () -> { }, "off");

    private final OpenTelemetry otel;
    private final Tracer tracer;
    private final boolean enabled;
    private final Runnable shutdown;
    private final String description;

    private Tracing(OpenTelemetry otel, boolean enabled, Runnable shutdown, String description) {
        this.otel = otel;
        this.tracer = otel.getTracer(SCOPE);
        this.enabled = enabled;
        this.shutdown = shutdown;
        this.description = description;
    }

    /** No spans (OpenTelemetry's no-op). */
    public static Tracing off() {
        return OFF;
    }

    /** Spans to these exporters, each span handed over as it ends (tests: an in-memory exporter). */
    public static Tracing exportingTo(SpanExporter exporter, String description) {
        return withProcessors(List.of(SimpleSpanProcessor.create(exporter)), description);
    }

    /** Spans through these processors, with the factory's id generator and resource. */
    static Tracing withProcessors(List<SpanProcessor> processors, String description) {
        SdkTracerProviderBuilder b = configure(SdkTracerProvider.builder());
        processors.forEach(b::addSpanProcessor);
        SdkTracerProvider provider = b.build();
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(provider).build();
        return new Tracing(sdk, true, sdk::close, description);
    }

    /** An SDK made elsewhere (Azure Monitor's autoconfiguration) whose tracer provider was {@link #configure}d. */
    static Tracing of(OpenTelemetrySdk sdk, String description) {
        return new Tracing(sdk, true, sdk::close, description);
    }

    /** What every factory tracer provider has: the id generator that gives runs their span ids, the service's name. */
    static SdkTracerProviderBuilder configure(SdkTracerProviderBuilder b) {
        return b.setIdGenerator(new ForcedIds()).setResource(Resource.getDefault().merge(Resource.create(Attributes.of(
                AttributeKey.stringKey("service.name"), "connectsoft-factory"))));
    }

    public boolean enabled() {
        return enabled;
    }

    /** Where spans go, for logs and {@code factory serve}'s banner. */
    public String description() {
        return description;
    }

    /** The trace id of the span current on this thread, when one is recording or was carried in. */
    public static Optional<String> currentTraceId() {
        SpanContext c = Span.current().getSpanContext();
        return c.isValid() ? Optional.of(c.getTraceId()) : Optional.empty();
    }

    /** Starts a span; callers end it (try/finally) and make it current while work happens under it. */
    public Span start(String name, SpanKind kind, Context parent, Attributes attributes) {
        return tracer.spanBuilder(name).setSpanKind(kind).setParent(parent).setAllAttributes(attributes).startSpan();
    }

    /** A span that starts a trace of its own (an HTTP request, a CLI command): a caller's trace context is not trusted. */
    public Span root(String name, SpanKind kind, Attributes attributes) {
        return tracer.spanBuilder(name).setSpanKind(kind).setNoParent().setAllAttributes(attributes).startSpan();
    }

    /**
     * The run's own span, with the span id {@link TraceIds#runSpanId} gives and the run's trace id: under the current span
     * when that is in the run's trace (the request that started it), else the root of the run's trace. Ended at once.
     */
    public void runStarted(String tenantId, String runId, String traceId, int modules) {
        if (!enabled) {
            return;
        }
        String trace = TraceIds.w3c(traceId);
        SpanContext current = Span.current().getSpanContext();
        Context parent = current.isValid() && current.getTraceId().equals(trace) ? Context.current() : Context.root();
        ForcedIds.next(trace, TraceIds.runSpanId(runId));
        Span span;
        try {
            span = tracer.spanBuilder("run").setParent(parent).setAllAttributes(Attributes.of(Attr.TENANT, tenantId, Attr.RUN, runId,
                    Attr.COUNT, (long) modules)).startSpan();
        } finally {
            ForcedIds.clear();
        }
        span.end();
    }

    /** The run's span as a parent for its steps (the activities), wherever they run. */
    public Context runContext(String traceId, String runId) {
        return Context.root().with(Span.wrap(SpanContext.createFromRemoteParent(TraceIds.w3c(traceId), TraceIds.runSpanId(runId),
                TraceFlags.getSampled(), TraceState.getDefault())));
    }

    /**
     * Publishes from a producer span: the returned envelope carries that span as its {@code traceparent}. The span's parent
     * is the current span when it is in the event's trace, else the run's span (an event of a run), else a new root in the
     * event's trace. An envelope that already carries a traceparent (forwarded from an outbox) is returned as it is.
     */
    public Envelope published(Envelope event, String system) {
        if (!enabled || event.traceparent() != null) {
            return event;
        }
        Span span = startInTrace("publish " + event.eventType(), SpanKind.PRODUCER, event, Context.current(),
                messageAttributes(event, system, "publish").build());
        span.end();
        return event.withTraceparent(traceparent(span.getSpanContext()));
    }

    /**
     * Runs a delivery under a consumer span whose parent is the publisher's span (the envelope's traceparent); every
     * delivery of the same event, a redelivery too, gets a span of its own under that parent.
     */
    public <T> T consume(Envelope event, String system, String subscription, Work<T> work) throws Exception {
        if (!enabled) {
            return work.run();
        }
        AttributesBuilder a = messageAttributes(event, system, "process");
        if (subscription != null) {
            a.put(Attr.SUBSCRIPTION, subscription);
        }
        return inSpan(startInTrace("process " + event.eventType(), SpanKind.CONSUMER, event, Context.root(), a.build()), work);
    }

    /** {@link #consume} for work that throws no checked exception (a Functions trigger). */
    public <T> T process(Envelope event, String system, String subscription, java.util.function.Supplier<T> work) {
        try {
            return consume(event, system, subscription, work::get);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** Runs work in a span under {@code parent} (or the current span when {@code parent} is null); an exception marks it failed. */
    public <T> T inSpan(String name, Context parent, Attributes attributes, Work<T> work) throws Exception {
        if (!enabled) {
            return work.run();
        }
        return inSpan(start(name, SpanKind.INTERNAL, parent == null ? Context.current() : parent, attributes), work);
    }

    /** Work inside a span. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws Exception;
    }

    private static <T> T inSpan(Span span, Work<T> work) throws Exception {
        try (Scope ignored = span.makeCurrent()) {
            return work.run();
        } catch (Exception | Error e) {
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            throw e;
        } finally {
            span.end();
        }
    }

    /**
     * A capability bean whose every call is a span ({@code capability <name>}) under the current span (the delivery), or
     * under the event's publisher when it is called outside a delivery (a Functions trigger). Counts the events it returns.
     */
    public java.util.function.Function<Envelope, java.util.List<Envelope>> capability(String name,
            java.util.function.Function<Envelope, java.util.List<Envelope>> bean) {
        if (!enabled) {
            return bean;
        }
        return event -> {
            AttributesBuilder a = Attributes.builder().put(Attr.CAPABILITY, name).put(Attr.TENANT, event.tenantId())
                    .put(Attr.EVENT_TYPE, event.eventType());
            TraceIds.runOf(event).ifPresent(r -> a.put(Attr.RUN, r));
            if (event.moduleId() != null) {
                a.put(Attr.MODULE, event.moduleId());
            }
            Span span = startInTrace("capability " + name, SpanKind.INTERNAL, event, Context.current(), a.build());
            try (Scope ignored = span.makeCurrent()) {
                java.util.List<Envelope> out = bean.apply(event);
                span.setAttribute(Attr.COUNT, (long) out.size());
                return out;
            } catch (RuntimeException | Error e) {
                span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
                throw e;
            } finally {
                span.end();
            }
        };
    }

    /** The traceparent of the span current on this thread, when one is recording. */
    public Optional<String> currentTraceparent() {
        SpanContext c = Span.current().getSpanContext();
        return enabled && c.isValid() ? Optional.of(traceparent(c)) : Optional.empty();
    }

    /**
     * A span in the event's trace, under the first of: {@code current} when it is in that trace, the event's publisher
     * span (its traceparent), the run's span (an event of a run), none (the root, with the event's trace id).
     */
    private Span startInTrace(String name, SpanKind kind, Envelope event, Context current, Attributes attributes) {
        String trace = TraceIds.w3c(event.traceId());
        SpanContext here = Span.fromContext(current).getSpanContext();
        Context parent;
        if (here.isValid() && here.getTraceId().equals(trace)) {
            parent = current;
        } else if (event.traceparent() != null && event.traceparent().substring(3, 35).equals(trace)) {
            parent = Context.root().with(Span.wrap(SpanContext.createFromRemoteParent(trace, event.traceparent().substring(36, 52),
                    TraceFlags.getSampled(), TraceState.getDefault())));
        } else if (TraceIds.runOf(event).isPresent()) {
            parent = runContext(event.traceId(), TraceIds.runOf(event).get());
        } else {
            ForcedIds.next(trace, null);
            try {
                return tracer.spanBuilder(name).setSpanKind(kind).setNoParent().setAllAttributes(attributes).startSpan();
            } finally {
                ForcedIds.clear();
            }
        }
        return tracer.spanBuilder(name).setSpanKind(kind).setParent(parent).setAllAttributes(attributes).startSpan();
    }

    private static AttributesBuilder messageAttributes(Envelope event, String system, String operation) {
        AttributesBuilder a = Attributes.builder().put(Attr.TENANT, event.tenantId()).put(Attr.EVENT_TYPE, event.eventType())
                .put(Attr.MESSAGE_ID, event.eventId()).put(Attr.MESSAGING_SYSTEM, system).put(Attr.OPERATION, operation);
        TraceIds.runOf(event).ifPresent(r -> a.put(Attr.RUN, r));
        if (event.moduleId() != null) {
            a.put(Attr.MODULE, event.moduleId());
        }
        return a;
    }

    static String traceparent(SpanContext c) {
        return "00-" + c.getTraceId() + "-" + c.getSpanId() + "-" + c.getTraceFlags().asHex();
    }

    /** Flushes and stops the exporters. */
    @Override
    public void close() {
        shutdown.run();
    }

    @Override
    public String toString() {
        return "Tracing[" + description + "]";
    }
}
