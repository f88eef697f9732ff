package com.connectsoft.factory.build.adapter.azure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.FluxUtil;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.connectsoft.factory.build.domain.BuildJob;
import com.connectsoft.factory.platform.bus.servicebus.ServiceBusMessages;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.shared.domain.Hashing;
import com.connectsoft.factory.template.domain.RenderedFile;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Build jobs at the SDK boundary: the Blob Storage client's real requests answered as Blob Storage does (a
 * user-delegation key for the factory's bearer token, blob uploads), the Service Bus sender mocked. What a job is given
 * is exactly: ids, limits, and three SAS URLs signed with the delegation key, one blob each, read or create/write only.
 */
class AzureBuildJobsTest {
    private static final String ACCOUNT = "https://factoryart.blob.core.windows.net";
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final String OID = "6f1c0d1e-0000-4000-8000-00000000aa01";
    private static final String TID = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    /** Blob Storage's REST API for what the adapter uses: the delegation key, Put Blob, Get Blob, Delete Blob. */
    static final class BlobService implements HttpClient {
        final List<HttpRequest> requests = new CopyOnWriteArrayList<>();
        final List<String> keyRequests = new CopyOnWriteArrayList<>();
        final Map<String, byte[]> blobs = new HashMap<>();

        @Override
        public Mono<HttpResponse> send(HttpRequest request) {
            requests.add(request);
            String auth = request.getHeaders().getValue(HttpHeaderName.AUTHORIZATION);
            if (auth == null || !auth.equals("Bearer factory-identity-token")) {
                return Mono.just(response(request, 401, new byte[0], "x-ms-error-code", "NoAuthenticationInformation"));
            }
            String path = URI.create(request.getUrl().toString()).getPath();
            String query = request.getUrl().getQuery() == null ? "" : request.getUrl().getQuery();
            if (request.getHttpMethod() == HttpMethod.POST && query.contains("comp=userdelegationkey")) {
                return request.getBodyAsBinaryData() == null ? Mono.just(response(request, 400, new byte[0]))
                        : Mono.just(delegationKey(request, request.getBodyAsBinaryData().toString()));
            }
            if (request.getHttpMethod() == HttpMethod.PUT) {
                blobs.put(path, request.getBodyAsBinaryData().toBytes());
                return Mono.just(response(request, 201, new byte[0], "ETag", "\"0x1\"", "Last-Modified", "Tue, 01 Dec 2026 10:00:00 GMT"));
            }
            if (request.getHttpMethod() == HttpMethod.DELETE) {
                return Mono.just(response(request, blobs.remove(path) != null ? 202 : 404, new byte[0], "x-ms-error-code", "BlobNotFound"));
            }
            byte[] b = blobs.get(path);
            if (b == null) {
                return Mono.just(response(request, 404, new byte[0], "x-ms-error-code", "BlobNotFound"));
            }
            return Mono.just(response(request, 200, b, "Content-Length", String.valueOf(b.length), "x-ms-blob-type", "BlockBlob",
                    "Content-Range", "bytes 0-" + (b.length - 1) + "/" + b.length, "ETag", "\"0x1\""));
        }

        private HttpResponse delegationKey(HttpRequest request, String body) {
            keyRequests.add(body);
            Matcher m = Pattern.compile("<Start>(.*)</Start>.*<Expiry>(.*)</Expiry>").matcher(body);
            if (!m.find()) {
                return response(request, 400, new byte[0]);
            }
            String xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?><UserDelegationKey><SignedOid>" + OID + "</SignedOid><SignedTid>" + TID
                    + "</SignedTid><SignedStart>" + m.group(1) + "</SignedStart><SignedExpiry>" + m.group(2) + "</SignedExpiry>"
                    + "<SignedService>b</SignedService><SignedVersion>2025-01-05</SignedVersion><Value>"
                    + java.util.Base64.getEncoder().encodeToString(new byte[32]) + "</Value></UserDelegationKey>";
            return response(request, 200, xml.getBytes(StandardCharsets.UTF_8), "Content-Type", "application/xml");
        }

