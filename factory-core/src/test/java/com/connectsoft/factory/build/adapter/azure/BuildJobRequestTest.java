package com.connectsoft.factory.build.adapter.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.platform.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The request and notice as the job and the factory read them: every field checked, the URLs this job's blobs only. */
class BuildJobRequestTest {
    static final String JOB = "bjob-0123456789abcdef0123";
    static final String BASE = "https://acct.blob.core.windows.net/build-jobs/acme/" + JOB + "/";

    static BuildJobRequest request(String base) {
        return new BuildJobRequest(1, JOB, "acme", "run-1", "mod-billing", "billing", "ConnectSoft.Template.FunctionsMicroservice@1.1.0",
                600, Instant.parse("2026-12-01T10:30:00Z"), base + "sources.zip?sv=x&sig=s1", 1234, "a".repeat(64),
                base + "report.json?sv=x&sig=s2", base + "build.log?sv=x&sig=s3");
    }

    @Test
    void aRequestRoundTripsThroughItsJson() {
        BuildJobRequest r = request(BASE);
        assertEquals(r, BuildJobRequest.parse(r.toBytes()));
        BuildJobRequest emulator = request("http://127.0.0.1:10000/devstoreaccount1/build-jobs/acme/" + JOB + "/");
        assertEquals(emulator, BuildJobRequest.parse(emulator.toBytes()), "plain http only to a loopback emulator");
    }

    @Test
    void everyFieldIsChecked() {
        malformed(n -> n.put("jobId", "bjob-../../x"), "jobId");
        malformed(n -> n.put("tenantId", "Acme Corp"), "tenantId");
        malformed(n -> n.put("moduleName", "../../etc"), "moduleName");
        malformed(n -> n.put("timeoutSeconds", 0), "timeoutSeconds");
        malformed(n -> n.put("timeoutSeconds", "600"), "timeoutSeconds");
        malformed(n -> n.put("notAfter", "tomorrow"), "notAfter");
        malformed(n -> n.put("sourcesBytes", BuildJobRequest.MAX_SOURCES_BYTES + 1), "sourcesBytes");
        malformed(n -> n.put("sourcesSha256", "xyz"), "sourcesSha256");
        malformed(n -> n.put("schemaVersion", 2), "schemaVersion");
        malformed(n -> n.remove("runId"), "runId");
    }

    @Test
    void theUrlsMustBeThisJobsBlobsInOneContainerOverHttps() {
        malformed(n -> n.put("sourcesUrl", BASE.replace("https", "http") + "sources.zip?sig=s"), "sourcesUrl is not https");
        malformed(n -> n.put("reportUrl", BASE.replace("acme", "globex") + "report.json?sig=s"), "reportUrl is not this job's report.json");
        malformed(n -> n.put("logUrl", BASE + "report.json?sig=s"), "logUrl is not this job's build.log");
        malformed(n -> n.put("sourcesUrl", BASE + "sources.zip"), "sourcesUrl is not a blob URL with a SAS query");
        malformed(n -> n.put("reportUrl", BASE.replace("acct.blob", "evil.blob") + "report.json?sig=s"), "not in one storage container");
        malformed(n -> n.put("logUrl", BASE.replace("/build-jobs/", "/artifacts/") + "build.log?sig=s"), "not in one storage container");
        malformed(n -> n.put("sourcesUrl", "https://user@acct.blob.core.windows.net/build-jobs/acme/" + JOB + "/sources.zip?sig=s"), "sourcesUrl");
        malformed(n -> n.put("sourcesUrl", "https://acct.blob.core.windows.net/build-jobs/acme/" + JOB + "/%2e%2e/sources.zip?sig=s"), "sourcesUrl");
    }

    @Test
    void anOversizedOrNonJsonBodyIsRefusedBeforeParsing() {
        byte[] big = new byte[BuildJobRequest.MAX_BODY_BYTES + 1];
        assertTrue(assertThrows(BuildJobRequest.Malformed.class, () -> BuildJobRequest.parse(big)).getMessage().contains("more than"));
        assertThrows(BuildJobRequest.Malformed.class, () -> BuildJobRequest.parse("[1,2]".getBytes(StandardCharsets.UTF_8)));
        assertThrows(BuildJobRequest.Malformed.class, () -> BuildJobRequest.parse("{".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aNoticeNamesATenantAndAJobOnly() {
        BuildJobCompletion c = new BuildJobCompletion(JOB, "acme");
        assertEquals(c, BuildJobCompletion.parse(c.toBytes()));
        assertEquals(JOB + "-done", c.messageId());
        assertEquals("{\"schemaVersion\":1,\"jobId\":\"" + JOB + "\",\"tenantId\":\"acme\"}", new String(c.toBytes(), StandardCharsets.UTF_8));
        for (String bad : new String[] {"{\"schemaVersion\":1,\"jobId\":\"x\",\"tenantId\":\"acme\"}",
                "{\"schemaVersion\":1,\"jobId\":\"" + JOB + "\",\"tenantId\":\"ACME\"}", "{}", "nope"}) {
            assertThrows(BuildJobRequest.Malformed.class, () -> BuildJobCompletion.parse(bad.getBytes(StandardCharsets.UTF_8)), bad);
        }
    }

    private static void malformed(Consumer<ObjectNode> change, String expected) {
        ObjectNode n = (ObjectNode) Json.read(new String(request(BASE).toBytes(), StandardCharsets.UTF_8));
        change.accept(n);
        BuildJobRequest.Malformed e = assertThrows(BuildJobRequest.Malformed.class,
                () -> BuildJobRequest.parse(Json.write(n).getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
