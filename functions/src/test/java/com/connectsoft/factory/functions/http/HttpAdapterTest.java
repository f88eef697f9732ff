package com.connectsoft.factory.functions.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The client address failed sign-ins are counted against: the hop App Service's front end appended, not a client's claim. */
class HttpAdapterTest {
    @Test
    void theClientIsTheLastForwardedHopWithoutItsPort() {
        assertEquals("203.0.113.7", HttpAdapter.client(Map.of("x-forwarded-for", "203.0.113.7:51234")));
        assertEquals("203.0.113.7", HttpAdapter.client(Map.of("X-Forwarded-For", "10.0.0.1, 198.51.100.2:1, 203.0.113.7:51234")),
                "a forged first entry is not the client");
        assertEquals("2001:db8::1", HttpAdapter.client(Map.of("x-forwarded-for", "[2001:db8::1]:443")));
        assertEquals("2001:db8::1", HttpAdapter.client(Map.of("x-forwarded-for", "2001:db8::1")));
        assertEquals("", HttpAdapter.client(Map.of()));
        assertEquals("", HttpAdapter.client(Map.of("x-forwarded-for", "evil\nforged-log-line")));
    }
}
