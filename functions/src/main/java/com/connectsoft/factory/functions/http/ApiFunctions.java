package com.connectsoft.factory.functions.http;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The HTTP API under {@code /api/v1}, one function per resource, every route of {@code FactoryApi} reachable (the
 * {@code FunctionBindingsIT} checks each route of the OpenAPI document against these functions' routes and methods).
 * Every function is anonymous at the host and FactoryApi is the only enforcer: the tenant comes from the caller's Entra
 * ID access token (validated in process; its directory must be linked to the tenant) or a tenant API key, and routes
 * that need one refuse a caller without it (401). A host function key would be one secret shared by every tenant and
 * the web app, which cannot keep one (it runs in the browser); the Event Grid webhook's deliveries present their
 * tenant's webhook credential.
 */
@Component
public class ApiFunctions {
    private final HttpAdapter http;

    public ApiFunctions(HttpAdapter http) {
        this.http = http;
    }

    @FunctionName("Tenants")
    public HttpResponseMessage tenants(@HttpTrigger(name = "req", methods = {HttpMethod.POST}, authLevel = AuthorizationLevel.ANONYMOUS,
            route = "v1/tenants", dataType = "binary") HttpRequestMessage<Optional<byte[]>> request) {
        return http.handle(request);
    }

    @FunctionName("Tenant")
    public HttpResponseMessage tenant(@HttpTrigger(name = "req", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.ANONYMOUS,
            route = "v1/tenant", dataType = "binary") HttpRequestMessage<Optional<byte[]>> request) {
        return http.handle(request);
    }

    @FunctionName("Projects")
    public HttpResponseMessage projects(@HttpTrigger(name = "req", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.ANONYMOUS,
            route = "v1/projects/{*rest}", dataType = "binary") HttpRequestMessage<Optional<byte[]>> request) {
        return http.handle(request);
    }

    @FunctionName("Blueprints")
    public HttpResponseMessage blueprints(@HttpTrigger(name = "req", methods = {HttpMethod.GET, HttpMethod.POST},
            authLevel = AuthorizationLevel.ANONYMOUS, route = "v1/blueprints/{*rest}", dataType = "binary")
                                          HttpRequestMessage<Optional<byte[]>> request) {
        return http.handle(request);
    }

    @FunctionName("Runs")
    public HttpResponseMessage runs(@HttpTrigger(name = "req", methods = {HttpMethod.GET, HttpMethod.POST},
            authLevel = AuthorizationLevel.ANONYMOUS, route = "v1/runs/{*rest}", dataType = "binary") HttpRequestMessage<Optional<byte[]>> request,
            @com.microsoft.durabletask.azurefunctions.DurableClientInput(name = "durableContext")
            com.microsoft.durabletask.azurefunctions.DurableClientContext durable) {
        // start, status, approve / reject / cancel: runs are Durable Functions orchestrations reached through this client
        return com.connectsoft.factory.functions.durable.InvocationOrchestrations.using(durable.getClient(), () -> http.handle(request));
    }

    @FunctionName("Artifacts")
    public HttpResponseMessage artifacts(@HttpTrigger(name = "req", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.ANONYMOUS,
            route = "v1/artifacts/{*rest}", dataType = "binary") HttpRequestMessage<Optional<byte[]>> request) {
        return http.handle(request);
    }

    @FunctionName("Usage")
    public HttpResponseMessage usage(@HttpTrigger(name = "req", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.ANONYMOUS,
            route = "v1/usage", dataType = "binary") HttpRequestMessage<Optional<byte[]>> request) {
        return http.handle(request);
    }

    /** The tenant's audit log and its verification ({@code /api/v1/audit}, {@code /api/v1/audit/verify}). */
    @FunctionName("Audit")
    public HttpResponseMessage audit(@HttpTrigger(name = "req", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.ANONYMOUS,
            route = "v1/audit/{*rest}", dataType = "binary") HttpRequestMessage<Optional<byte[]>> request) {
        return http.handle(request);
    }

    /** The tenant's feedback items; a follow-up run starts as a Durable Functions orchestration ({@code /api/v1/feedback/...}). */
    @FunctionName("Feedback")
    public HttpResponseMessage feedback(@HttpTrigger(name = "req", methods = {HttpMethod.GET, HttpMethod.POST},
            authLevel = AuthorizationLevel.ANONYMOUS, route = "v1/feedback/{*rest}", dataType = "binary") HttpRequestMessage<Optional<byte[]>> request,
            @com.microsoft.durabletask.azurefunctions.DurableClientInput(name = "durableContext")
            com.microsoft.durabletask.azurefunctions.DurableClientContext durable) {
        return com.connectsoft.factory.functions.durable.InvocationOrchestrations.using(durable.getClient(), () -> http.handle(request));
    }

    /** The public template catalog, each version with its verification ({@code /api/v1/templates}, {@code /api/v1/templates/{id}/versions}). */
    @FunctionName("Templates")
    public HttpResponseMessage templates(@HttpTrigger(name = "req", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.ANONYMOUS,
            route = "v1/templates/{*rest}", dataType = "binary") HttpRequestMessage<Optional<byte[]>> request) {
        return http.handle(request);
    }

    /** Search the caller's tenant's knowledge and the platform's ({@code /api/v1/search?q=}). */
    @FunctionName("Search")
    public HttpResponseMessage search(@HttpTrigger(name = "req", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.ANONYMOUS,
            route = "v1/search", dataType = "binary") HttpRequestMessage<Optional<byte[]>> request) {
        return http.handle(request);
    }

    /** The tenant's webhooks: list, create, rotate, revoke ({@code /api/v1/tenant/webhooks}). */
    @FunctionName("TenantWebhooks")
    public HttpResponseMessage tenantWebhooks(@HttpTrigger(name = "req", methods = {HttpMethod.GET, HttpMethod.POST, HttpMethod.DELETE},
            authLevel = AuthorizationLevel.ANONYMOUS, route = "v1/tenant/webhooks/{*rest}", dataType = "binary")
                                              HttpRequestMessage<Optional<byte[]>> request) {
        return http.handle(request);
    }

    /**
     * Event Grid deliveries (Event Grid schema or CloudEvents 1.0) and both subscription handshakes; the tenant is the
     * one of the webhook credential the delivery presents.
     */
    @FunctionName("EventGridWebhook")
    public HttpResponseMessage eventGridWebhook(@HttpTrigger(name = "req", methods = {HttpMethod.POST, HttpMethod.OPTIONS},
            authLevel = AuthorizationLevel.ANONYMOUS, route = "v1/webhooks/eventgrid", dataType = "binary")
                                                HttpRequestMessage<Optional<byte[]>> request) {
        return http.handle(request);
    }

    /** How the web app signs in (public: API keys, or Entra ID with the single-page app's public settings). */
    @FunctionName("AuthConfig")
    public HttpResponseMessage authConfig(@HttpTrigger(name = "req", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.ANONYMOUS,
            route = "v1/auth/config", dataType = "binary") HttpRequestMessage<Optional<byte[]>> request) {
        return http.handle(request);
    }

    /** The tenant's API keys: list, create, revoke ({@code /api/v1/keys}, {@code /api/v1/keys/{keyId}}). */
    @FunctionName("Keys")
    public HttpResponseMessage keys(@HttpTrigger(name = "req", methods = {HttpMethod.GET, HttpMethod.POST, HttpMethod.DELETE},
            authLevel = AuthorizationLevel.ANONYMOUS, route = "v1/keys/{*rest}", dataType = "binary") HttpRequestMessage<Optional<byte[]>> request) {
        return http.handle(request);
    }

    /** The plans with their prices, meters, quotas and catalog items (public, {@code /api/v1/plans}). */
    @FunctionName("Plans")
    public HttpResponseMessage plans(@HttpTrigger(name = "req", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.ANONYMOUS,
            route = "v1/plans", dataType = "binary") HttpRequestMessage<Optional<byte[]>> request) {
        return http.handle(request);
    }

    /** The tenant's monthly invoice ({@code /api/v1/invoices/{month}}). */
    @FunctionName("Invoices")
    public HttpResponseMessage invoices(@HttpTrigger(name = "req", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.ANONYMOUS,
            route = "v1/invoices/{*rest}", dataType = "binary") HttpRequestMessage<Optional<byte[]>> request) {
        return http.handle(request);
    }

    /** Installing a catalog item into the tenant, and its entitlements ({@code /api/v1/installs}). */
    @FunctionName("Installs")
    public HttpResponseMessage installs(@HttpTrigger(name = "req", methods = {HttpMethod.GET, HttpMethod.POST},
            authLevel = AuthorizationLevel.ANONYMOUS, route = "v1/installs", dataType = "binary") HttpRequestMessage<Optional<byte[]>> request) {
        return http.handle(request);
    }

    /**
     * Plain-language intent becomes a proposal; a proposal's run starts as a Durable Functions orchestration
     * ({@code /api/v1/intents}, {@code /api/v1/intents/{proposalId}/run}).
     */
    @FunctionName("Intents")
    public HttpResponseMessage intents(@HttpTrigger(name = "req", methods = {HttpMethod.POST},
            authLevel = AuthorizationLevel.ANONYMOUS, route = "v1/intents/{*rest}", dataType = "binary") HttpRequestMessage<Optional<byte[]>> request,
            @com.microsoft.durabletask.azurefunctions.DurableClientInput(name = "durableContext")
            com.microsoft.durabletask.azurefunctions.DurableClientContext durable) {
        return com.connectsoft.factory.functions.durable.InvocationOrchestrations.using(durable.getClient(), () -> http.handle(request));
    }

    @FunctionName("Health")
    public HttpResponseMessage health(@HttpTrigger(name = "req", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.ANONYMOUS,
            route = "health", dataType = "binary") HttpRequestMessage<Optional<byte[]>> request) {
        return http.handle(request);
    }

    @FunctionName("OpenApi")
    public HttpResponseMessage openApi(@HttpTrigger(name = "req", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.ANONYMOUS,
            route = "openapi.json", dataType = "binary") HttpRequestMessage<Optional<byte[]>> request) {
        return http.handle(request);
    }
}
