package com.connectsoft.factory.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.build.adapter.azure.AzureBuildJobs;
import com.connectsoft.factory.build.adapter.azure.BuildJobCompletion;
import com.connectsoft.factory.build.adapter.azure.BuildJobQueues;
import com.connectsoft.factory.build.adapter.azure.BuildJobRequest;
import com.connectsoft.factory.build.adapter.azure.BuildJobSas;
import com.connectsoft.factory.build.adapter.azure.BuildJobWorker;
import com.connectsoft.factory.build.adapter.azure.SasBlobs;
import com.connectsoft.factory.build.adapter.azure.SourceArchive;
import com.connectsoft.factory.build.domain.BuildReport;
import com.connectsoft.factory.build.domain.BuildRunner;
import com.connectsoft.factory.capability.Capability;
import com.connectsoft.factory.capability.CapabilityRegistry;
import com.connectsoft.factory.functions.build.BuildJobCompletedFunction;
import com.connectsoft.factory.functions.http.ApiFunctions;
import com.connectsoft.factory.platform.bus.RetryPolicy;
import com.connectsoft.factory.platform.bus.Subscription;
import com.connectsoft.factory.platform.bus.servicebus.ServiceBusMessages;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.run.domain.RunEvents;
import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.shared.domain.TenantId;
import com.connectsoft.factory.template.adapter.filesystem.FileSystemTemplateCatalog;
import com.connectsoft.factory.template.domain.TemplatePackage;
import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.durabletask.azurefunctions.DurableClientContext;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The function app as the stack configures it in Azure (FACTORY_BUILD_RUNNER=azure-job): a whole run carried from
 * function to function, where BuildValidate hands each module to a build job (Blob Storage: Azurite; the build-jobs
 * queue: in memory, no Service Bus emulator exists here) and the BuildJobCompleted function turns each job's notice into
 * the ModuleValidated reply. The job runs {@link BuildJobWorker} with a build runner that records what it got; the app's
 * own build runner refuses to build. Needs AZURITE_BLOB_CONNECTION_STRING (.ci/run sets it).
 */
@Tag("azurite")
class FunctionAppBuildJobsTest {
    private static final Path ROOT = Path.of(System.getProperty("factory.repoRoot", "..")).toAbsolutePath().normalize();
    private static final List<String> PROPERTIES = List.of("FACTORY_DATA_DIR", "FACTORY_HOME", "FACTORY_BUILD_RUNNER",
            "FACTORY_BUILD_JOBS_NAMESPACE", "FACTORY_BLOB_CONNECTION_STRING", "FACTORY_BLOB_CONTAINER", "FACTORY_BUILD_JOBS_CONTAINER");
    private static ConfigurableApplicationContext context;
    private static String connection;
    private static Path dir;
    /** The build-jobs queue (in memory): what the function app sent. */
    static final ConcurrentLinkedDeque<byte[]> REQUESTS = new ConcurrentLinkedDeque<>();
    static final Set<String> SENT_IDS = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** The build jobs the app connects to: the real adapter on Azurite, its Service Bus sender feeding the in-memory queue. */
    static class TestBuildJobs {
        @Bean
        @Primary
        BuildJobsConnector testBuildJobsConnector() {
            return settings -> {
                ServiceBusSenderClient sender = mock(ServiceBusSenderClient.class);
                doAnswer(a -> {
                    ServiceBusMessage m = a.getArgument(0);
                    if (SENT_IDS.add(m.getMessageId())) { // duplicate detection by messageId
                        REQUESTS.add(m.getBody().toBytes());
                    }
                    return null;
                }).when(sender).sendMessage(any(ServiceBusMessage.class));
                BlobServiceClient service = new BlobServiceClientBuilder().connectionString(settings.blobConnectionString().orElseThrow()).buildClient();
                var container = service.getBlobContainerClient(settings.build().jobs().orElseThrow().container());
                container.createIfNotExists();
                return new AzureBuildJobs(container, new BuildJobSas.AccountKey(Clock.systemUTC()), sender, settings.build().timeout(),
                        settings.steps().stepTimeout(), Clock.systemUTC());
            };
        }
    }

