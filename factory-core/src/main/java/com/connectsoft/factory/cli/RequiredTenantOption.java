package com.connectsoft.factory.cli;

import com.connectsoft.factory.shared.domain.TenantId;
import picocli.CommandLine.Option;

/** {@code --tenant} of the commands that act for a tenant and must be told which. */
final class RequiredTenantOption {
    @Option(names = "--tenant", required = true, description = "The tenant.")
    String tenant;

    /** @throws IllegalArgumentException (exit 2) when it is not a tenant id */
    TenantId value() {
        try {
            return TenantId.of(tenant);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--tenant: " + e.getMessage());
        }
    }
}
