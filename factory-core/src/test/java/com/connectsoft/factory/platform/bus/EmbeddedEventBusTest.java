package com.connectsoft.factory.platform.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.platform.bus.embedded.EmbeddedEventBus;
import com.connectsoft.factory.platform.store.sqlite.EmbeddedDatabase;
import com.connectsoft.factory.shared.domain.Envelope;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded bus over the SQLite database: the EventBus contract, and what survives a restart. */
class EmbeddedEventBusTest extends EventBusContract {
    @TempDir
    Path dir;
    private EmbeddedDatabase db;
    private EmbeddedEventBus bus;

    @BeforeEach
    void open() {
        db = EmbeddedDatabase.open(dir);
        bus = new EmbeddedEventBus(db, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        bus.close();
        db.close();
    }

    @Override
    protected EventBus bus() {
        return bus;
    }

    @Test
    void aPendingDeliverySurvivesARestartAndIsDeliveredByTheNextProcess() {
        RetryPolicy slow = new RetryPolicy(5, Duration.ofMillis(300), Duration.ofMillis(300));
        bus.subscribe(new Subscription("worker", Set.of(), slow), e -> {
            throw new IllegalStateException("worker crashed");
        });
        Envelope e = event(A, "RenderModule");
        bus.publish(e);
        bus.close(); // the process stops with the delivery still pending
        db.close();

        db = EmbeddedDatabase.open(dir);
        bus = new EmbeddedEventBus(db, Clock.systemUTC());
        List<String> got = new CopyOnWriteArrayList<>();
        bus.subscribe(new Subscription("worker", Set.of(), slow), ev -> got.add(ev.eventId()));
        assertTrue(bus.awaitIdle(Duration.ofSeconds(10)));
        assertEquals(List.of(e.eventId()), got);
    }
}
