package com.connectsoft.factory.app;

import com.connectsoft.factory.capability.Capability;
import com.connectsoft.factory.capability.CapabilityRegistry;
import com.connectsoft.factory.platform.bus.EventBus;
import com.connectsoft.factory.platform.bus.RetryPolicy;
import com.connectsoft.factory.platform.bus.Subscription;
import com.connectsoft.factory.shared.domain.Envelope;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The capability beans by registry name: each takes its input event and returns the events to publish. The local
 * host subscribes them to the embedded bus here; the function app calls the same beans from its triggers.
 */
public final class Capabilities {
    private final Map<String, Function<Envelope, List<Envelope>>> beans;

    Capabilities(Map<String, Function<Envelope, List<Envelope>>> beans) {
        Set<String> missing = new HashSet<>();
        CapabilityRegistry.all().forEach(c -> missing.add(c.name()));
        missing.removeAll(beans.keySet());
        Set<String> extra = new HashSet<>(beans.keySet());
        CapabilityRegistry.all().forEach(c -> extra.remove(c.name()));
        if (!missing.isEmpty() || !extra.isEmpty()) {
            throw new IllegalStateException("capability beans and registry differ: without a bean " + missing + ", not registered " + extra);
        }
        this.beans = Map.copyOf(new LinkedHashMap<>(beans));
    }

    public Function<Envelope, List<Envelope>> bean(String capability) {
        Function<Envelope, List<Envelope>> f = beans.get(capability);
        if (f == null) {
            throw new IllegalArgumentException("no capability '" + capability + "'");
        }
        return f;
    }

    /**
     * Handles one delivery the way every trigger does: refuses events the capability does not take (poison), calls
     * the bean and publishes what it returns.
     */
    public List<Envelope> handle(Capability capability, Envelope event, EventBus bus) {
        return run(capability, bean(capability.name()), event, bus);
    }

    /** The same for a bean the caller holds (the function app takes it from its Spring context). */
    public static List<Envelope> run(Capability capability, Function<Envelope, List<Envelope>> bean, Envelope event, EventBus bus) {
        if (!capability.accepts(event.eventType())) {
            throw new com.connectsoft.factory.platform.bus.PoisonEventException(capability.name() + " does not take " + event.eventType()
                    + "; its subscription filter is " + capability.sqlFilter());
        }
        List<Envelope> out = bean.apply(event);
        out.forEach(bus::publish);
        return out;
    }

    /**
     * One subscription per capability on the embedded bus, with the registry's delivery count, handling as many events
     * at once as {@code concurrency} says for the capability (module builds run side by side; the rest one at a time).
     */
    public void subscribeAll(EventBus bus, java.util.function.ToIntFunction<Capability> concurrency) {
        for (Capability c : CapabilityRegistry.all()) {
            RetryPolicy retry = new RetryPolicy(c.maxDeliveries(), Duration.ofMillis(500), Duration.ofSeconds(30));
            bus.subscribe(new Subscription(c.subscription(), c.inputEventTypes(), retry, Math.max(1, concurrency.applyAsInt(c))),
                    event -> handle(c, event, bus));
        }
    }
}
