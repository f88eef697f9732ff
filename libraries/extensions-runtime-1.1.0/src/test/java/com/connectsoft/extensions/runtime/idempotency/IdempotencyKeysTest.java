package com.connectsoft.extensions.runtime.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.extensions.runtime.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Idempotency-Key values, their hashes and the stored record of a first request. */
class IdempotencyKeysTest {
    @Test
    void aKeyIsOneTo128PrintableAsciiCharacters() {
        assertEquals(Optional.empty(), IdempotencyKeys.problem("a"));
        assertEquals(Optional.empty(), IdempotencyKeys.problem("!".repeat(128)));
        assertEquals(Optional.empty(), IdempotencyKeys.problem("~"));
        assertTrue(IdempotencyKeys.problem("").orElseThrow().contains("1 to 128"));
        assertTrue(IdempotencyKeys.problem("k".repeat(129)).orElseThrow().contains("1 to 128"));
        assertTrue(IdempotencyKeys.problem("a b").orElseThrow().contains("printable ASCII"));
        assertTrue(IdempotencyKeys.problem("a\u007f").isPresent());
        assertTrue(IdempotencyKeys.problem("a\u0020").isPresent());
        assertTrue(IdempotencyKeys.problem("é").isPresent());
        assertEquals("Idempotency-Key", IdempotencyKeys.HEADER);
        assertEquals(Duration.ofHours(24), IdempotencyKeys.RETENTION);
    }

    @Test
    void hashesAreSha256AndTheBodyHashIgnoresPropertyOrder() {
        assertEquals("ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb", IdempotencyKeys.keyHash("a"));
        String one = IdempotencyKeys.requestHash(Json.MAPPER.createObjectNode().put("a", 1).put("b", "x"));
        String two = IdempotencyKeys.requestHash(Json.MAPPER.createObjectNode().put("b", "x").put("a", 1));
        assertEquals(one, two);
        assertEquals(64, one.length());
        assertNotEquals(one, IdempotencyKeys.requestHash(Json.MAPPER.createObjectNode().put("a", 2).put("b", "x")));
    }

    @Test
    void aRecordExpiresAtItsTimeAndTakesTheEntity() {
        Instant at = Instant.parse("2025-01-02T00:00:00Z");
        IdempotencyRecord r = new IdempotencyRecord("k", "h", 201, null, 0, at, "\"r1\"");
        assertFalse(r.expiredAt(at.minusMillis(1)));
        assertTrue(r.expiredAt(at));
        assertTrue(r.expiredAt(at.plusSeconds(1)));
        IdempotencyRecord withEntity = r.withEntity("p-1", 3);
        assertEquals(new IdempotencyRecord("k", "h", 201, "p-1", 3, at, "\"r1\""), withEntity);
    }
}
