package com.connectsoft.factory.build.adapter.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import com.azure.core.util.BinaryData;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.storage.blob.BlobClientBuilder;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobStorageException;
import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.app.FactoryPlatform;
import com.connectsoft.factory.app.FactorySettings;
import com.connectsoft.factory.capability.ModuleSources;
import com.connectsoft.factory.artifact.domain.Artifact;
import com.connectsoft.factory.build.application.CompleteBuildJobStep;
import com.connectsoft.factory.build.application.DispatchBuildJobStep;
import com.connectsoft.factory.build.domain.BuildReport;
import com.connectsoft.factory.build.domain.BuildRunner;
import com.connectsoft.factory.platform.content.ContentRef;
import com.connectsoft.factory.platform.content.filesystem.FileSystemContentStore;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.artifact.adapter.DocumentArtifacts;
import com.connectsoft.factory.build.adapter.DocumentBuildJobs;
import com.connectsoft.factory.run.TestFactory;
import com.connectsoft.factory.run.adapter.LocalRunOrchestrations;
import com.connectsoft.factory.run.application.StartRun;
import com.connectsoft.factory.run.application.RunProgress;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.run.domain.ModuleResult;
import com.connectsoft.factory.run.domain.RunEvents;
import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.shared.domain.TenantId;
import com.connectsoft.factory.template.domain.RenderedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The factory's side and the job's side of a build job against Azurite (the Blob Storage emulator), with the queues in
 * memory (no Service Bus emulator exists here) and account-key SAS (how the factory signs with a connection string;
 * with its identity in Azure it signs user-delegation SAS, tested at the HTTP boundary in {@link AzureBuildJobsTest}).
 * .ci/run starts Azurite and sets AZURITE_BLOB_CONNECTION_STRING; without it these tests are skipped, with that reason.
 */
@Tag("azurite")
class BuildJobAzuriteTest {
    private static final TenantId ACME = TenantId.of("acme");
    /** What the job's image was prepared for: every template version in the repository's catalog. */
    private static final Set<String> PREPARED = Set.copyOf(new com.connectsoft.factory.template.adapter.filesystem.FileSystemTemplateCatalog(
            TestFactory.ROOT.resolve("templates")).all().stream().map(com.connectsoft.factory.template.domain.TemplatePackage::ref).toList());
    private static final String TEMPLATE = PREPARED.stream().sorted().findFirst().orElseThrow();

    @TempDir
    Path dir;

    private String connection;
    private BlobContainerClient container;
    private final MemoryQueues queues = new MemoryQueues();
    private final AtomicInteger jobBuilds = new AtomicInteger();

    @BeforeEach
    void connect() {
        connection = System.getenv("AZURITE_BLOB_CONNECTION_STRING");
        Assumptions.assumeTrue(connection != null && !connection.isBlank(),
                "Azurite is not running: start it as .ci/run does and set AZURITE_BLOB_CONNECTION_STRING");
        container = new BlobServiceClientBuilder().connectionString(connection).buildClient()
                .getBlobContainerClient("build-jobs-" + UUID.randomUUID().toString().substring(0, 8));
        container.createIfNotExists();
    }

    @AfterEach
    void drop() {
        if (container != null) {
            container.deleteIfExists();
        }
    }

    /** A Service Bus sender whose messages land in the in-memory build-jobs queue. */
    private ServiceBusSenderClient sender() {
        ServiceBusSenderClient sender = mock(ServiceBusSenderClient.class);
        doAnswer(a -> {
            ServiceBusMessage m = a.getArgument(0);
            if (queues.requests.stream().noneMatch(q -> q.messageId().equals(m.getMessageId()))) { // duplicate detection
                queues.add(m.getMessageId(), m.getBody().toBytes());
            }
            return null;
        }).when(sender).sendMessage(any(ServiceBusMessage.class));
        return sender;
    }

    private AzureBuildJobs jobs(BlobContainerClient c) {
        return new AzureBuildJobs(c, new BuildJobSas.AccountKey(Clock.systemUTC()), sender(), Duration.ofMinutes(10), Duration.ofMinutes(30),
                Clock.systemUTC());
    }

