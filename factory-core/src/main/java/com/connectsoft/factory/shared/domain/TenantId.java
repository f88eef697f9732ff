package com.connectsoft.factory.shared.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/** The owning tenant of a record: the isolation boundary and partition key of every store. */
public record TenantId(String value) {
    private static final Pattern FORMAT = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

    public TenantId {
        Objects.requireNonNull(value, "tenantId is required");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("tenantId '" + value
                    + "' is invalid: use 2-63 lowercase letters, digits or '-', starting with a letter or digit");
        }
    }

    public static TenantId of(String value) {
        return new TenantId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