        static HttpResponse response(HttpRequest request, int status, byte[] body, String... headers) {
            HttpHeaders h = new HttpHeaders();
            for (int i = 0; i + 1 < headers.length; i += 2) {
                h.set(HttpHeaderName.fromString(headers[i]), headers[i + 1]);
            }
            return new HttpResponse(request) {
                @Override
                public int getStatusCode() {
                    return status;
                }

                @Override
                @Deprecated
                public String getHeaderValue(String name) {
                    return h.getValue(HttpHeaderName.fromString(name));
                }

                @Override
                public HttpHeaders getHeaders() {
                    return h;
                }

                @Override
                public Flux<ByteBuffer> getBody() {
                    return body.length == 0 ? Flux.empty() : Flux.just(ByteBuffer.wrap(body));
                }

                @Override
                public Mono<byte[]> getBodyAsByteArray() {
                    return FluxUtil.collectBytesInByteBufferStream(getBody());
                }

                @Override
                public Mono<String> getBodyAsString() {
                    return Mono.just(new String(body, StandardCharsets.UTF_8));
                }

                @Override
                public Mono<String> getBodyAsString(java.nio.charset.Charset charset) {
                    return Mono.just(new String(body, charset));
                }
            };
        }
    }

    private final BlobService storage = new BlobService();
    private final ServiceBusSenderClient sender = mock(ServiceBusSenderClient.class);

    private AzureBuildJobs jobs() {
        TokenCredential identity = request -> Mono.just(new AccessToken("factory-identity-token", OffsetDateTime.now().plusHours(1)));
        BlobServiceClient service = new BlobServiceClientBuilder().endpoint(ACCOUNT).credential(identity).httpClient(storage).buildClient();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return new AzureBuildJobs(service.getBlobContainerClient("build-jobs"), new BuildJobSas.UserDelegation(service, clock), sender,
                Duration.ofMinutes(10), Duration.ofMinutes(30), clock);
    }

    static BuildJob job(String tenant) {
        Envelope command = new Envelope("evt-cmd-1", "ValidateModule", tenant, "proj-1", "mod-billing", "trace-1", "run-1", null, NOW, 1,
                Json.payload(Json.object()));
        return new BuildJob("bjob-0123456789abcdef0123", tenant, "run-1", "mod-billing", "billing",
                "ConnectSoft.Template.FunctionsMicroservice@1.1.0", command, NOW);
    }

    private static final List<RenderedFile> SOURCES = List.of(new RenderedFile("pom.xml", "<project/>".getBytes(StandardCharsets.UTF_8)),
            new RenderedFile("src/main/java/App.java", "class App {}".getBytes(StandardCharsets.UTF_8)));

    @Test
    void submitUploadsTheSourcesWithTheIdentityAndSendsARequestWithThreeNarrowUserDelegationSasUrls(@TempDir Path dir) throws Exception {
        jobs().submit(job("acme"), SOURCES);

        byte[] archive = storage.blobs.get("/build-jobs/acme/bjob-0123456789abcdef0123/sources.zip");
        assertArrayEquals(SourceArchive.write(SOURCES), archive, "the sources, zipped, under <tenant>/<job>/: " + storage.blobs.keySet()
                + storage.requests.stream().map(q -> q.getHttpMethod() + " " + q.getUrl()).toList());
        assertEquals(1, storage.keyRequests.size(), "one delegation key, asked for with the identity");

        ArgumentCaptor<ServiceBusMessage> sent = ArgumentCaptor.forClass(ServiceBusMessage.class);
        verify(sender).sendMessage(sent.capture());
        ServiceBusMessage m = sent.getValue();
        assertEquals("bjob-0123456789abcdef0123", m.getMessageId(), "duplicate detection drops a second send of the same job");
        assertEquals(BuildJobRequest.SUBJECT, m.getSubject());
        assertEquals("run-1", m.getCorrelationId());
        assertEquals(Duration.ofMinutes(30), m.getTimeToLive(), "a request lives as long as the run waits for the step");
        assertEquals("acme", m.getApplicationProperties().get(ServiceBusMessages.TENANT));
        String body = m.getBody().toString();
        assertFalse(body.matches("(?is).*(AccountKey|SharedAccessKey|Bearer|factory-identity-token|Endpoint=).*"), body);

        BuildJobRequest r = BuildJobRequest.parse(m.getBody().toBytes());
        assertEquals(archive.length, r.sourcesBytes());
        assertEquals(Hashing.sha256Hex(archive), r.sourcesSha256());
        assertEquals(600, r.timeoutSeconds());
        assertEquals(NOW.plus(Duration.ofMinutes(30)), r.notAfter());
        // valid while the request may wait (30 min), then for the job's build (10 min) and its overhead (5 min)
        Instant expiry = NOW.plus(Duration.ofMinutes(45));
        assertSas(r.sourcesUrl(), "sources.zip", "r", expiry);
        assertSas(r.reportUrl(), "report.json", "cw", expiry);
        assertSas(r.logUrl(), "build.log", "cw", expiry);
        Matcher keyExpiry = Pattern.compile("<Expiry>(.*)</Expiry>").matcher(storage.keyRequests.get(0));
        assertTrue(keyExpiry.find());
        assertFalse(OffsetDateTime.parse(keyExpiry.group(1)).toInstant().isBefore(expiry), "the key outlives the SAS it signs");

        jobs().submit(job("acme"), SOURCES);
        assertEquals(2, storage.keyRequests.size(), "a new adapter asks once more; one adapter reuses its key:");
        AzureBuildJobs one = jobs();
        one.submit(job("acme"), SOURCES);
        one.submit(job("acme"), SOURCES);
        assertEquals(3, storage.keyRequests.size());
    }

