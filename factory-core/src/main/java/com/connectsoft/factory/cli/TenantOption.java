package com.connectsoft.factory.cli;

import com.connectsoft.factory.app.FactorySettings;
import com.connectsoft.factory.shared.domain.TenantId;
import picocli.CommandLine.Option;

/** {@code --tenant} of the read commands: given, or $FACTORY_TENANT, or the tenant of the last {@code generate} here. */
final class TenantOption {
    @Option(names = "--tenant", description = "Tenant (default: $FACTORY_TENANT or the tenant of the last generate).")
    String tenant;

    TenantId resolve(FactorySettings settings) {
        return Profile.tenant(settings, tenant);
    }
}
