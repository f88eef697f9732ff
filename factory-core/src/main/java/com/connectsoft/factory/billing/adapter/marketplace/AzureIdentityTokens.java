package com.connectsoft.factory.billing.adapter.marketplace;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.identity.DefaultAzureCredentialBuilder;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * Tokens from the app's identity through azure-identity's {@code DefaultAzureCredential} (managed identity in Azure;
 * environment, workload identity or the developer's sign-in elsewhere), for the Marketplace API's resource. The
 * credential is made on first use, so a dry run never needs one; a token is reused until five minutes before it expires.
 */
public final class AzureIdentityTokens implements MarketplaceTokens {
    private static final TokenRequestContext SCOPE = new TokenRequestContext().addScopes(RESOURCE + "/.default");
    private TokenCredential credential;
    private AccessToken cached;

    @Override
    public synchronized String token() {
        if (cached == null || cached.getExpiresAt().isBefore(OffsetDateTime.now().plus(Duration.ofMinutes(5)))) {
            if (credential == null) {
                credential = new DefaultAzureCredentialBuilder().build();
            }
            cached = credential.getTokenSync(SCOPE);
        }
        return cached.getToken();
    }
}
