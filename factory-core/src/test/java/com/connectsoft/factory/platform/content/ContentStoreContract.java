package com.connectsoft.factory.platform.content;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.shared.domain.TenantId;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The behaviour every ContentStore adapter must have (Blob Storage extends this in its own module). */
public abstract class ContentStoreContract {
    protected static final TenantId A = TenantId.of("tenant-a");
    protected static final TenantId B = TenantId.of("tenant-b");

    protected abstract ContentStore store();

    @Test
    void bytesAreAddressedByTheirSha256() {
        byte[] bytes = "hello".getBytes(StandardCharsets.UTF_8);
        ContentRef ref = store().put(A, bytes);
        assertEquals("sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", ref.contentHash());
        assertEquals(5, ref.size());
        assertArrayEquals(bytes, store().get(A, ref.contentHash()).orElseThrow());
        assertTrue(store().exists(A, ref.contentHash()));
    }

    @Test
    void puttingTheSameBytesTwiceIsIdempotent() {
        ContentRef one = store().put(A, new byte[] {1, 2, 3});
        ContentRef two = store().put(A, new byte[] {1, 2, 3});
        assertEquals(one, two);
    }

    @Test
    void aBatchIsStoredAsPutsInOrderAndTheSameBytesTwiceAreOneContent() {
        java.util.List<byte[]> batch = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            batch.add(("file " + i).getBytes(StandardCharsets.UTF_8));
        }
        batch.add("file 7".getBytes(StandardCharsets.UTF_8));
        java.util.List<ContentRef> refs = store().putAll(A, batch);
        assertEquals(batch.size(), refs.size());
        for (int i = 0; i < batch.size(); i++) {
            assertEquals(store().put(A, batch.get(i)), refs.get(i), "entry " + i);
            assertArrayEquals(batch.get(i), store().get(A, refs.get(i).contentHash()).orElseThrow());
            assertFalse(store().exists(B, refs.get(i).contentHash()), "stored for tenant A only");
        }
        assertEquals(refs.get(7), refs.get(20));
        assertEquals(java.util.List.of(), store().putAll(A, java.util.List.of()));
        assertThrows(NullPointerException.class, () -> store().putAll(null, batch));
    }

    @Test
    void aTenantCannotReadOrDeleteAnothersBytes() {
        ContentRef ref = store().put(A, "secret of a".getBytes(StandardCharsets.UTF_8));
        assertTrue(store().get(B, ref.contentHash()).isEmpty());
        assertFalse(store().exists(B, ref.contentHash()));
        assertFalse(store().delete(B, ref.contentHash()));
        assertTrue(store().exists(A, ref.contentHash()));
    }

    @Test
    void deleteRemovesOnlyThatCopy() {
        ContentRef ref = store().put(A, new byte[] {9});
        store().put(B, new byte[] {9});
        assertTrue(store().delete(A, ref.contentHash()));
        assertFalse(store().exists(A, ref.contentHash()));
        assertTrue(store().exists(B, ref.contentHash()));
    }

    @Test
    void malformedHashesAndMissingTenantsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> store().get(A, "md5:abc"));
        assertThrows(IllegalArgumentException.class, () -> store().get(A, "sha256:../../etc/passwd"));
        assertThrows(NullPointerException.class, () -> store().put(null, new byte[] {1}));
    }
}