    private static void assertSas(String url, String file, String permissions, Instant expiry) {
        URI u = URI.create(url);
        assertEquals("https", u.getScheme());
        assertEquals("factoryart.blob.core.windows.net", u.getHost());
        assertEquals("/build-jobs/acme/bjob-0123456789abcdef0123/" + file, u.getPath());
        Map<String, String> q = new HashMap<>();
        for (String p : u.getRawQuery().split("&")) {
            String[] kv = p.split("=", 2);
            q.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        assertEquals(permissions, q.get("sp"), file + " permissions");
        assertEquals("b", q.get("sr"), file + ": one blob, never a container");
        assertEquals("https", q.get("spr"), "https only");
        assertEquals(expiry, Instant.parse(q.get("se")), file + " expiry");
        assertEquals(NOW.minus(BuildJobSas.SKEW), Instant.parse(q.get("st")));
        assertEquals(OID, q.get("skoid"), "signed with the identity's delegation key, not an account key");
        assertEquals(TID, q.get("sktid"));
        assertTrue(q.containsKey("sig"));
    }

    @Test
    void theJobsOutputIsReadBackBoundedAndDiscarded() {
        AzureBuildJobs jobs = jobs();
        BuildJob job = job("acme");
        assertTrue(jobs.output(job).isEmpty(), "no report yet");
        storage.blobs.put("/build-jobs/acme/bjob-0123456789abcdef0123/report.json", "{\"status\":\"passed\"}".getBytes(StandardCharsets.UTF_8));
        var out = jobs.output(job).orElseThrow();
        assertEquals("{\"status\":\"passed\"}", new String(out.report(), StandardCharsets.UTF_8));
        assertTrue(out.log().isEmpty());
        storage.blobs.put("/build-jobs/acme/bjob-0123456789abcdef0123/build.log", new byte[AzureBuildJobs.MAX_LOG_BYTES + 5000]);
        assertEquals(AzureBuildJobs.MAX_LOG_BYTES + 1, jobs.output(job).orElseThrow().log().orElseThrow().length,
                "at most one byte more than is kept is read");
        jobs.discard(job);
        assertTrue(storage.blobs.isEmpty());
        jobs.discard(job);
        assertTrue(storage.requests.stream().noneMatch(r -> r.getUrl().getPath().contains("/globex/")));
    }

    @Test
    void theSettingsChooseIdentityAndUserDelegationInAzureAndTheQueueOfTheRegistry() {
        var settings = com.connectsoft.factory.app.FactorySettings.from(Map.of("FACTORY_BUILD_RUNNER", "azure-job",
                "FACTORY_BUILD_JOBS_NAMESPACE", "build-ns.servicebus.windows.net", "FACTORY_BLOB_ENDPOINT", ACCOUNT,
                "FACTORY_STEP_TIMEOUT_SECONDS", "900", "FACTORY_BUILD_TIMEOUT_SECONDS", "300"), Path.of("/tmp"), Path.of("/tmp"));
        try (AzureBuildJobs jobs = AzureBuildJobs.connect(settings.build(), settings.blobConnectionString(), settings.blobEndpoint(),
                settings.steps().stepTimeout())) {
            assertEquals("build jobs through queue build-jobs and container build-jobs (user-delegation SAS of account factoryart)",
                    jobs.description());
        }
        assertEquals(Duration.ofMinutes(10), AzureBuildJobs.longestJob(Duration.ofMinutes(5)));
    }
}
