package com.connectsoft.factory.platform.content;

import com.connectsoft.factory.shared.domain.TenantId;
import java.util.Objects;
import java.util.regex.Pattern;

/** The key every content store files bytes under: {@code <tenant>/sha256/<hex>}, from a checked {@code sha256:} hash. */
public final class ContentHashes {
    private static final Pattern HASH = Pattern.compile("sha256:[0-9a-f]{64}");

    private ContentHashes() {
    }

    /** The 64 hex digits of a {@code sha256:} hash; refuses anything else (so a hash can never name another path). */
    public static String hex(String contentHash) {
        if (contentHash == null || !HASH.matcher(contentHash).matches()) {
            throw new IllegalArgumentException("content hash '" + contentHash + "' must look like sha256:<64 hex digits>");
        }
        return contentHash.substring(7);
    }

    public static String key(TenantId tenant, String contentHash) {
        Objects.requireNonNull(tenant, "tenantId is required");
        return tenant.value() + "/sha256/" + hex(contentHash);
    }
}
