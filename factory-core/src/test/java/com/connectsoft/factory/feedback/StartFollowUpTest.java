package com.connectsoft.factory.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.feedback.adapter.DocumentFeedbackItems;
import com.connectsoft.factory.feedback.application.StartFollowUp;
import com.connectsoft.factory.feedback.application.StartFollowUp.Outcome;
import com.connectsoft.factory.feedback.application.StartFollowUp.Started;
import com.connectsoft.factory.feedback.domain.FeedbackItem;
import com.connectsoft.factory.feedback.domain.FeedbackKind;
import com.connectsoft.factory.feedback.domain.FeedbackSignal;
import com.connectsoft.factory.run.TestFactory;
import com.connectsoft.factory.shared.domain.TenantId;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A follow-up run starts once per item: concurrent requests, repeats, a refused or failed start that gives the claim back. */
class StartFollowUpTest {
    private static final TenantId ACME = TenantId.of("acme");
    private Factory app;
    private DocumentFeedbackItems items;

    @BeforeEach
    void open() throws Exception {
        app = Factory.with(TestFactory.settings(Files.createTempDirectory("follow-up").resolve("data"))).open();
        items = new DocumentFeedbackItems(app.platform().store(), Clock.systemUTC());
        items.add(ACME, new FeedbackItem("fb-1", "acme", FeedbackKind.BUILD, FeedbackSignal.BUILD_FAILED, "run-1", "m", "orders", "art-1",
                "T@1.0.0", "c0ffee", "trace-1", "whe-1", "ConnectSoft.Factory.ModuleBuildCompleted", "build failed", Instant.now(), Instant.now(),
                null));
    }

    @AfterEach
    void close() {
        app.close();
    }

    @Test
    void twoConcurrentRequestsStartOneRunAndBothLearnIt() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger starts = new AtomicInteger();
        StartFollowUp followUp = new StartFollowUp(items, (tenant, runId) -> {
            starts.incrementAndGet();
            inside.countDown();
            try {
                assertTrue(release.await(30, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Started.Run("run-2");
        });
        CompletableFuture<Outcome> first = CompletableFuture.supplyAsync(() -> followUp.start(ACME, "fb-1"));
        assertTrue(inside.await(30, TimeUnit.SECONDS));
        assertInstanceOf(Outcome.Busy.class, followUp.start(ACME, "fb-1"), "the second request does not start another run");
        release.countDown();
        Outcome.FollowedUp done = assertInstanceOf(Outcome.FollowedUp.class, first.get(30, TimeUnit.SECONDS));
        assertTrue(done.started());
        Outcome.FollowedUp again = assertInstanceOf(Outcome.FollowedUp.class, followUp.start(ACME, "fb-1"));
        assertEquals("run-2", again.runId());
        assertEquals(false, again.started());
        assertEquals(1, starts.get());
        assertEquals("run-2", items.find(ACME, "fb-1").orElseThrow().followUpRunId());
        assertEquals(1, items.followedUpBy(ACME, "run-2").size());
    }

    @Test
    void aRefusedOrFailedStartGivesTheClaimBack() {
        StartFollowUp refusing = new StartFollowUp(items, (tenant, runId) -> new Started.Refused("blueprint bp-x version 1 is gone"));
        assertEquals("blueprint bp-x version 1 is gone", assertInstanceOf(Outcome.Refused.class, refusing.start(ACME, "fb-1")).reason());
        StartFollowUp failing = new StartFollowUp(items, (tenant, runId) -> {
            throw new IllegalStateException("store down");
        });
        assertThrows(IllegalStateException.class, () -> failing.start(ACME, "fb-1"));
        StartFollowUp working = new StartFollowUp(items, (tenant, runId) -> new Started.Run("run-3"));
        assertEquals("run-3", assertInstanceOf(Outcome.FollowedUp.class, working.start(ACME, "fb-1")).runId());
        assertInstanceOf(Outcome.NotFound.class, working.start(TenantId.of("globex"), "fb-1"), "another tenant's item is unknown");
    }
}
