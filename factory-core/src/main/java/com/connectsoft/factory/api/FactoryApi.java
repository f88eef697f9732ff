package com.connectsoft.factory.api;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.artifact.application.ArtifactQueries;
import com.connectsoft.factory.usage.application.UsageQueries;
import com.connectsoft.factory.knowledge.application.SearchKnowledge;
import com.connectsoft.factory.knowledge.domain.SearchQuery;
import com.connectsoft.factory.artifact.domain.Artifact;
import com.connectsoft.factory.blueprint.domain.Problem;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.platform.store.StoreConflictException;
import com.connectsoft.factory.project.application.RegisterBlueprint;
import com.connectsoft.factory.project.domain.BlueprintVersion;
import com.connectsoft.factory.run.application.StartRun;
import com.connectsoft.factory.run.application.RunProgress;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.shared.domain.TenantId;
import com.connectsoft.factory.tenancy.adapter.entra.BrowserSignIn;
import com.connectsoft.factory.tenancy.application.TokenSignIn;
import com.connectsoft.factory.tenancy.domain.ApiKeys.ApiKeyInfo;
import com.connectsoft.factory.tenancy.domain.ApiKeys.KeyCheck;
import com.connectsoft.factory.tenancy.domain.KeyLifetime;
import com.connectsoft.factory.usage.domain.UsageRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The factory's HTTP API under {@code /api/v1}, independent of any HTTP server: the local host serves it, and the
 * function app's HTTP triggers adapt to the same {@link Request}/{@link Response}. Every route but health and the
 * OpenAPI document needs a tenant API key; a tenant only ever sees its own records (another tenant's id is 404).
 * Every response carries the request's correlation id ({@code X-Correlation-Id}); a fault is a logged 500 problem with
 * that id; failed authentications are throttled per client address and logged without the key.
 */
public final class FactoryApi implements HttpApi {
    private static final Logger LOG = Logger.getLogger(FactoryApi.class.getName());

    /**
     * An HTTP request; header names are matched case-insensitively. {@code client} is the caller's network address as
     * the host saw it ({@link #UNKNOWN_CLIENT} when the host cannot tell); failed authentications are counted per client.
     */
    public record Request(String method, String path, Map<String, String> headers, Map<String, String> query, byte[] body,
                          String client) {
        public static final String UNKNOWN_CLIENT = "";

        public Request {
            Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            h.putAll(headers);
            headers = h;
            query = Map.copyOf(query);
            client = client == null ? UNKNOWN_CLIENT : client;
        }

        public Request(String method, String path, Map<String, String> headers, Map<String, String> query, byte[] body) {
            this(method, path, headers, query, body, UNKNOWN_CLIENT);
        }

        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name)).map(String::trim).filter(v -> !v.isEmpty());
        }
    }

    public record Response(int status, Map<String, String> headers, byte[] body) {
        public Response {
            headers = Map.copyOf(headers);
        }

        static Response json(int status, Object body) {
            return new Response(status, Map.of("Content-Type", "application/json"), Json.write(body).getBytes(StandardCharsets.UTF_8));
        }

        public Response withHeader(String name, String value) {
            Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            h.putAll(headers);
            h.put(name, value);
            return new Response(status, h, body);
        }
    }

    private interface Route {
        Response handle(Request request, Matcher path, TenantId tenant);
    }

    private record Endpoint(String method, Pattern path, boolean tenantScoped, Route route) {
    }

    /** A signed-in caller: its tenant and who it is, from the verified credential ({@code key:<keyId>}, {@code entra:<tid>/<sub>}). */
    private record Caller(TenantId tenant, String principal) {
    }

    /** The principal of the request this thread is answering (set around a tenant-scoped route, for what it records). */
    private static final ThreadLocal<String> PRINCIPAL_OF_REQUEST = new ThreadLocal<>();

    private final Factory app;
    private final Optional<String> adminKey;
    /** App Service Authentication's header: nothing in front of the factory verifies it, so it is refused, never trusted. */
    static final String PRINCIPAL = "X-MS-CLIENT-PRINCIPAL";
    private final TokenSignIn tokens;
    private final WebhookHttp webhooks;
    private final List<Endpoint> endpoints;
    private final AuthThrottle throttle;
    /** The routes whose work depends on what a tenant sent (parsing a blueprint, planning a run): hosts bound them (and follow-ups). */
    private static final Set<String> WORK = Set.of("POST /api/v1/blueprints", "POST /api/v1/runs", "POST /api/v1/intents");
    /** Starting a follow-up run plans a run like {@code POST /api/v1/runs}. */
    private static final Pattern FOLLOW_UP = Pattern.compile("/api/v1/feedback/[^/]{1,100}/follow-up");
    /** Running a proposal plans a run like {@code POST /api/v1/runs}. */
    private static final Pattern PROPOSAL_RUN = Pattern.compile("/api/v1/intents/[^/]{1,200}/run");
    private static final Pattern PLAN = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    /** A leaked key can mint keys; this bounds how many it can leave behind. */
    static final int MAX_ACTIVE_KEYS = 20;

    /**
     * @param runs where accepted runs are finished (the request returns 202 as soon as intake is committed)
     * @param adminKey the platform administrator's key for creating tenants; without one, tenants are created with the CLI
     */
    public FactoryApi(Factory app, Optional<String> adminKey) {
        this(app, adminKey, TokenSignIn.none());
    }

    /**
     * @param tokens signs callers in from bearer tokens that are not API keys (the function app: Entra ID access tokens,
     *               validated in process); {@link TokenSignIn#none()} leaves every bearer value to the API keys
     */
    public FactoryApi(Factory app, Optional<String> adminKey, TokenSignIn tokens) {
        this(app, adminKey, tokens, new AuthThrottle(AuthThrottle.Policy.DEFAULT, Clock.systemUTC()));
    }

    /** @param throttle counts failed authentications per client address and refuses an address that failed too often */
    public FactoryApi(Factory app, Optional<String> adminKey, TokenSignIn tokens, AuthThrottle throttle) {
        this(app, adminKey, tokens, throttle, Optional.empty());
    }

    /**
     * @param browser the Entra ID sign-in the web app is told to offer ({@code GET /api/v1/auth/config}); empty: tenant
     *                API keys only. Configure it only with {@code tokens} validating the tokens it yields.
     */
    public FactoryApi(Factory app, Optional<String> adminKey, TokenSignIn tokens, Optional<BrowserSignIn> browser) {
        this(app, adminKey, tokens, new AuthThrottle(AuthThrottle.Policy.DEFAULT, Clock.systemUTC()), browser);
    }

    private FactoryApi(Factory app, Optional<String> adminKey, TokenSignIn tokens, AuthThrottle throttle, Optional<BrowserSignIn> browser) {
        this.app = app;
        this.throttle = throttle;
        this.tokens = tokens;
        this.webhooks = new WebhookHttp(app.integration().credentials(), app.integration().intake(), app.integration().rates());
        this.adminKey = adminKey.filter(k -> !k.isBlank());
        this.endpoints = List.of(
                new Endpoint("GET", Pattern.compile("/api/health"), false, (r, m, t) -> Response.json(200, Map.of("status", "UP"))),
                new Endpoint("GET", Pattern.compile("/api/openapi.json"), false, (r, m, t) -> openApi()),
                new Endpoint("GET", Pattern.compile("/api/v1/auth/config"), false, (r, m, t) -> authConfig(browser)),
                new Endpoint("POST", Pattern.compile("/api/v1/tenants"), false, (r, m, t) -> createTenant(r)),
                new Endpoint("GET", Pattern.compile("/api/v1/templates"), false, (r, m, t) ->
                        items(app.templateListing().entries(java.util.Optional.empty()))),
                new Endpoint("GET", Pattern.compile("/api/v1/templates/([^/]{1,200})/versions"), false, (r, m, t) -> {
                    var entries = app.templateListing().entries(java.util.Optional.of(m.group(1)));
                    return entries.isEmpty() ? notFound("template " + m.group(1)) : items(entries);
                }),
                new Endpoint("GET", Pattern.compile("/api/v1/plans"), false, (r, m, t) -> BillingHttp.plans(app)),
                new Endpoint("GET", Pattern.compile("/api/v1/invoices/([^/]{1,20})"), true, (r, m, t) -> BillingHttp.invoice(app, t, m.group(1))),
                new Endpoint("GET", Pattern.compile("/api/v1/installs"), true, (r, m, t) -> BillingHttp.installs(app, t)),
                new Endpoint("POST", Pattern.compile("/api/v1/installs"), true, (r, m, t) -> BillingHttp.install(app, r, t)),
                new Endpoint("GET", Pattern.compile("/api/v1/tenant"), true, (r, m, t) -> Response.json(200, app.tenancy().administration().find(t).orElseThrow())),
                new Endpoint("GET", Pattern.compile("/api/v1/keys"), true, (r, m, t) ->
                        items(app.tenancy().administration().keys(t).stream().map(FactoryApi::keyJson).toList())),
                new Endpoint("POST", Pattern.compile("/api/v1/keys"), true, this::createKey),
                new Endpoint("DELETE", Pattern.compile("/api/v1/keys/([^/]+)"), true, (r, m, t) -> app.tenancy().administration().revokeKey(t, m.group(1))
                        .map(k -> Response.json(200, keyJson(k))).orElseGet(() -> notFound("key " + m.group(1)))),
                new Endpoint("GET", Pattern.compile("/api/v1/projects"), true, (r, m, t) -> items(app.projects().queries().list(t))),
                new Endpoint("GET", Pattern.compile("/api/v1/projects/([^/]+)"), true, (r, m, t) -> found(app.projects().queries().find(t, m.group(1)), "project")),
                new Endpoint("POST", Pattern.compile("/api/v1/blueprints"), true, this::uploadBlueprint),
                new Endpoint("GET", Pattern.compile("/api/v1/blueprints/([^/]+)"), true, (r, m, t) -> {
                    List<BlueprintVersion> v = app.projects().queries().versions(t, m.group(1));
                    return v.isEmpty() ? notFound("blueprint " + m.group(1)) : items(v);
                }),
                new Endpoint("GET", Pattern.compile("/api/v1/runs"), true, (r, m, t) ->
                        Response.json(200, page(r, "/api/v1/runs", app.runs().queries().list(t), Map.of()))),
                new Endpoint("POST", Pattern.compile("/api/v1/runs"), true, this::startRun),
                new Endpoint("GET", Pattern.compile("/api/v1/runs/([^/]+)"), true, (r, m, t) -> found(app.runs().queries().find(t, m.group(1)), "run")),
                new Endpoint("POST", Pattern.compile("/api/v1/runs/([^/]+)/(approve|reject|cancel)"), true, this::controlRun),
                new Endpoint("GET", Pattern.compile("/api/v1/runs/([^/]+)/stages"), true, (r, m, t) ->
                        app.runs().queries().find(t, m.group(1)).map(run -> items(run.stages())).orElse(notFound("run " + m.group(1)))),
                new Endpoint("GET", Pattern.compile("/api/v1/runs/([^/]+)/artifacts"), true, (r, m, t) ->
                        app.runs().queries().find(t, m.group(1)).map(run -> items(app.artifacts().queries().byRun(t, run.runId()))).orElse(notFound("run " + m.group(1)))),
                new Endpoint("GET", Pattern.compile("/api/v1/artifacts/([^/]+)"), true, (r, m, t) ->
                        found(app.artifacts().queries().find(t, m.group(1)), "artifact")),
                new Endpoint("GET", Pattern.compile("/api/v1/artifacts/([^/]+)/lineage"), true, (r, m, t) -> lineage(t, m.group(1))),
                new Endpoint("GET", Pattern.compile("/api/v1/usage"), true, (r, m, t) -> usage(t)),
                new Endpoint("GET", Pattern.compile("/api/v1/audit"), true, (r, m, t) -> AuditHttp.list(app, r, t)),
                new Endpoint("GET", Pattern.compile("/api/v1/audit/verify"), true, (r, m, t) -> AuditHttp.verify(app, t)),
                new Endpoint("GET", Pattern.compile("/api/v1/feedback"), true, (r, m, t) -> FeedbackHttp.list(app, r, t)),
                new Endpoint("GET", Pattern.compile("/api/v1/feedback/([^/]{1,100})"), true, (r, m, t) -> FeedbackHttp.find(app, t, m.group(1))),
                new Endpoint("POST", Pattern.compile("/api/v1/feedback/([^/]{1,100})/follow-up"), true, (r, m, t) ->
                        FeedbackHttp.followUp(app, t, m.group(1))),
                new Endpoint("GET", Pattern.compile("/api/v1/runs/([^/]+)/feedback"), true, (r, m, t) -> FeedbackHttp.ofRun(app, r, t, m.group(1))),
                new Endpoint("GET", Pattern.compile("/api/v1/search"), true, (r, m, t) -> search(r, t)),
                new Endpoint("POST", Pattern.compile("/api/v1/intents"), true, (r, m, t) -> IntentHttp.propose(app, r, t)),
                new Endpoint("POST", Pattern.compile("/api/v1/intents/([^/]{1,200})/run"), true, (r, m, t) -> IntentHttp.run(app, r, t, m.group(1))),
                // webhooks: a delivery's tenant is its webhook credential's (WebhookHttp), so these two are not key-scoped
                new Endpoint("POST", Pattern.compile(WebhookHttp.ENDPOINT), false, (r, m, t) -> webhookDelivery(r)),
                new Endpoint("OPTIONS", Pattern.compile(WebhookHttp.ENDPOINT), false, (r, m, t) -> webhookDelivery(r)),
                new Endpoint("GET", Pattern.compile("/api/v1/tenant/webhooks"), true, (r, m, t) -> webhooks.list(t)),
                new Endpoint("POST", Pattern.compile("/api/v1/tenant/webhooks"), true, (r, m, t) -> webhooks.create(t, r)),
                new Endpoint("POST", Pattern.compile("/api/v1/tenant/webhooks/([^/]+)/rotate"), true, (r, m, t) -> webhooks.rotate(t, m.group(1))),
                new Endpoint("DELETE", Pattern.compile("/api/v1/tenant/webhooks/([^/]+)"), true, (r, m, t) -> webhooks.revoke(t, m.group(1))));
    }

    /** How the web app signs in: tenant API keys only, or also Entra ID with these public settings (no secret). */
    private static Response authConfig(Optional<BrowserSignIn> browser) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("signIn", browser.isPresent() ? "entra" : "api-key");
        out.put("apiKeys", true);
        browser.ifPresent(b -> {
            out.put("clientId", b.clientId());
            out.put("authority", b.authority());
            out.put("scopes", b.scopes());
        });
        return Response.json(200, out);
    }

    @Override
    public Response handle(Request request) {
        String correlationId = Correlation.of(request.header(Correlation.HEADER));
        com.connectsoft.factory.platform.telemetry.Tracing tracing = app.tracing();
        if (!tracing.enabled()) {
            return route(request, correlationId).withHeader(Correlation.HEADER, correlationId);
        }
        // a request starts a trace of its own: a caller's traceparent is not trusted to choose a run's traceId
        String method = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD").contains(request.method()) ? request.method() : "_OTHER";
        String route = endpoints.stream().filter(e -> e.path().matcher(request.path()).matches()).findFirst()
                .map(FactoryApi::routeOf).orElse("unmatched");
        io.opentelemetry.api.trace.Span span = tracing.root(method + " " + route, io.opentelemetry.api.trace.SpanKind.SERVER,
                io.opentelemetry.api.common.Attributes.of(com.connectsoft.factory.platform.telemetry.Tracing.Attr.HTTP_METHOD, method,
                        com.connectsoft.factory.platform.telemetry.Tracing.Attr.HTTP_ROUTE, route));
        try (io.opentelemetry.context.Scope ignored = span.makeCurrent()) {
            Response r = route(request, correlationId).withHeader(Correlation.HEADER, correlationId);
            span.setAttribute(com.connectsoft.factory.platform.telemetry.Tracing.Attr.HTTP_STATUS, (long) r.status());
            if (r.status() >= 500) {
                span.setStatus(io.opentelemetry.api.trace.StatusCode.ERROR);
            }
            return r;
        } finally {
            span.end();
        }
    }

    /**
     * Every route this API serves as {@code "METHOD /api/..."}, each path parameter written {@code {}} (as in its spans):
     * what the OpenAPI document must describe and every host (the function app's HTTP functions) must reach.
     */
    public List<String> routes() {
        return endpoints.stream().flatMap(e -> alternatives(e.path().pattern()).stream()
                .map(p -> e.method() + " " + p.replaceAll("\\([^)]*\\)", "{}"))).toList();
    }

    /** A group of literal words ({@code (approve|reject|cancel)}) is one route per word. */
    private static List<String> alternatives(String pattern) {
        Matcher m = Pattern.compile("\\(([a-z-]+(?:\\|[a-z-]+)+)\\)").matcher(pattern);
        if (!m.find()) {
            return List.of(pattern);
        }
        List<String> out = new ArrayList<>();
        for (String word : m.group(1).split("\\|")) {
            out.addAll(alternatives(pattern.substring(0, m.start()) + word + pattern.substring(m.end())));
        }
        return out;
    }

    private static String routeOf(Endpoint e) {
        return e.path().pattern().replaceAll("\\([^)]*\\)", "{}");
    }

    @Override
    public boolean isWork(String method, String path) {
        String m = method.toUpperCase(java.util.Locale.ROOT);
        return WORK.contains(m + " " + path) || (m.equals("POST") && (FOLLOW_UP.matcher(path).matches()
                || PROPOSAL_RUN.matcher(path).matches()));
    }

    private Response route(Request request, String correlationId) {
        if (!printable(request.path()) || !printable(request.method())) {
            return problem(400, "the request line contains control or formatting characters", List.of());
        }
        boolean pathKnown = false;
        for (Endpoint e : endpoints) {
            Matcher m = e.path().matcher(request.path());
            if (!m.matches()) {
                continue;
            }
            pathKnown = true;
            if (!e.method().equalsIgnoreCase(request.method())) {
                continue;
            }
            try {
                if (!e.tenantScoped()) {
                    return e.route().handle(request, m, null);
                }
                Object caller = tenantOf(request);
                if (caller instanceof Response refused) {
                    return refused;
                }
                Optional<Response> unsupported = unsupportedBody(request);
                if (unsupported.isPresent()) {
                    return unsupported.get();
                }
                Caller c = (Caller) caller;
                io.opentelemetry.api.trace.Span.current().setAttribute(com.connectsoft.factory.platform.telemetry.Tracing.Attr.TENANT,
                        c.tenant().value());
                PRINCIPAL_OF_REQUEST.set(c.principal());
                try {
                    return e.route().handle(request, m, c.tenant());
                } finally {
                    PRINCIPAL_OF_REQUEST.remove();
                }
            } catch (IllegalArgumentException ex) {
                return problem(400, shown(ex.getMessage()), List.of());
            } catch (StoreConflictException ex) {
                return problem(409, "a concurrent request changed the same records; retry", List.of());
            } catch (RuntimeException ex) {
                return fault(request, e, correlationId, ex);
            }
        }
        return pathKnown ? problem(405, request.method() + " is not allowed on " + shown(request.path()), List.of())
                : problem(404, "no route " + shown(request.path()) + " (see /api/openapi.json)", List.of());
    }

    /** Logs a fault by correlation id, method, route and exception class (never a body, key or message) and answers 500. */
    private static Response fault(Request request, Endpoint endpoint, String correlationId, RuntimeException ex) {
        StackTraceElement[] at = ex.getStackTrace();
        LOG.log(Level.SEVERE, "api-fault correlationId={0} method={1} route={2} exception={3} at={4}", new Object[] {correlationId,
                request.method(), endpoint.path().pattern(), ex.getClass().getName(), at.length > 0 ? at[0].toString() : "?"});
        return problem(500, "the factory failed to answer this request; it was logged with correlation id " + correlationId,
                List.of(), Map.of("correlationId", correlationId));
    }

    /** The caller (tenant and principal), or the response that refuses the call. */
    private Object tenantOf(Request r) {
        if (r.header(PRINCIPAL).isPresent()) {
            return problem(401, PRINCIPAL + " is not accepted: nothing in front of the factory verifies it. Send an Entra ID access "
                    + "token (Authorization: Bearer) or the tenant's API key", List.of());
        }
        Optional<Response> throttled = throttled(r);
        if (throttled.isPresent()) {
            return throttled.get();
        }
        Optional<String> bearer = r.header("Authorization").filter(a -> a.regionMatches(true, 0, "Bearer ", 0, 7)).map(a -> a.substring(7).trim());
        if (r.header("X-Api-Key").isEmpty() && bearer.isPresent()) {
            TokenSignIn.Outcome outcome = tokens.signIn(bearer.get());
            if (outcome instanceof TokenSignIn.Outcome.Refused refused) {
                return problem(refused.kind().status(), refused.reason(), List.of());
            }
            if (outcome instanceof TokenSignIn.Outcome.SignedIn signedIn) {
                Optional<String> claimed = r.header("X-Tenant-Id");
                if (claimed.isPresent() && !claimed.get().equals(signedIn.tenant().value())) {
                    return problem(403, "X-Tenant-Id does not match the caller's tenant", List.of());
                }
                return new Caller(signedIn.tenant(), "entra:" + signedIn.directory() + "/" + signedIn.subject());
            }
        }
        Optional<String> key = r.header("X-Api-Key").or(() -> bearer);
        if (key.isEmpty()) {
            return problem(401, "send the tenant's API key in X-Api-Key (or Authorization: Bearer); "
                    + "create one with ./factory keys create --tenant <id>", List.of());
        }
        KeyCheck check = app.tenancy().administration().checkKey(key.get());
        if (!(check instanceof KeyCheck.Valid valid)) {
            failedAuthentication(r, check);
            String renew = "; create a new one with ./factory keys create --tenant <id> or POST /api/v1/keys";
            if (check instanceof KeyCheck.Expired e) {
                return problem(401, "the API key expired at " + e.expiredAt() + renew, List.of());
            }
            if (check instanceof KeyCheck.Revoked e) {
                return problem(401, "the API key was revoked at " + e.revokedAt() + renew, List.of());
            }
            return problem(401, "the API key is not valid", List.of());
        }
        Optional<String> claimed = r.header("X-Tenant-Id");
        if (claimed.isPresent() && !claimed.get().equals(valid.tenant().value())) {
            return problem(403, "X-Tenant-Id does not match the tenant of the API key", List.of());
        }
        return new Caller(valid.tenant(), "key:" + valid.keyId());
    }

    /**
     * A webhook delivery, authenticated by its credential like a key: an address that presented wrong credentials too
     * often is refused (429) before any is looked at, and each wrong one is logged ({@code auth-failed credential=webhook},
     * a hash prefix, never the credential) and counted against the address.
     */
    private Response webhookDelivery(Request r) {
        Optional<Response> throttled = throttled(r);
        if (throttled.isPresent()) {
            return throttled.get();
        }
        Response out = webhooks.deliver(r);
        Optional<String> presented = r.header(WebhookHttp.HEADER).or(() -> Optional.ofNullable(r.query().get(WebhookHttp.QUERY)))
                .filter(v -> !v.isBlank());
        if (out.status() == 401 && presented.isPresent()) {
            failedAuthentication(r, "webhook", "unknown-rotated-or-revoked",
                    com.connectsoft.factory.shared.domain.Hashing.sha256Hex(presented.get()).substring(0, 24), "-");
        }
        return out;
    }

    /**
     * 415 for a JSON route's body sent as another media type (a form, plain text): the routes that take JSON say so in
     * {@code Content-Type} or send none. The blueprint upload takes the file's bytes as they are, whatever the type.
     */
    private static Optional<Response> unsupportedBody(Request r) {
        if (r.body().length == 0 || !(r.method().equalsIgnoreCase("POST") || r.method().equalsIgnoreCase("PUT"))
                || r.path().equals("/api/v1/blueprints")) {
            return Optional.empty();
        }
        Optional<String> type = r.header("Content-Type").map(t -> t.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT))
                .filter(t -> !t.isEmpty());
        if (type.isEmpty() || type.get().equals("application/json") || type.get().endsWith("+json")) {
            return Optional.empty();
        }
        String shown = type.get().length() > 60 ? type.get().substring(0, 60) + "…" : type.get();
        return Optional.of(problem(415, "this route takes a JSON body: send Content-Type: application/json (not " + shown + ")", List.of())
                .withHeader("Accept", "application/json"));
    }

    /** 429 for a client address that failed to authenticate too often; its credentials are not even looked at. */
    private Optional<Response> throttled(Request r) {
        return throttle.blockedFor(r.client()).map(wait -> problem(429, "too many failed authentications from this address; retry after "
                + seconds(wait) + " s", List.of()).withHeader("Retry-After", String.valueOf(seconds(wait))));
    }

    private void failedAuthentication(Request r, KeyCheck check) {
        String reason = "unknown";
        String tenant = "-";
        if (check instanceof KeyCheck.Expired e) {
            reason = "expired";
            tenant = e.tenant().value();
        } else if (check instanceof KeyCheck.Revoked e) {
            reason = "revoked";
            tenant = e.tenant().value();
        }
        failedAuthentication(r, "api-key", reason, check.keyId(), tenant);
    }

    /** Logs a failed authentication (address, a non-secret key id, never the key) and counts it against the address. */
    private void failedAuthentication(Request r, String credential, String reason, String keyId, String tenant) {
        String client = r.client().isEmpty() ? "unknown" : r.client();
        LOG.log(Level.WARNING, "auth-failed client={0} credential={1} reason={2} keyId={3} tenant={4}",
                new Object[] {client, credential, reason, keyId, tenant});
        if (throttle.failed(r.client())) {
            LOG.log(Level.WARNING, "auth-throttled client={0} failures={1} window={2}s refusedFor={3}s", new Object[] {client,
                    throttle.policy().maxFailures(), throttle.policy().window().toSeconds(), throttle.policy().block().toSeconds()});
        }
    }

    private static long seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }

    private Response createTenant(Request r) {
        if (adminKey.isEmpty()) {
            return problem(403, "tenant administration over HTTP is off: set FACTORY_ADMIN_KEY, or use ./factory keys create", List.of());
        }
        Optional<Response> throttled = throttled(r);
        if (throttled.isPresent()) {
            return throttled.get();
        }
        Optional<String> presented = r.header("X-Admin-Key");
        boolean admin = presented.map(k -> MessageDigest.isEqual(k.getBytes(StandardCharsets.UTF_8),
                adminKey.get().getBytes(StandardCharsets.UTF_8))).orElse(false);
        if (!admin) {
            presented.ifPresent(k -> failedAuthentication(r, "admin-key", "mismatch",
                    com.connectsoft.factory.shared.domain.Hashing.sha256Hex(k).substring(0, 24), "-"));
            return problem(401, "creating a tenant needs the platform administrator's key in X-Admin-Key", List.of());
        }
        JsonNode body = jsonBody(r);
        String usage = "; send {\"tenantId\": \"acme\", \"name\": \"Acme\", \"plan\": \"developer\"} (name and plan are optional)";
        JsonNode id = body.path("tenantId");
        if (!id.isTextual() || id.asText().isBlank()) {
            return problem(400, "tenantId is required" + usage, List.of());
        }
        TenantId tenant;
        try {
            tenant = TenantId.of(id.asText());
        } catch (IllegalArgumentException e) {
            return problem(400, "tenantId is invalid: use 2-63 lowercase letters, digits or '-', starting with a letter or digit", List.of());
        }
        JsonNode name = body.path("name");
        if (!name.isMissingNode() && (!name.isTextual() || name.asText().isBlank() || name.asText().length() > 200 || !printable(name.asText()))) {
            return problem(400, "name must be text of 1 to 200 printable characters" + usage, List.of());
        }
        JsonNode plan = body.path("plan");
        if (!plan.isMissingNode() && (!plan.isTextual() || !PLAN.matcher(plan.asText()).matches())) {
            return problem(400, "plan must be a plan id such as developer (lowercase letters, digits, '-')", List.of());
        }
        var onboarded = app.tenancy().administration().onboard(tenant, name.isMissingNode() ? tenant.value() : name.asText(),
                plan.isMissingNode() ? com.connectsoft.factory.tenancy.domain.Tenant.DEFAULT_PLAN : plan.asText(),
                com.connectsoft.factory.tenancy.domain.ApiKeys.DEFAULT_LIFETIME);
        ObjectNode out = (ObjectNode) Json.toTree(onboarded.tenant());
        out.put("apiKey", onboarded.key().key());
        return new Response(201, Map.of("Content-Type", "application/json", "Location", "/api/v1/tenant"),
                Json.write(out).getBytes(StandardCharsets.UTF_8));
    }

    private Response uploadBlueprint(Request r, Matcher m, TenantId tenant) {
        String file = r.query().getOrDefault("file", "");
        if (file.isBlank()) {
            return problem(400, "name the file with ?file=, e.g. ?file=shop.blueprint.yaml or ?file=shop.jdl (the name picks the format)",
                    List.of());
        }
        RegisterBlueprint.Result result = app.projects().registerBlueprint().register(tenant, file, r.body());
        if (result instanceof RegisterBlueprint.Result.Rejected rejected) {
            return problem(400, "the blueprint is invalid; nothing was stored", rejected.problems());
        }
        if (result instanceof RegisterBlueprint.Result.Contended contended) {
            return problem(409, "concurrent uploads of " + contended.blueprintId() + " took every version number tried; nothing was "
                    + "stored, retry", List.of()).withHeader("Retry-After", "1");
        }
        RegisterBlueprint.Result.Registered ok = (RegisterBlueprint.Result.Registered) result;
        ObjectNode out = (ObjectNode) Json.toTree(ok.version());
        ArrayNode modules = out.putArray("modules");
        ok.blueprint().modules().forEach(mod -> modules.addObject().put("name", mod.name())
                .set("entities", Json.toTree(mod.entities().stream().map(e -> e.name()).toList())));
        out.set("warnings", Json.toTree(ok.warnings().stream().map(FactoryApi::problemJson).toList()));
        return new Response(201, Map.of("Content-Type", "application/json",
                "Location", "/api/v1/blueprints/" + ok.version().blueprintId()), Json.write(out).getBytes(StandardCharsets.UTF_8));
    }

    private Response startRun(Request r, Matcher m, TenantId tenant) {
        JsonNode body = jsonBody(r);
        String blueprintId = body.path("blueprintId").asText("");
        if (blueprintId.isBlank()) {
            return problem(400, "send {\"blueprintId\": \"bp-...\"} (and optionally \"version\"); upload one with POST /api/v1/blueprints",
                    List.of());
        }
        JsonNode v = body.path("version");
        if (!v.isMissingNode() && !v.isNull() && !(v.canConvertToInt() && v.isIntegralNumber() && v.asInt() >= 1)) {
            return problem(400, "version must be a whole number from 1 (a version of the blueprint, as POST /api/v1/blueprints "
                    + "answered), not " + shortened(v.toString()) + "; leave it out for the latest", List.of());
        }
        java.util.OptionalInt version = body.hasNonNull("version") ? java.util.OptionalInt.of(v.asInt()) : java.util.OptionalInt.empty();
        Optional<StartRun.Start> started0 = app.runs().start().startRegistered(tenant, blueprintId, version,
                body.path("template").asText(StartRun.DEFAULT_TEMPLATE), RunProgress.SILENT);
        if (started0.isEmpty()) {
            return notFound("blueprint " + blueprintId + (body.hasNonNull("version") ? " version " + body.get("version") : ""));
        }
        StartRun.Start start = started0.get();
        if (start instanceof StartRun.Start.Rejected rejected) {
            return problem(400, "the run cannot start; nothing was written", rejected.problems());
        }
        if (start instanceof StartRun.Start.Refused refused) {
            return BillingHttp.refusal(refused.refusal(), Clock.systemUTC());
        }
        StartRun.Start.Started started = (StartRun.Start.Started) start;
        FactoryRun run = started.opened();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("runId", run.runId());
        out.put("status", run.status());
        out.put("traceId", run.traceId());
        out.put("links", Map.of("self", "/api/v1/runs/" + run.runId(), "stages", "/api/v1/runs/" + run.runId() + "/stages",
                "artifacts", "/api/v1/runs/" + run.runId() + "/artifacts"));
        return new Response(202, Map.of("Content-Type", "application/json", "Location", "/api/v1/runs/" + run.runId()),
                Json.write(out).getBytes(StandardCharsets.UTF_8));
    }

    /** Approve, reject (body: {"by", "comment"}) or cancel (body: {"reason"}) a run: 202, 404 unknown run, 409 wrong state. */
    private Response controlRun(Request r, Matcher m, TenantId tenant) {
        String runId = m.group(1);
        JsonNode body;
        try {
            body = Json.mapper().readTree(r.body().length == 0 ? "{}" : new String(r.body(), StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            return problem(400, notJson(e), List.of());
        }
        try {
            if (m.group(2).equals("cancel")) {
                app.runs().cancellation().cancel(tenant, runId, body.path("reason").asText(""));
                return Response.json(202, Map.of("runId", runId, "cancelling", true));
            }
            // who answered is the verified credential, never what the body says (the audit log records it)
            String by = PRINCIPAL_OF_REQUEST.get();
            List<String> modules = app.runs().approvals().answer(tenant, runId, m.group(2).equals("approve"), by,
                    body.path("comment").asText(""));
            return Response.json(202, Map.of("runId", runId, m.group(2).equals("approve") ? "approved" : "rejected", modules, "by", by));
        } catch (IllegalArgumentException e) {
            return notFound("run " + runId);
        } catch (IllegalStateException e) {
            return problem(409, e.getMessage(), List.of());
        }
    }

    /** A new key for the caller's tenant; body (optional): {"expiresIn": "90d"}. The key is in the answer, once. */
    private Response createKey(Request r, Matcher m, TenantId tenant) {
        JsonNode body = jsonBody(r);
        JsonNode expiresIn = body.path("expiresIn");
        if (!expiresIn.isMissingNode() && !expiresIn.isTextual()) {
            return problem(400, "expiresIn must be text such as \"90d\" or \"12h\"", List.of());
        }
        Duration lifetime = expiresIn.isMissingNode() ? com.connectsoft.factory.tenancy.domain.ApiKeys.DEFAULT_LIFETIME
                : KeyLifetime.parse(expiresIn.asText());
        long active = app.tenancy().administration().keys(tenant).stream().filter(k -> k.status() == ApiKeyInfo.Status.ACTIVE).count();
        if (active >= MAX_ACTIVE_KEYS) {
            return problem(409, "the tenant has " + active + " active API keys, the most it may have; revoke one with "
                    + "DELETE /api/v1/keys/{keyId} first", List.of());
        }
        var issued = app.tenancy().administration().issueKey(tenant, lifetime);
        Map<String, Object> out = keyJson(issued.info());
        out.put("apiKey", issued.key());
        return new Response(201, Map.of("Content-Type", "application/json", "Location", "/api/v1/keys"),
                Json.write(out).getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Object> keyJson(ApiKeyInfo k) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("keyId", k.keyId());
        out.put("prefix", k.prefix());
        out.put("status", k.status().name().toLowerCase(java.util.Locale.ROOT));
        out.put("createdAt", k.createdAt().toString());
        k.expiresAt().ifPresent(at -> out.put("expiresAt", at.toString()));
        k.lastUsedAt().ifPresent(at -> out.put("lastUsedAt", at.toString()));
        k.revokedAt().ifPresent(at -> out.put("revokedAt", at.toString()));
        return out;
    }

    private Response lineage(TenantId tenant, String artifactId) {
        Optional<ArtifactQueries.Lineage> lineage = app.artifacts().queries().lineage(tenant, artifactId);
        if (lineage.isEmpty()) {
            return notFound("artifact " + artifactId);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("artifact", lineage.get().artifact());
        out.put("madeFrom", inputs(lineage.get().madeFrom()));
        out.put("usedBy", lineage.get().usedBy());
        return Response.json(200, out);
    }

    private static List<Map<String, Object>> inputs(List<ArtifactQueries.Ancestor> ancestors) {
        return ancestors.stream().map(a -> {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("artifactId", a.artifactId());
            a.artifact().ifPresent(in -> {
                node.put("artifactType", in.artifactType());
                node.put("name", in.name());
                node.put("madeFrom", inputs(a.madeFrom()));
            });
            return node;
        }).toList();
    }

    private Response usage(TenantId tenant) {
        Map<String, Long> totals = new TreeMap<>();
        UsageQueries.totals(app.usage().queries().records(tenant)).forEach((meter, total) -> totals.put(meter, total.quantity()));
        return Response.json(200, Map.of("tenantId", tenant.value(), "totals", totals));
    }

    /** {@code GET /api/v1/search?q=…&limit=…}: the caller's tenant's documents and the platform's, best first. */
    private Response search(Request r, TenantId tenant) {
        String q = r.query().getOrDefault("q", "");
        SearchQuery query = SearchQuery.of(q, wholeQuery(r, "limit", 1, SearchQuery.MAX_LIMIT, SearchQuery.DEFAULT_LIMIT));
        SearchKnowledge.Outcome outcome = app.knowledge().search().search(tenant, query);
        if (outcome instanceof SearchKnowledge.Outcome.Found found) {
            return Response.json(200, com.connectsoft.factory.knowledge.application.SearchResults.body(found));
        }
        return problem(404, "tenant " + tenant.value() + " is not registered", List.of());
    }

    private static JsonNode jsonBody(Request r) {
        try {
            JsonNode n = Json.mapper().readTree(r.body().length == 0 ? "{}" : new String(r.body(), StandardCharsets.UTF_8));
            if (!n.isObject()) {
                throw new IllegalArgumentException("the body must be a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw new IllegalArgumentException(notJson(e));
        }
    }

    private static String shortened(String s) {
        return s.length() <= 40 ? s : s.substring(0, 39) + "…";
    }

    /**
     * Why a body is not JSON, where (line and column), in words: never the parser's class names or settings, which say
     * nothing to the caller and something about the server.
     */
    static String notJson(IOException e) {
        if (e instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException) {
            return "the body is not valid JSON: it is nested deeper, or holds a longer number or string, than the factory reads "
                    + "(at most 1000 levels)";
        }
        String where = "";
        String what = "";
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j) {
            com.fasterxml.jackson.core.JsonLocation at = j.getLocation();
            if (at != null && at.getLineNr() > 0) {
                where = " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            }
            String original = j.getOriginalMessage() == null ? "" : j.getOriginalMessage();
            what = original.replaceAll("(?s)\\s*\\(?(start marker at )?\\[Source:.*$", "").replaceAll("\\s+", " ").strip();
            if (what.length() > 160) {
                what = what.substring(0, 159) + "…";
            }
        }
        return "the body is not valid JSON" + where + (what.isEmpty() ? "" : ": " + what);
    }

    private static Response items(List<?> items) {
        return Response.json(200, Map.of("items", items));
    }

    /** How many items a list answers at most, by default and when asked ({@code limit}). */
    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 1000;

    /**
     * One page of a list route: {@code ?limit=} (1 to {@value #MAX_LIMIT}, default {@value #DEFAULT_LIMIT}) items from
     * {@code ?offset=} (default 0), with the {@code total} and, when more follow, the {@code next} page's path. A list
     * answer stays bounded however many items a tenant (or its webhooks) made.
     *
     * @throws IllegalArgumentException (400) for a limit or offset that is not a whole number in range
     */
    static Map<String, Object> page(Request r, String path, List<?> all, Map<String, Object> extra) {
        int limit = wholeQuery(r, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
        int offset = wholeQuery(r, "offset", 0, Integer.MAX_VALUE, 0);
        Map<String, Object> out = new LinkedHashMap<>();
        int from = Math.min(offset, all.size());
        int to = (int) Math.min((long) from + limit, all.size());
        out.put("items", all.subList(from, to));
        out.putAll(extra);
        out.put("total", all.size());
        if (to < all.size()) {
            String sep = path.contains("?") ? "&" : "?";
            out.put("next", path + sep + "offset=" + to + "&limit=" + limit);
        }
        return out;
    }

    /**
     * A whole-number query parameter from {@code min} to {@code max}, {@code otherwise} when absent.
     *
     * @throws IllegalArgumentException (400) saying what to give
     */
    static int wholeQuery(Request r, String name, int min, int max, int otherwise) {
        String value = r.query().get(name);
        if (value == null) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("?" + name + "=" + (value.length() > 20 ? value.substring(0, 20) + "…" : value)
                + " is not allowed: give a whole number from " + min + " to " + max);
    }

    private static Response found(Optional<?> value, String what) {
        return value.<Response>map(v -> Response.json(200, v)).orElseGet(() -> notFound(what));
    }

    private static Response notFound(String what) {
        return problem(404, shown(what) + " was not found", List.of());
    }

    private static Map<String, Object> problemJson(Problem p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", p.file());
        m.put("line", p.line());
        m.put("column", p.column());
        m.put("message", p.message());
        p.hint().ifPresent(h -> m.put("hint", h));
        return m;
    }

    private static Response problem(int status, String title, List<Problem> problems) {
        return problem(status, title, problems, Map.of());
    }

    /** An RFC 7807 problem response ({@code application/problem+json}). */
    static Response problem(int status, String title, List<Problem> problems, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.putAll(extra);
        if (!problems.isEmpty()) {
            body.put("problems", problems.stream().map(FactoryApi::problemJson).toList());
        }
        return new Response(status, Map.of("Content-Type", "application/problem+json"), Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the text has no control, formatting (bidirectional, zero-width), separator, surrogate or unassigned character. */
    static boolean printable(String text) {
        return text.codePoints().noneMatch(cp -> switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.SURROGATE,
                 Character.PRIVATE_USE, Character.UNASSIGNED -> true;
            default -> false;
        });
    }

    /** Text fit to echo in an answer: unprintable characters replaced, at most 300 characters. */
    private static String shown(String text) {
        if (text == null) {
            return "(no detail)";
        }
        StringBuilder b = new StringBuilder();
        text.codePoints().limit(300).forEach(cp -> b.appendCodePoint(printable(new String(Character.toChars(cp))) ? cp : '?'));
        return text.codePointCount(0, text.length()) > 300 ? b + "…" : b.toString();
    }

    private static Response openApi() {
        try (InputStream in = FactoryApi.class.getResourceAsStream("/api/openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("api/openapi.json is missing from the build");
            }
            return new Response(200, Map.of("Content-Type", "application/json"), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
