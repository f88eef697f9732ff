package com.connectsoft.extensions.runtime.idempotency;

import com.connectsoft.extensions.runtime.json.Json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The {@code Idempotency-Key} request header: 1 to {@value #MAX_LENGTH} printable ASCII characters (no spaces or
 * controls). Keys are kept per tenant as a SHA-256 hash, with the SHA-256 of the request body (keys sorted, so the
 * order of properties does not matter), for {@link #RETENTION}.
 */
public final class IdempotencyKeys {
    public static final String HEADER = "Idempotency-Key";
    public static final int MAX_LENGTH = 128;
    public static final Duration RETENTION = Duration.ofHours(24);
    private static final ObjectMapper CANONICAL = Json.MAPPER.copy().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private IdempotencyKeys() {
    }

    /** Why the header value is not a usable key, or empty when it is. */
    public static Optional<String> problem(String key) {
        if (key.isEmpty() || key.length() > MAX_LENGTH) {
            return Optional.of(HEADER + " must be 1 to " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return Optional.of(HEADER + " may hold printable ASCII characters only (no spaces or controls), e.g. a UUID");
            }
        }
        return Optional.empty();
    }

    public static String keyHash(String key) {
        return sha256(key.getBytes(StandardCharsets.UTF_8));
    }

    public static String requestHash(JsonNode body) {
        try {
            return sha256(CANONICAL.writeValueAsBytes(CANONICAL.convertValue(body, Object.class)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot hash the request body", e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
