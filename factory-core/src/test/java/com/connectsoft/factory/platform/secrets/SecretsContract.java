package com.connectsoft.factory.platform.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every Secrets adapter must have (see {@link Secrets}): a stored secret is returned, an absent or blank
 * one is empty (never null, never an exception), names follow one rule and are compared without case, and a change at
 * the source is seen once the adapter's staleness bound has passed. How a source fails is the adapter's own (settings
 * cannot fail; Key Vault's refusals and outages are tested beside its adapter).
 */
public abstract class SecretsContract {
    /** An adapter whose source holds exactly these secrets (name as stored at the source → value). */
    protected abstract Secrets secrets(Map<String, String> stored);

    /**
     * The source now holds exactly {@code nowStored}; returns the adapter as a reader sees it once the port's staleness
     * bound has passed (Key Vault: the cache time; settings: the next start of the process).
     */
    protected abstract Secrets afterChange(Secrets adapter, Map<String, String> nowStored);

    @Test
    void aStoredSecretIsReturned() {
        Secrets s = secrets(Map.of("admin-key", "s3cr3t", "model-api-key", "k-123"));
        assertEquals(Optional.of("s3cr3t"), s.get("admin-key"));
        assertEquals(Optional.of("k-123"), s.get("model-api-key"));
    }

    @Test
    void anAbsentSecretIsEmptyNeverNullNorAnException() {
        Secrets s = secrets(Map.of("admin-key", "s3cr3t"));
        Optional<String> absent = s.get("nothing-here");
        assertNotNull(absent);
        assertEquals(Optional.empty(), absent);
        assertEquals(Optional.empty(), s.get("nothing-here"), "asked again, still empty");
    }

    @Test
    void aBlankValueCountsAsAbsent() {
        Secrets s = secrets(Map.of("empty-one", " ", "admin-key", "s3cr3t"));
        assertEquals(Optional.empty(), s.get("empty-one"));
    }

    @Test
    void namesAreComparedWithoutRegardToCase() {
        Secrets s = secrets(Map.of("admin-key", "s3cr3t"));
        assertEquals(Optional.of("s3cr3t"), s.get("Admin-Key"));
        assertEquals(Optional.of("s3cr3t"), s.get("ADMIN-KEY"));
    }

    @Test
    void aNameOutsideTheRuleIsRefusedSayingTheRule() {
        Secrets s = secrets(Map.of("admin-key", "s3cr3t", "a-b", "dash"));
        List<String> invalid = new ArrayList<>(Arrays.asList(null, "", " ", "bad name!", "a_b", "admin.key", "../admin-key",
                "admin-key/versions", "ädmin", "x".repeat(128), "admin-key\n"));
        for (String name : invalid) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.get(name), "name " + name);
            assertTrue(e.getMessage().contains("1-127 letters, digits or '-'"), e.getMessage());
        }
        assertEquals(Optional.of("x"), secrets(Map.of("x".repeat(127), "x")).get("x".repeat(127)), "127 characters are allowed");
    }

    @Test
    void aChangedSecretIsSeenOnceTheStalenessBoundHasPassed() {
        Map<String, String> stored = new HashMap<>(Map.of("admin-key", "v1", "retired", "old"));
        Secrets s = secrets(stored);
        assertEquals(Optional.of("v1"), s.get("admin-key"));
        assertEquals(Optional.of("old"), s.get("retired"));
        assertEquals(Optional.empty(), s.get("created-later"));

        Secrets later = afterChange(s, Map.of("admin-key", "v2", "created-later", "new"));
        assertEquals(Optional.of("v2"), later.get("admin-key"), "a rotated value");
        assertEquals(Optional.of("new"), later.get("created-later"), "a secret created after a miss");
        assertEquals(Optional.empty(), later.get("retired"), "a deleted secret");
    }
}
