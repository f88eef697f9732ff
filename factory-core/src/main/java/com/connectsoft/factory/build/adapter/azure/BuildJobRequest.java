package com.connectsoft.factory.build.adapter.azure;

import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.shared.domain.TenantId;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The {@code BuildJobRequested} message (body JSON) the factory sends to the build-jobs queue: ids, the time limit,
 * when the request goes stale, and three SAS URLs, each for one blob of this job only: read the sources archive
 * (whose size and sha256 the job checks), create/write the report and the log. It carries no other credential.
 * {@link #parse} reads it as the job does: bounded, every field checked, the URLs on one host and container under
 * {@code <tenant>/<jobId>/}, https (plain http only to a loopback emulator).
 */
public record BuildJobRequest(int schemaVersion, String jobId, String tenantId, String runId, String moduleId, String moduleName,
                              String templateRef, long timeoutSeconds, Instant notAfter, String sourcesUrl, long sourcesBytes,
                              String sourcesSha256, String reportUrl, String logUrl) {
    public static final String SUBJECT = "BuildJobRequested";
    public static final int SCHEMA_VERSION = 1;
    public static final int MAX_BODY_BYTES = 64 << 10;
    /** The largest sources archive a job fetches. */
    public static final long MAX_SOURCES_BYTES = 64L << 20;
    public static final String SOURCES = "sources.zip";
    public static final String REPORT = "report.json";
    public static final String LOG = "build.log";

    static final Pattern JOB_ID = Pattern.compile("bjob-[0-9a-f]{20}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    private static final Pattern MODULE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,99}");
    private static final Pattern TEMPLATE_REF = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,150}@[0-9A-Za-z.+-]{1,40}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** A request that can never be built: what is wrong with it. */
    public static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message);
        }
    }

    /** The blob name of one of the job's files: {@code <tenant>/<jobId>/<file>}. */
    public static String blobName(String tenantId, String jobId, String file) {
        return tenantId + "/" + jobId + "/" + file;
    }

    public byte[] toBytes() {
        return Json.write(this).getBytes(StandardCharsets.UTF_8);
    }

    public static BuildJobRequest parse(byte[] body) {
        if (body.length > MAX_BODY_BYTES) {
            throw new Malformed("the request is " + body.length + " bytes, more than " + MAX_BODY_BYTES);
        }
        JsonNode n;
        try {
            n = Json.read(new String(body, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new Malformed("the request is not JSON");
        }
        if (!n.isObject()) {
            throw new Malformed("the request is not a JSON object");
        }
        if (n.path("schemaVersion").asInt(-1) != SCHEMA_VERSION) {
            throw new Malformed("schemaVersion is not " + SCHEMA_VERSION);
        }
        String jobId = text(n, "jobId", JOB_ID);
        String tenant = text(n, "tenantId", Pattern.compile("[a-z0-9][a-z0-9-]{1,62}"));
        TenantId.of(tenant);
        long timeout = n.path("timeoutSeconds").asLong(-1);
        if (!n.path("timeoutSeconds").isIntegralNumber() || timeout < 1 || timeout > 86_400) {
            throw new Malformed("timeoutSeconds is not a whole number of seconds from 1 to 86400");
        }
        Instant notAfter;
        try {
            notAfter = Instant.parse(n.path("notAfter").asText(""));
        } catch (DateTimeParseException e) {
            throw new Malformed("notAfter is not an ISO-8601 instant");
        }
        long bytes = n.path("sourcesBytes").asLong(-1);
        if (!n.path("sourcesBytes").isIntegralNumber() || bytes < 1 || bytes > MAX_SOURCES_BYTES) {
            throw new Malformed("sourcesBytes is not from 1 to " + MAX_SOURCES_BYTES);
        }
        String sources = n.path("sourcesUrl").asText("");
        String report = n.path("reportUrl").asText("");
        String log = n.path("logUrl").asText("");
        URI s = url("sourcesUrl", sources, tenant, jobId, SOURCES);
        URI r = url("reportUrl", report, tenant, jobId, REPORT);
        URI l = url("logUrl", log, tenant, jobId, LOG);
        if (!container(s).equals(container(r)) || !container(s).equals(container(l))) {
            throw new Malformed("the sources, report and log URLs are not in one storage container");
        }
        return new BuildJobRequest(SCHEMA_VERSION, jobId, tenant, text(n, "runId", ID), text(n, "moduleId", ID),
                text(n, "moduleName", MODULE), text(n, "templateRef", TEMPLATE_REF), timeout, notAfter, sources, bytes,
                text(n, "sourcesSha256", SHA256), report, log);
    }

    private static String text(JsonNode n, String field, Pattern format) {
        String v = n.path(field).asText("");
        if (!n.path(field).isTextual() || !format.matcher(v).matches()) {
            throw new Malformed(field + " is missing or not of the form " + format.pattern());
        }
        return v;
    }

    private static URI url(String field, String value, String tenant, String jobId, String file) {
        URI u;
        try {
            u = new URI(value);
        } catch (URISyntaxException e) {
            throw new Malformed(field + " is not a URL");
        }
        if (u.getHost() == null || u.getRawUserInfo() != null || u.getRawQuery() == null || u.getRawFragment() != null) {
            throw new Malformed(field + " is not a blob URL with a SAS query");
        }
        boolean https = "https".equals(u.getScheme());
        if (!https && !("http".equals(u.getScheme()) && loopback(u.getHost()))) {
            throw new Malformed(field + " is not https");
        }
        String path = u.getRawPath() == null ? "" : u.getRawPath();
        if (!path.endsWith("/" + blobName(tenant, jobId, file)) || path.contains("/../") || path.contains("%")) {
            throw new Malformed(field + " is not this job's " + file);
        }
        return u;
    }

    /** Everything of the URL but its query and this job's blob name: scheme, host, port and container (with the account on an emulator). */
    private static String container(URI u) {
        String path = u.getRawPath();
        int jobDir = path.lastIndexOf('/', path.lastIndexOf('/', path.lastIndexOf('/') - 1) - 1);
        return u.getScheme() + "://" + u.getRawAuthority() + path.substring(0, jobDir);
    }

    private static boolean loopback(String host) {
        if (host.equals("localhost")) {
            return true;
        }
        try {
            return host.matches("[0-9.]+|\\[[0-9a-fA-F:]+]") && InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
