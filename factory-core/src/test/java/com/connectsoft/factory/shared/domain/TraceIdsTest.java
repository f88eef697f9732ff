package com.connectsoft.factory.shared.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** W3C ids of runs: minted, derived for older runs, the run's span id, and traceparents an envelope accepts. */
class TraceIdsTest {
    @Test
    void aRunsTraceIdIsAW3cTraceIdAndOlderIdsMapOntoOneStably() {
        String minted = TraceIds.mint();
        assertTrue(TraceIds.isW3c(minted), minted);
        assertNotEquals(minted, TraceIds.mint());
        assertEquals(minted, TraceIds.w3c(minted));
        assertFalse(TraceIds.isW3c("0".repeat(32)), "the all-zero id is invalid");
        assertFalse(TraceIds.isW3c("ABCDEF0123456789ABCDEF0123456789"), "upper case is not W3C");
        String old = TraceIds.w3c("trace-5eb77c44a693");
        assertTrue(TraceIds.isW3c(old));
        assertEquals(old, TraceIds.w3c("trace-5eb77c44a693"));
        assertNotEquals(old, TraceIds.w3c("trace-5eb77c44a694"));
    }

    @Test
    void theRunsSpanIdComesFromItsRunIdAndEventsNameTheirRunByCorrelation() {
        assertEquals(TraceIds.runSpanId("run-01"), TraceIds.runSpanId("run-01"));
        assertNotEquals(TraceIds.runSpanId("run-01"), TraceIds.runSpanId("run-02"));
        assertTrue(TraceIds.isSpanId(TraceIds.runSpanId("run-01")));
        assertEquals(Optional.of("run-01abc"), TraceIds.runOf(event("corr-run-01abc", null)));
        assertEquals(Optional.empty(), TraceIds.runOf(event("corr-webhook-1", null)));
        assertEquals(Optional.empty(), TraceIds.runOf(event(null, null)));
    }

    @Test
    void anEnvelopeKeepsOnlyAWellFormedTraceparent() {
        String trace = TraceIds.mint();
        String ok = "00-" + trace + "-00f067aa0ba902b7-01";
        assertEquals(ok, event("corr-run-1", ok).traceparent());
        assertEquals(ok, event("corr-run-1", null).withTraceparent(ok).traceparent());
        for (String bad : new String[] {"01-" + trace + "-00f067aa0ba902b7-01", "00-" + trace + "-0000000000000000-01",
                "00-" + "0".repeat(32) + "-00f067aa0ba902b7-01", "00-" + trace + "-00f067aa0ba902b7-01-extra", "|" + trace + ".1.", ""}) {
            assertNull(event("corr-run-1", bad).traceparent(), bad);
        }
    }

    private static Envelope event(String correlationId, String traceparent) {
        return new Envelope("evt-1", "ThingHappened", "acme", null, null, "trace-1", correlationId, null, Instant.EPOCH, 1,
                new Payload("{}"), traceparent);
    }
}
