package com.connectsoft.factory.build.adapter.azure;

import com.connectsoft.factory.platform.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The {@code BuildJobCompleted} message (body JSON) a build job sends to the build-jobs-done queue when it has written
 * its report: the tenant and the job's id, nothing else. The factory takes everything further from its own ledger and
 * from the blobs it named, so a forged notice can at most make it look early.
 */
public record BuildJobCompletion(int schemaVersion, String jobId, String tenantId) {
    public static final String SUBJECT = "BuildJobCompleted";
    public static final int MAX_BODY_BYTES = 4 << 10;
    private static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

    public BuildJobCompletion(String jobId, String tenantId) {
        this(BuildJobRequest.SCHEMA_VERSION, jobId, tenantId);
    }

    /** Service Bus messageId: one per job, so a notice sent twice within the duplicate-detection window is one message. */
    public String messageId() {
        return jobId + "-done";
    }

    public byte[] toBytes() {
        return Json.write(this).getBytes(StandardCharsets.UTF_8);
    }

    /** @throws BuildJobRequest.Malformed when the body is not a notice */
    public static BuildJobCompletion parse(byte[] body) {
        if (body.length > MAX_BODY_BYTES) {
            throw new BuildJobRequest.Malformed("the notice is " + body.length + " bytes, more than " + MAX_BODY_BYTES);
        }
        JsonNode n;
        try {
            n = Json.read(new String(body, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new BuildJobRequest.Malformed("the notice is not JSON");
        }
        String jobId = n.path("jobId").asText("");
        String tenant = n.path("tenantId").asText("");
        if (!n.isObject() || n.path("schemaVersion").asInt(-1) != BuildJobRequest.SCHEMA_VERSION
                || !BuildJobRequest.JOB_ID.matcher(jobId).matches() || !TENANT.matcher(tenant).matches()) {
            throw new BuildJobRequest.Malformed("the notice is not {schemaVersion: 1, jobId: bjob-<20 hex>, tenantId}");
        }
        return new BuildJobCompletion(jobId, tenant);
    }
}
