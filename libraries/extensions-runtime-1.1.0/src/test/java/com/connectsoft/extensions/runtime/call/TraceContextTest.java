package com.connectsoft.extensions.runtime.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Trace context, correlation ids and headers: the request's own when well-formed, fresh ones otherwise. */
class TraceContextTest {
    private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    @Test
    void aWellFormedTraceparentIsContinuedAndAnythingElseReplaced() {
        assertEquals(TRACEPARENT, TraceContext.traceparent(Optional.of(TRACEPARENT)));
        for (String bad : new String[] {"01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "00-XYZ-b7ad6b7169203331-01",
                TRACEPARENT + "\nforged: yes", ""}) {
            String fresh = TraceContext.traceparent(Optional.of(bad));
            assertNotEquals(bad, fresh);
            assertTrue(TraceContext.isTraceparent(fresh), fresh);
        }
        String a = TraceContext.traceparent(Optional.empty());
        String b = TraceContext.traceparent(Optional.empty());
        assertTrue(TraceContext.isTraceparent(a));
        assertNotEquals(TraceContext.traceId(a), TraceContext.traceId(b));
        assertEquals("0af7651916cd43dd8448eb211c80319c", TraceContext.traceId(TRACEPARENT));
        assertThrows(IllegalArgumentException.class, () -> TraceContext.traceId("nope"));
        assertFalse(TraceContext.isTraceparent(null));
    }

    @Test
    void aNewSpanKeepsTheTraceId() {
        String one = TraceContext.traceparent("0af7651916cd43dd8448eb211c80319c");
        String two = TraceContext.traceparent("0af7651916cd43dd8448eb211c80319c");
        assertTrue(one.startsWith("00-0af7651916cd43dd8448eb211c80319c-") && one.endsWith("-01"), one);
        assertTrue(TraceContext.isTraceparent(one));
        assertNotEquals(one, two, "each span has its own id");
        assertEquals(16, TraceContext.hex(8).length());
    }

    @Test
    void correlationIdsAreTheClientsWhenSafe() {
        assertEquals("order-42:a.b_c", TraceContext.correlationId(Optional.of("order-42:a.b_c")));
        String fresh = TraceContext.correlationId(Optional.of("bad id\r\nx"));
        assertTrue(fresh.startsWith("corr-"), fresh);
        assertTrue(TraceContext.correlationId(Optional.of("x".repeat(129))).startsWith("corr-"));
        assertEquals("x".repeat(128), TraceContext.correlationId(Optional.of("x".repeat(128))));
        assertNotEquals(TraceContext.correlationId(Optional.empty()), TraceContext.correlationId(Optional.empty()));
    }

    @Test
    void headersAreFoundWhateverTheirCaseAndBlankIsAbsent() {
        Map<String, String> headers = new HashMap<>();
        headers.put("Authorization", "Bearer x");
        headers.put("X-Blank", "  ");
        headers.put(null, "nameless");
        headers.put("X-Null", null);
        assertEquals(Optional.of("Bearer x"), TraceContext.header(headers, "authorization"));
        assertEquals(Optional.empty(), TraceContext.header(headers, "x-blank"));
        assertEquals(Optional.empty(), TraceContext.header(headers, "x-null"));
        assertEquals(Optional.empty(), TraceContext.header(headers, "missing"));
        assertEquals(Optional.empty(), TraceContext.header(null, "authorization"));
    }

    @Test
    void aCallNeedsItsIdsAndStartsASpanWhenNoneIsGiven() {
        Call call = new Call("tenant-a", "0af7651916cd43dd8448eb211c80319c", "corr-1");
        assertEquals("0af7651916cd43dd8448eb211c80319c", TraceContext.traceId(call.traceparent()));
        assertEquals("tenant-a", call.tenantId());
        assertThrows(NullPointerException.class, () -> new Call(null, "t", "c", "p"));
        assertThrows(NullPointerException.class, () -> new Call("a", null, "c", "p"));
        assertThrows(NullPointerException.class, () -> new Call("a", "t", null, "p"));
        assertThrows(NullPointerException.class, () -> new Call("a", "t", "c", null));
    }
}
