package com.connectsoft.factory.api;

import com.connectsoft.factory.app.FactoryApp;
import com.connectsoft.factory.artifact.domain.Artifact;
import com.connectsoft.factory.blueprint.domain.Problem;
import com.connectsoft.factory.integration.adapter.http.WebhookHttp;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.project.application.RegisterBlueprint;
import com.connectsoft.factory.project.domain.BlueprintVersion;
import com.connectsoft.factory.run.application.RunFactory;
import com.connectsoft.factory.run.application.RunProgress;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.shared.domain.TenantId;
import com.connectsoft.factory.tenancy.application.TokenSignIn;
import com.connectsoft.factory.usage.domain.UsageRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The factory's HTTP API under {@code /api/v1}, independent of any HTTP server: the local host serves it, and the
 * function app's HTTP triggers adapt to the same {@link Request}/{@link Response}. Every route but health and the
 * OpenAPI document needs a tenant API key; a tenant only ever sees its own records (another tenant's id is 404).
 */
public final class FactoryApi {
    /** An HTTP request; header names are matched case-insensitively. */
    public record Request(String method, String path, Map<String, String> headers, Map<String, String> query, byte[] body) {
        public Request {
            Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            h.putAll(headers);
            headers = h;
            query = Map.copyOf(query);
        }

        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name)).map(String::trim).filter(v -> !v.isEmpty());
        }
    }

    public record Response(int status, Map<String, String> headers, byte[] body) {
        static Response json(int status, Object body) {
            return new Response(status, Map.of("Content-Type", "application/json"), Json.write(body).getBytes(StandardCharsets.UTF_8));
        }
    }

    private interface Route {
        Response handle(Request request, Matcher path, TenantId tenant);
    }

    private record Endpoint(String method, Pattern path, boolean tenantScoped, Route route) {
    }

    private final FactoryApp app;
    private final Optional<String> adminKey;
    /** App Service Authentication's header: nothing in front of the factory verifies it, so it is refused, never trusted. */
    static final String PRINCIPAL = "X-MS-CLIENT-PRINCIPAL";
    private final TokenSignIn tokens;
    private final WebhookHttp webhooks;
    private final List<Endpoint> endpoints;

    /**
     * @param runs where accepted runs are finished (the request returns 202 as soon as intake is committed)
     * @param adminKey the platform administrator's key for creating tenants; without one, tenants are created with the CLI
     */
    public FactoryApi(FactoryApp app, Optional<String> adminKey) {
        this(app, adminKey, TokenSignIn.none());
    }

    /**
     * @param tokens signs callers in from bearer tokens that are not API keys (the function app: Entra ID access tokens,
     *               validated in process); {@link TokenSignIn#none()} leaves every bearer value to the API keys
     */
    public FactoryApi(FactoryApp app, Optional<String> adminKey, TokenSignIn tokens) {
        this.app = app;
        this.tokens = tokens;
        this.webhooks = new WebhookHttp(app.webhookCredentials, app.webhooks);
        this.adminKey = adminKey.filter(k -> !k.isBlank());
        this.endpoints = List.of(
                new Endpoint("GET", Pattern.compile("/api/health"), false, (r, m, t) -> Response.json(200, Map.of("status", "UP"))),
                new Endpoint("GET", Pattern.compile("/api/openapi.json"), false, (r, m, t) -> openApi()),
                new Endpoint("POST", Pattern.compile("/api/v1/tenants"), false, (r, m, t) -> createTenant(r)),
                new Endpoint("GET", Pattern.compile("/api/v1/tenant"), true, (r, m, t) -> Response.json(200, app.tenants.find(t).orElseThrow())),
                new Endpoint("GET", Pattern.compile("/api/v1/projects"), true, (r, m, t) -> items(app.projects.list(t))),
                new Endpoint("GET", Pattern.compile("/api/v1/projects/([^/]+)"), true, (r, m, t) -> found(app.projects.find(t, m.group(1)), "project")),
                new Endpoint("POST", Pattern.compile("/api/v1/blueprints"), true, this::uploadBlueprint),
                new Endpoint("GET", Pattern.compile("/api/v1/blueprints/([^/]+)"), true, (r, m, t) -> {
                    List<BlueprintVersion> v = app.projects.versions(t, m.group(1));
                    return v.isEmpty() ? notFound("blueprint " + m.group(1)) : items(v);
                }),
                new Endpoint("GET", Pattern.compile("/api/v1/runs"), true, (r, m, t) -> items(app.runs.list(t))),
                new Endpoint("POST", Pattern.compile("/api/v1/runs"), true, this::startRun),
                new Endpoint("GET", Pattern.compile("/api/v1/runs/([^/]+)"), true, (r, m, t) -> found(app.runs.find(t, m.group(1)), "run")),
                new Endpoint("POST", Pattern.compile("/api/v1/runs/([^/]+)/(approve|reject|cancel)"), true, this::controlRun),
                new Endpoint("GET", Pattern.compile("/api/v1/runs/([^/]+)/stages"), true, (r, m, t) ->
                        app.runs.find(t, m.group(1)).map(run -> items(run.stages())).orElse(notFound("run " + m.group(1)))),
                new Endpoint("GET", Pattern.compile("/api/v1/runs/([^/]+)/artifacts"), true, (r, m, t) ->
                        app.runs.find(t, m.group(1)).map(run -> items(app.artifacts.byRun(t, run.runId()))).orElse(notFound("run " + m.group(1)))),
                new Endpoint("GET", Pattern.compile("/api/v1/artifacts/([^/]+)"), true, (r, m, t) ->
                        found(app.artifacts.find(t, m.group(1)), "artifact")),
                new Endpoint("GET", Pattern.compile("/api/v1/artifacts/([^/]+)/lineage"), true, (r, m, t) -> lineage(t, m.group(1))),
                new Endpoint("GET", Pattern.compile("/api/v1/usage"), true, (r, m, t) -> usage(t)),
                // webhooks: a delivery's tenant is its webhook credential's (WebhookHttp), so these two are not key-scoped
                new Endpoint("POST", Pattern.compile(WebhookHttp.ENDPOINT), false, (r, m, t) -> webhooks.deliver(r)),
                new Endpoint("OPTIONS", Pattern.compile(WebhookHttp.ENDPOINT), false, (r, m, t) -> webhooks.deliver(r)),
                new Endpoint("GET", Pattern.compile("/api/v1/tenant/webhooks"), true, (r, m, t) -> webhooks.list(t)),
                new Endpoint("POST", Pattern.compile("/api/v1/tenant/webhooks"), true, (r, m, t) -> webhooks.create(t, r)),
                new Endpoint("POST", Pattern.compile("/api/v1/tenant/webhooks/([^/]+)/rotate"), true, (r, m, t) -> webhooks.rotate(t, m.group(1))),
                new Endpoint("DELETE", Pattern.compile("/api/v1/tenant/webhooks/([^/]+)"), true, (r, m, t) -> webhooks.revoke(t, m.group(1))));
    }

    public Response handle(Request request) {
        try {
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
                if (!e.tenantScoped()) {
                    return e.route().handle(request, m, null);
                }
                Object caller = tenantOf(request);
                if (caller instanceof Response refused) {
                    return refused;
                }
                return e.route().handle(request, m, (TenantId) caller);
            }
            return pathKnown ? problem(405, request.method() + " is not allowed on " + request.path(), List.of())
                    : problem(404, "no route " + request.path() + " (see /api/openapi.json)", List.of());
        } catch (IllegalArgumentException e) {
            return problem(400, e.getMessage(), List.of());
        }
    }

    /** The caller's tenant, or the response that refuses the call. */
    private Object tenantOf(Request r) {
        if (r.header(PRINCIPAL).isPresent()) {
            return problem(401, PRINCIPAL + " is not accepted: nothing in front of the factory verifies it. Send an Entra ID access "
                    + "token (Authorization: Bearer) or the tenant's API key", List.of());
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
                return signedIn.tenant();
            }
        }
        Optional<String> key = r.header("X-Api-Key").or(() -> bearer);
        if (key.isEmpty()) {
            return problem(401, "send the tenant's API key in X-Api-Key (or Authorization: Bearer); "
                    + "create one with ./factory keys create --tenant <id>", List.of());
        }
        Optional<TenantId> tenant = app.apiKeys.resolve(key.get());
        if (tenant.isEmpty()) {
            return problem(401, "the API key is not valid", List.of());
        }
        Optional<String> claimed = r.header("X-Tenant-Id");
        if (claimed.isPresent() && !claimed.get().equals(tenant.get().value())) {
            return problem(403, "X-Tenant-Id does not match the tenant of the API key", List.of());
        }
        return tenant.get();
    }

    private Response createTenant(Request r) {
        if (adminKey.isEmpty()) {
            return problem(403, "tenant administration over HTTP is off: set FACTORY_ADMIN_KEY, or use ./factory keys create", List.of());
        }
        boolean admin = r.header("X-Admin-Key").map(k -> MessageDigest.isEqual(k.getBytes(StandardCharsets.UTF_8),
                adminKey.get().getBytes(StandardCharsets.UTF_8))).orElse(false);
        if (!admin) {
            return problem(401, "creating a tenant needs the platform administrator's key in X-Admin-Key", List.of());
        }
        JsonNode body = jsonBody(r);
        TenantId tenant = TenantId.of(body.path("tenantId").asText(null));
        var t = app.tenants.register(tenant, body.path("name").asText(tenant.value()), body.path("plan").asText("developer"));
        ObjectNode out = (ObjectNode) Json.toTree(t);
        out.put("apiKey", app.apiKeys.issue(tenant));
        return new Response(201, Map.of("Content-Type", "application/json", "Location", "/api/v1/tenant"),
                Json.write(out).getBytes(StandardCharsets.UTF_8));
    }

    private Response uploadBlueprint(Request r, Matcher m, TenantId tenant) {
        String file = r.query().getOrDefault("file", "");
        if (file.isBlank()) {
            return problem(400, "name the file with ?file=, e.g. ?file=shop.blueprint.yaml or ?file=shop.jdl (the name picks the format)",
                    List.of());
        }
        RegisterBlueprint.Result result = app.registerBlueprint.register(tenant, file, r.body());
        if (result instanceof RegisterBlueprint.Result.Rejected rejected) {
            return problem(400, "the blueprint is invalid; nothing was stored", rejected.problems());
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
        Optional<BlueprintVersion> version = body.hasNonNull("version")
                ? app.projects.versions(tenant, blueprintId).stream().filter(v -> v.version() == body.get("version").asInt()).findFirst()
                : app.projects.latest(tenant, blueprintId);
        if (version.isEmpty()) {
            return notFound("blueprint " + blueprintId + (body.hasNonNull("version") ? " version " + body.get("version") : ""));
        }
        byte[] content = app.content.get(tenant, version.get().contentHash()).orElseThrow(() -> new IllegalStateException(
                "the bytes of " + version.get().key() + " are missing from the artifact store"));
        RunFactory.Start start = app.runFactory.start(new RunFactory.StartRun(tenant, version.get().fileName(), content,
                Optional.empty(), body.path("template").asText(RunFactory.DEFAULT_TEMPLATE)), RunProgress.SILENT);
        if (start instanceof RunFactory.Start.Rejected rejected) {
            return problem(400, "the run cannot start; nothing was written", rejected.problems());
        }
        RunFactory.Start.Started started = (RunFactory.Start.Started) start;
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
            return problem(400, "the body is not JSON: " + e.getMessage(), List.of());
        }
        try {
            if (m.group(2).equals("cancel")) {
                app.control.cancel(tenant, runId, body.path("reason").asText(""));
                return Response.json(202, Map.of("runId", runId, "cancelling", true));
            }
            List<String> modules = app.control.answer(tenant, runId, m.group(2).equals("approve"), body.path("by").asText("api"),
                    body.path("comment").asText(""));
            return Response.json(202, Map.of("runId", runId, m.group(2).equals("approve") ? "approved" : "rejected", modules));
        } catch (IllegalArgumentException e) {
            return notFound("run " + runId);
        } catch (IllegalStateException e) {
            return problem(409, e.getMessage(), List.of());
        }
    }

    private Response lineage(TenantId tenant, String artifactId) {
        Optional<Artifact> a = app.artifacts.find(tenant, artifactId);
        if (a.isEmpty()) {
            return notFound("artifact " + artifactId);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("artifact", a.get());
        out.put("madeFrom", inputs(tenant, a.get(), new HashSet<>()));
        out.put("usedBy", app.artifacts.derivedFrom(tenant, artifactId));
        return Response.json(200, out);
    }

    private List<Map<String, Object>> inputs(TenantId tenant, Artifact a, Set<String> seen) {
        return a.inputArtifactIds().stream().map(id -> {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("artifactId", id);
            app.artifacts.find(tenant, id).ifPresent(in -> {
                node.put("artifactType", in.artifactType());
                node.put("name", in.name());
                if (seen.add(id)) {
                    node.put("madeFrom", inputs(tenant, in, seen));
                }
            });
            return node;
        }).toList();
    }

    private Response usage(TenantId tenant) {
        Map<String, Long> totals = new TreeMap<>();
        for (UsageRecord u : app.usage.all(tenant)) {
            totals.merge(u.meter(), u.quantity(), Long::sum);
        }
        return Response.json(200, Map.of("tenantId", tenant.value(), "totals", totals));
    }

    private static JsonNode jsonBody(Request r) {
        try {
            JsonNode n = Json.mapper().readTree(r.body().length == 0 ? "{}" : new String(r.body(), StandardCharsets.UTF_8));
            if (!n.isObject()) {
                throw new IllegalArgumentException("the body must be a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw new IllegalArgumentException("the body is not valid JSON");
        }
    }

    private static Response items(List<?> items) {
        return Response.json(200, Map.of("items", items));
    }

    private static Response found(Optional<?> value, String what) {
        return value.<Response>map(v -> Response.json(200, v)).orElseGet(() -> notFound(what));
    }

    private static Response notFound(String what) {
        return problem(404, what + " was not found", List.of());
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
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        if (!problems.isEmpty()) {
            body.put("problems", problems.stream().map(FactoryApi::problemJson).toList());
        }
        return new Response(status, Map.of("Content-Type", "application/problem+json"), Json.write(body).getBytes(StandardCharsets.UTF_8));
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