    /** The job's build: passes when it got the module's pom.xml, leaves a log. */
    private final BuildRunner jobRunner = new BuildRunner() {
        @Override
        public BuildReport build(String module, Path sources, Path workDir, Duration timeout) {
            jobBuilds.incrementAndGet();
            try {
                Files.createDirectories(workDir);
                Files.writeString(workDir.resolve("build.log"), "== module: mvn -o verify\n[INFO] Tests run: 7, Failures: 0\n");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            boolean ok = Files.isRegularFile(sources.resolve("pom.xml"));
            return new BuildReport(module, ok ? com.connectsoft.factory.run.vocabulary.BuildStatus.PASSED : com.connectsoft.factory.run.vocabulary.BuildStatus.FAILED, 7, 0, 0, 0, 2500, "mvn -o verify", "", List.of(), null);
        }

        @Override
        public Preparation prepare(Path trustedSources, Path workDir, Duration timeout, Runnable starting) {
            throw new AssertionError("a build job never prepares");
        }

        @Override
        public String description() {
            return "job builds (test)";
        }
    };

    private BuildJobWorker worker() {
        return new BuildJobWorker(jobRunner, SasBlobs.azure(), new BuildJobWorker.Settings(dir.resolve("job"), 3, PREPARED,
                SourceArchive.Limits.DEFAULT), Clock.systemUTC(), line -> { });
    }

    @Test
    void aModuleGoesToAJobThroughBlobStorageAndComesBackAsItsReportLogAndReplyOnce() throws Exception {
        try (FactoryPlatform platform = FactoryPlatform.embedded(dir.resolve("data"), Clock.systemUTC())) {
            FileSystemContentStore content = new FileSystemContentStore(dir.resolve("content"));
            DocumentArtifacts artifacts = new DocumentArtifacts(platform.store());
            DocumentBuildJobs ledger = new DocumentBuildJobs(platform.store());
            AzureBuildJobs jobs = jobs(container);
            DispatchBuildJobStep dispatch = new DispatchBuildJobStep(jobs, ledger, content, artifacts, Clock.systemUTC());
            CompleteBuildJobStep complete = new CompleteBuildJobStep(jobs, ledger, content, artifacts, AzureBuildJobs.longestJob(Duration.ofMinutes(10)),
                    Clock.systemUTC());
            Envelope command = command(content);

            assertEquals(List.of(), dispatch.apply(command), "nothing is answered until the job is done");
            assertEquals(1, queues.requests.size());
            String jobId = DispatchBuildJobStep.jobId(command);
            assertTrue(container.getBlobClient("acme/" + jobId + "/sources.zip").exists());
            assertEquals(List.of(), dispatch.apply(command), "a redelivered command is the same job");
            assertEquals(1, queues.requests.size(), "sent again under the same messageId: dropped as a duplicate");
            BuildJobRequest request = BuildJobRequest.parse(queues.requests.peek().body());
            sasUrlsReachTheirOwnBlobOnly(request);

            assertInstanceOf(CompleteBuildJobStep.Outcome.Ignored.class, complete.complete(ACME, jobId), "a notice before the report");

            assertEquals(new BuildJobWorker.Outcome.Answered(jobId, com.connectsoft.factory.run.vocabulary.BuildStatus.PASSED), worker().runOnce(queues, queues, Duration.ofSeconds(1)));
            assertEquals(List.of(new BuildJobCompletion(jobId, "acme")), queues.notices);

            CompleteBuildJobStep.Outcome first = complete.complete(ACME, jobId);
            List<Envelope> events = assertInstanceOf(CompleteBuildJobStep.Outcome.Answered.class, first).events();
            assertEquals(3, events.size(), "the reply, and the BuildLog and BuildReport ArtifactCreated events");
            Envelope reply = events.get(0);
            assertEquals(RunEvents.MODULE_VALIDATED, reply.eventType());
            assertEquals(command.eventId(), reply.causationId());
            RunEvents.ModuleValidatedResult result = Json.fromPayload(reply.payload(), RunEvents.ModuleValidatedResult.class);
            assertEquals(com.connectsoft.factory.run.vocabulary.BuildStatus.PASSED, result.status());
            assertEquals(7, result.testsRun());
            List<Artifact> recorded = artifacts.byRun(ACME, "run-1");
            assertEquals(Set.of(Artifact.BUILD_REPORT, Artifact.BUILD_LOG), Set.copyOf(recorded.stream().map(Artifact::artifactType).toList()));
            Artifact log = recorded.stream().filter(a -> a.artifactType().equals(Artifact.BUILD_LOG)).findFirst().orElseThrow();
            assertTrue(new String(content.get(ACME, log.contentHash()).orElseThrow(), StandardCharsets.UTF_8).contains("Tests run: 7"));
            assertFalse(container.listBlobs().iterator().hasNext(), "the job's blobs are gone once recorded");

            // redelivered notice, redelivered command, another tenant's notice: nothing recorded twice, the same reply
            CompleteBuildJobStep.Outcome again = complete.complete(ACME, jobId);
            assertEquals(List.of(reply.eventId()), ((CompleteBuildJobStep.Outcome.Answered) again).events().stream().map(Envelope::eventId).toList());
            assertEquals(List.of(reply.eventId()), dispatch.apply(command).stream().map(Envelope::eventId).toList());
            assertEquals(2, artifacts.byRun(ACME, "run-1").size());
            assertInstanceOf(CompleteBuildJobStep.Outcome.Ignored.class, complete.complete(TenantId.of("globex"), jobId));
            assertEquals(1, jobBuilds.get());
        }
    }

    /** Each URL works for its own blob and permission only, as Azurite enforces the signature. */
    private void sasUrlsReachTheirOwnBlobOnly(BuildJobRequest r) {
        BinaryData bytes = BinaryData.fromString("forged");
        assertEquals(r.sourcesBytes(), new BlobClientBuilder().endpoint(r.sourcesUrl()).buildClient().downloadContent().toBytes().length);
        refused(() -> new BlobClientBuilder().endpoint(r.sourcesUrl()).buildClient().upload(bytes, true), "the read URL cannot write");
        new BlobClientBuilder().endpoint(r.reportUrl()).buildClient().upload(bytes, true);
        refused(() -> new BlobClientBuilder().endpoint(r.reportUrl()).buildClient().downloadContent(), "the report URL cannot read");
        String otherBlob = r.reportUrl().replace("/report.json?", "/sources.zip?");
        refused(() -> new BlobClientBuilder().endpoint(otherBlob).buildClient().upload(bytes, true), "the signature names one blob");
        String otherTenant = r.sourcesUrl().replace("/acme/", "/globex/");
        refused(() -> new BlobClientBuilder().endpoint(otherTenant).buildClient().downloadContent(), "nor another tenant's");
        container.getBlobClient(BuildJobRequest.blobName("acme", r.jobId(), BuildJobRequest.REPORT)).delete();
    }

    private static void refused(Runnable call, String why) {
        BlobStorageException e = assertThrows(BlobStorageException.class, call::run, why);
        assertEquals(403, e.getStatusCode(), why);
    }

    private Envelope command(FileSystemContentStore content) {
        ContentRef manifest = new ModuleSources(content).store(ACME, TEMPLATE, 1, List.of(
                new RenderedFile("pom.xml", "<project/>".getBytes(StandardCharsets.UTF_8)),
                new RenderedFile("src/main/java/com/acme/App.java", "class App {}".getBytes(StandardCharsets.UTF_8))));
        RunEvents.RunRef run = new RunEvents.RunRef("run-1", "bp-1", 1, "art-bp", TEMPLATE);
        return new Envelope("evt-" + UUID.randomUUID(), RunEvents.VALIDATE_MODULE, "acme", "proj-1", "mod-billing", "trace-1", "run-1", null,
                Instant.now(), 1, Json.payload(new RunEvents.ModuleCommand(run, "mod-billing", "billing", "art-src", manifest.contentHash(), null)));
    }

    @Test
    void aWholeRunWithBuildJobsCompletesAndThisProcessBuildsNothing() throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("FACTORY_BUILD_RUNNER", "azure-job", "FACTORY_BUILD_JOBS_NAMESPACE", "unused-here",
                "FACTORY_BLOB_CONNECTION_STRING", connection, "FACTORY_BLOB_CONTAINER", "artifacts-" + UUID.randomUUID().toString().substring(0, 8),
                "FACTORY_BUILD_JOBS_CONTAINER", container.getBlobContainerName()));
        FactorySettings settings = FactorySettings.from(env, dir, TestFactory.ROOT).withDataDir(dir.resolve("data"));
        TestFactory.RecordingBuilds local = new TestFactory.RecordingBuilds(com.connectsoft.factory.run.vocabulary.BuildStatus.PASSED);
        List<Throwable> faults = new CopyOnWriteArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        try (Factory app = Factory.with(settings).builds(local).clock(Clock.systemUTC()).platform(FactoryPlatform.embedded(settings.dataDir(), Clock.systemUTC())).buildJobs(s -> jobs(container)).open()) {
            assertThrows(IllegalArgumentException.class, app::dispatchLocally, "the CLI and factory serve do not run with build jobs");
            app.capabilities().subscribeAll(app.bus(), c -> 1);
            app.runs().localBackend().orElseThrow().start();
            // what Azure does: the job takes requests; the function app's BuildJobCompleted function takes the notices
            Thread azure = new Thread(() -> {
                BuildJobWorker worker = worker();
                while (!stop.get()) {
                    try {
                        worker.runOnce(queues, queues, Duration.ofMillis(50));
                        for (BuildJobCompletion n : queues.takeNotices()) {
                            if (app.build().completions().orElseThrow().complete(TenantId.of(n.tenantId()), n.jobId())
                                    instanceof CompleteBuildJobStep.Outcome.Answered a) {
                                a.events().forEach(app.bus()::publish);
                            }
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
                StartRun.Result result = app.runs().start().run(new StartRun.Request(ACME, "invoicing.blueprint.yaml",
                        TestFactory.example("invoicing.blueprint.yaml"), Optional.empty(), StartRun.DEFAULT_TEMPLATE), RunProgress.SILENT);
                FactoryRun run = assertInstanceOf(StartRun.Result.Finished.class, result).run();
                assertEquals(List.of(), faults);
                assertEquals(com.connectsoft.factory.run.vocabulary.RunStatus.COMPLETED, run.status(), run::failure);
                for (ModuleResult m : run.modules()) {
                    assertEquals(com.connectsoft.factory.run.vocabulary.BuildStatus.PASSED, m.build(), m.name());
                    assertEquals(7, m.testsRun());
                }
                assertEquals(0, local.calls.get(), "the factory's own process built nothing");
                assertEquals(run.modules().size(), jobBuilds.get(), "each module was built once, by a job");
            } finally {
                stop.set(true);
                azure.join(10_000);
            }
        } finally {
            new BlobServiceClientBuilder().connectionString(connection).buildClient().getBlobContainerClient(env.get("FACTORY_BLOB_CONTAINER"))
                    .deleteIfExists();
        }
    }
}
