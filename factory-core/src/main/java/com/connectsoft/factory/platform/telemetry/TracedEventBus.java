package com.connectsoft.factory.platform.telemetry;

import com.connectsoft.factory.platform.bus.DeadLetter;
import com.connectsoft.factory.platform.bus.EventBus;
import com.connectsoft.factory.platform.bus.EventHandler;
import com.connectsoft.factory.platform.bus.Subscription;
import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.shared.domain.TenantId;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * An event bus whose publishes are producer spans (each event leaves carrying its span as {@code traceparent}) and
 * whose deliveries are consumer spans under the publisher's span. Same guarantees as the bus it wraps.
 */
public final class TracedEventBus implements EventBus {
    private final EventBus bus;
    private final Tracing tracing;
    private final String system;

    /** @param system the messaging system spans name ({@code servicebus}, {@code factory-embedded}) */
    public TracedEventBus(EventBus bus, Tracing tracing, String system) {
        this.bus = Objects.requireNonNull(bus, "bus");
        this.tracing = Objects.requireNonNull(tracing, "tracing");
        this.system = Objects.requireNonNull(system, "system");
    }

    @Override
    public void publish(Envelope event) {
        bus.publish(tracing.published(event, system));
    }

    @Override
    public void subscribe(Subscription subscription, EventHandler handler) {
        bus.subscribe(subscription, event -> tracing.consume(event, system, subscription.name(), () -> {
            handler.handle(event);
            return null;
        }));
    }

    @Override
    public boolean awaitIdle(Duration timeout) {
        return bus.awaitIdle(timeout);
    }

    @Override
    public List<DeadLetter> deadLetters(TenantId tenant) {
        return bus.deadLetters(tenant);
    }

    @Override
    public void close() {
        bus.close();
    }
}