    @BeforeAll
    static void start() throws Exception {
        connection = System.getenv("AZURITE_BLOB_CONNECTION_STRING");
        Assumptions.assumeTrue(connection != null && !connection.isBlank(),
                "Azurite is not running: start it as .ci/run does and set AZURITE_BLOB_CONNECTION_STRING");
        dir = Files.createTempDirectory("factory-functions-jobs-test");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> settings = Map.of("FACTORY_DATA_DIR", dir.resolve("data").toString(), "FACTORY_HOME", ROOT.toString(),
                "FACTORY_BUILD_RUNNER", "azure-job", "FACTORY_BUILD_JOBS_NAMESPACE", "build-ns.servicebus.windows.net",
                "FACTORY_BLOB_CONNECTION_STRING", connection, "FACTORY_BLOB_CONTAINER", "artifacts-" + suffix,
                "FACTORY_BUILD_JOBS_CONTAINER", "build-jobs-" + suffix);
        settings.forEach(System::setProperty);
        context = new SpringApplicationBuilder(FactoryFunctionsApplication.class, TestBuildJobs.class).run();
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            BlobServiceClient service = new BlobServiceClientBuilder().connectionString(connection).buildClient();
            service.getBlobContainerClient(System.getProperty("FACTORY_BLOB_CONTAINER")).deleteIfExists();
            service.getBlobContainerClient(System.getProperty("FACTORY_BUILD_JOBS_CONTAINER")).deleteIfExists();
            context.close();
        }
        PROPERTIES.forEach(System::clearProperty);
        if (dir != null) {
            try {
                com.connectsoft.factory.platform.files.Directories.delete(dir, true);
            } catch (java.io.IOException ignored) {
                // a temporary directory the system cleans
            }
        }
    }

    private static ExecutionContext log() {
        ExecutionContext c = mock(ExecutionContext.class);
        when(c.getLogger()).thenReturn(Logger.getLogger("functions-test"));
        return c;
    }

    private static Map.Entry<Object, Method> function(String name) {
        for (Object bean : context.getBeansWithAnnotation(org.springframework.stereotype.Component.class).values()) {
            for (Method m : org.springframework.aop.support.AopUtils.getTargetClass(bean).getMethods()) {
                FunctionName fn = m.getAnnotation(FunctionName.class);
                if (fn != null && fn.value().equals(name)) {
                    return Map.entry(bean, m);
                }
            }
        }
        throw new AssertionError("no function " + name);
    }

    /** The build job's container: one request at a time from the in-memory queue, notices collected. */
    static final class Job implements BuildJobQueues.Inbox, BuildJobQueues.Outbox {
        final List<BuildJobCompletion> notices = new CopyOnWriteArrayList<>();

        @Override
        public Optional<BuildJobQueues.Delivery> next(Duration wait) {
            byte[] body = REQUESTS.poll();
            if (body == null) {
                return Optional.empty();
            }
            return Optional.of(new BuildJobQueues.Delivery() {
                public byte[] body() {
                    return body;
                }

                public String messageId() {
                    return BuildJobRequest.parse(body).jobId();
                }

                public long deliveryCount() {
                    return 1;
                }

                public void complete() {
                }

                public void abandon() {
                    REQUESTS.addFirst(body);
                }

                public void deadLetter(String reason, String description) {
                    throw new AssertionError("dead-lettered: " + reason + " " + description);
                }
            });
        }

        @Override
        public void send(BuildJobCompletion completion) {
            notices.add(completion);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void inAzureConfigurationTheAppHandsEveryBuildToAJobAndRepliesFromItsAnswer() throws Exception {
        Factory app = context.getBean(Factory.class);
        assertTrue(app.build().completions().isPresent(), "azure-job: build-validate hands builds to jobs");
        DurableClientContext durable = FunctionAppTest.localDurableFunctions(app);
        for (Capability c : CapabilityRegistry.all()) {
            Map.Entry<Object, Method> fn = function(c.functionName());
            app.bus().subscribe(new Subscription(c.subscription(), c.inputEventTypes(), new RetryPolicy(3, Duration.ofMillis(100),
                    Duration.ofSeconds(1))), event -> {
                ServiceBusMessage m = ServiceBusMessages.toMessage(event);
                try {
                    if (fn.getValue().getParameterCount() == 7) {
                        fn.getValue().invoke(fn.getKey(), m.getBody().toString(), m.getMessageId(), m.getSubject(),
                                Json.write(m.getApplicationProperties()), 1, durable, log());
                    } else {
                        fn.getValue().invoke(fn.getKey(), m.getBody().toString(), m.getMessageId(), m.getSubject(),
                                Json.write(m.getApplicationProperties()), 1, log());
                    }
                } catch (java.lang.reflect.InvocationTargetException e) {
                    throw (Exception) e.getCause();
                }
            });
        }
        AtomicInteger jobBuilds = new AtomicInteger();
        BuildRunner jobRunner = new BuildRunner() {
            @Override
            public BuildReport build(String module, Path sources, Path workDir, Duration timeout) {
                jobBuilds.incrementAndGet();
                boolean ok = Files.isRegularFile(sources.resolve("pom.xml")) && Files.isRegularFile(sources.resolve("infra/pom.xml"));
                return new BuildReport(module, ok ? com.connectsoft.factory.run.vocabulary.BuildStatus.PASSED : com.connectsoft.factory.run.vocabulary.BuildStatus.FAILED, 12, 0, 0, 0, 3000, "mvn -o verify",
                        ok ? "" : "sources incomplete", List.of(), null);
            }

            @Override
            public Preparation prepare(Path trustedSources, Path workDir, Duration timeout, Runnable starting) {
                throw new AssertionError("a job never prepares");
            }

            @Override
            public String description() {
                return "job (test)";
            }
        };
        Set<String> prepared = Set.copyOf(new FileSystemTemplateCatalog(ROOT.resolve("templates")).all().stream().map(TemplatePackage::ref).toList());
        Path jobDir = Files.createDirectories(dir.resolve("job"));
        BuildJobWorker worker = new BuildJobWorker(jobRunner, SasBlobs.azure(), new BuildJobWorker.Settings(jobDir, 3, prepared,
                SourceArchive.Limits.DEFAULT), Clock.systemUTC(), line -> { });
        Job job = new Job();
        BuildJobCompletedFunction completed = context.getBean(BuildJobCompletedFunction.class);
        List<Envelope> replies = new CopyOnWriteArrayList<>();
        Map<String, String> replyOfJob = new java.util.concurrent.ConcurrentHashMap<>();
        List<Throwable> faults = new CopyOnWriteArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread azure = new Thread(() -> {
            while (!stop.get()) {
                try {
                    worker.runOnce(job, job, Duration.ZERO);
                    for (BuildJobCompletion n : new ArrayList<>(job.notices)) {
                        job.notices.remove(n);
                        List<Envelope> published = completed.run(new String(n.toBytes(), StandardCharsets.UTF_8), n.messageId(), 1, log());
                        replies.addAll(published);
                        replyOfJob.put(n.jobId(), published.get(0).eventId());
                    }
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException | AssertionError e) {
                    faults.add(e);
                }
            }
        });
        azure.start();
        try {
            TenantId tenant = TenantId.of("acme");
            app.tenancy().administration().register(tenant, "Acme", "developer");
            String key = app.tenancy().administration().issueKey(tenant);
            ApiFunctions api = context.getBean(ApiFunctions.class);
            HttpResponseMessage upload = api.blueprints(FakeHttpRequest.of("POST", "/api/v1/blueprints?file=invoicing.blueprint.yaml",
                    Files.readAllBytes(ROOT.resolve("examples/invoicing.blueprint.yaml")), "X-Api-Key", key));
            assertEquals(201, upload.getStatus().value());
            String blueprintId = Json.read(new String((byte[]) upload.getBody(), StandardCharsets.UTF_8)).path("blueprintId").asText();
            HttpResponseMessage started = api.runs(FakeHttpRequest.of("POST", "/api/v1/runs",
                    ("{\"blueprintId\":\"" + blueprintId + "\"}").getBytes(StandardCharsets.UTF_8), "X-Api-Key", key), durable);
            assertEquals(202, started.getStatus().value());
            String runId = Json.read(new String((byte[]) started.getBody(), StandardCharsets.UTF_8)).path("runId").asText();
            JsonNode run = null;
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (System.nanoTime() < deadline) {
                run = Json.read(new String((byte[]) api.runs(FakeHttpRequest.of("GET", "/api/v1/runs/" + runId, null, "X-Api-Key", key), durable)
                        .getBody(), StandardCharsets.UTF_8));
                if (!com.connectsoft.factory.run.vocabulary.RunStatus.RUNNING.key().equals(run.path("status").asText())) {
                    break;
                }
                Thread.sleep(100);
            }
            assertEquals(List.of(), faults);
            assertEquals(com.connectsoft.factory.run.vocabulary.RunStatus.COMPLETED.key(), run.path("status").asText(), run.toString());
            assertEquals(2, jobBuilds.get(), "each module built once, by the job");
            assertEquals(2, replies.stream().filter(e -> e.eventType().equals(RunEvents.MODULE_VALIDATED)).count());
            for (JsonNode m : run.path("modules")) {
                assertEquals(com.connectsoft.factory.run.vocabulary.BuildStatus.PASSED.key(), m.path("build").asText(), m.toString());
                assertEquals(12, m.path("testsRun").asInt(), m.toString());
            }

            // a notice delivered again answers with the same reply; a notice that is no notice is refused for Service Bus to keep
            for (Map.Entry<String, String> e : replyOfJob.entrySet()) {
                List<Envelope> again = completed.run(new String(new BuildJobCompletion(e.getKey(), "acme").toBytes(), StandardCharsets.UTF_8),
                        e.getKey() + "-done", 2, log());
                assertEquals(List.of(e.getValue()), again.stream().map(Envelope::eventId).toList(), "the same reply, nothing recorded again");
            }
            assertEquals(2, replyOfJob.size());
            assertThrows(BuildJobRequest.Malformed.class, () -> completed.run("{\"jobId\":\"../x\"}", "m-1", 1, log()));
            assertEquals(List.of(), completed.run(new String(new BuildJobCompletion("bjob-00000000000000000000", "acme").toBytes(),
                    StandardCharsets.UTF_8), "m-2", 1, log()), "a job nobody handed out is ignored");
            assertEquals(List.of(), completed.run(new String(new BuildJobCompletion(replyOfJob.keySet().iterator().next(), "globex").toBytes(),
                    StandardCharsets.UTF_8), "m-3", 1, log()), "nor is another tenant's");
        } finally {
            stop.set(true);
            azure.join(10_000);
        }
    }
}
