package com.connectsoft.factory.preview.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A preview session's development signing key: its public JWKS (what the modules trust, as {@code AUTH_JWKS_FILE})
 * and tokens it signs for any tenant. The private key never leaves the process.
 */
public interface SigningKey {
    List<String> ALL_ROLES = List.of("Data.Read", "Data.Write");

    String issuer();

    String audience();

    /** The public keys, as a JWKS document. */
    String jwks();

    /** A token for {@code tenant} ({@code tid}) with {@code roles}, valid from {@code now} for {@code validity}. */
    String token(String tenant, List<String> roles, Instant now, Duration validity);
}
