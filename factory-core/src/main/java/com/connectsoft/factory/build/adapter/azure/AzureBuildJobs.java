package com.connectsoft.factory.build.adapter.azure;

import com.azure.core.util.BinaryData;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.options.BlobInputStreamOptions;
import com.connectsoft.factory.build.domain.BuildSettings;
import java.util.Optional;
import com.connectsoft.factory.build.domain.BuildJob;
import com.connectsoft.factory.build.domain.BuildJobs;
import com.connectsoft.factory.capability.CapabilityRegistry;
import com.connectsoft.factory.platform.bus.servicebus.ServiceBusMessages;
import com.connectsoft.factory.shared.domain.Hashing;
import com.connectsoft.factory.template.domain.RenderedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Build jobs in Azure: the module's sources go, as one zip archive, to the blob {@code <tenant>/<jobId>/sources.zip}
 * of the build-jobs container (written with the factory's identity), and a {@code BuildJobRequested} message goes to
 * the build-jobs queue (messageId = the job's id, so Service Bus's duplicate detection drops a second send). The
 * message carries the ids, the time limit, and SAS URLs for exactly three blobs of this job: read the sources, create
 * or write the report and the log, valid for the step timeout (how long the request may wait) plus the build's time
 * limit and a margin. The message expires with the step timeout: by then the run has sent the step again. The job's
 * answer is read back from the report and log blobs, bounded, and the three blobs are deleted once recorded (the
 * container's lifecycle rule removes what a lost answer leaves).
 */
public final class AzureBuildJobs implements BuildJobs {
    /** How much longer than its build a job may take: waiting for its container, fetching, unpacking, uploading. */
    public static final Duration JOB_OVERHEAD = Duration.ofMinutes(5);

    private final BlobContainerClient container;
    private final BuildJobSas sas;
    private final ServiceBusSenderClient requests;
    private final Duration buildTimeout;
    private final Duration requestLifetime;
    private final Clock clock;

    /**
     * @param buildTimeout    a build's time limit (FACTORY_BUILD_TIMEOUT_SECONDS)
     * @param requestLifetime how long a request may wait for a job (the run's step timeout)
     */
    public AzureBuildJobs(BlobContainerClient container, BuildJobSas sas, ServiceBusSenderClient requests, Duration buildTimeout,
                          Duration requestLifetime, Clock clock) {
        this.container = Objects.requireNonNull(container, "container");
        this.sas = Objects.requireNonNull(sas, "sas");
        this.requests = Objects.requireNonNull(requests, "requests");
        this.buildTimeout = buildTimeout;
        this.requestLifetime = requestLifetime;
        this.clock = clock;
    }

    /**
     * The factory's build jobs as its settings name them: Blob Storage with the managed identity and user-delegation SAS
     * (FACTORY_BLOB_ENDPOINT) or with a connection string and account-key SAS (FACTORY_BLOB_CONNECTION_STRING: Azurite,
     * local development); the build-jobs queue of FACTORY_BUILD_JOBS_NAMESPACE (identity, or a connection string).
     */
    public static AzureBuildJobs connect(BuildSettings build, Optional<String> blobConnectionString, Optional<String> blobEndpoint,
                                         Duration stepTimeout) {
        BuildSettings.BuildJobs jobs = build.jobs().orElseThrow(() -> new IllegalStateException(
                "FACTORY_BUILD_RUNNER is not azure-job"));
        Clock clock = Clock.systemUTC();
        BlobServiceClientBuilder blobs = new BlobServiceClientBuilder();
        BuildJobSas sas;
        BlobServiceClient service;
        if (blobConnectionString.isPresent()) {
            service = blobs.connectionString(blobConnectionString.get()).buildClient();
            sas = new BuildJobSas.AccountKey(clock);
        } else {
            service = blobs.endpoint(blobEndpoint.orElseThrow()).credential(new DefaultAzureCredentialBuilder().build()).buildClient();
            sas = new BuildJobSas.UserDelegation(service, clock);
        }
        BlobContainerClient container = service.getBlobContainerClient(jobs.container());
        if (blobConnectionString.isPresent()) {
            container.createIfNotExists(); // in Azure the stack creates it (the identity may not)
        }
        ServiceBusClientBuilder bus = new ServiceBusClientBuilder();
        bus = jobs.serviceBusNamespace().contains("Endpoint=") ? bus.connectionString(jobs.serviceBusNamespace())
                : bus.fullyQualifiedNamespace(jobs.serviceBusNamespace()).credential(new DefaultAzureCredentialBuilder().build());
        ServiceBusSenderClient sender = bus.sender().queueName(CapabilityRegistry.BUILD_JOBS_QUEUE).buildClient();
        return new AzureBuildJobs(container, sas, sender, build.timeout(), stepTimeout, clock);
    }

    /** How long a job may take from the moment it starts: its build's time limit and {@link #JOB_OVERHEAD}. */
    public static Duration longestJob(Duration buildTimeout) {
        return buildTimeout.plus(JOB_OVERHEAD);
    }

    private BlobClient blob(BuildJob job, String file) {
        return container.getBlobClient(BuildJobRequest.blobName(job.tenantId(), job.jobId(), file));
    }

    @Override
    public void submit(BuildJob job, List<RenderedFile> sources) {
        byte[] archive = SourceArchive.write(sources);
        if (archive.length > BuildJobRequest.MAX_SOURCES_BYTES) {
            throw new com.connectsoft.factory.platform.bus.PoisonEventException("module " + job.moduleName() + "'s sources are "
                    + archive.length + " bytes zipped, more than a build job takes (" + BuildJobRequest.MAX_SOURCES_BYTES + ")");
        }
        BlobClient sourcesBlob = blob(job, BuildJobRequest.SOURCES);
        sourcesBlob.upload(BinaryData.fromBytes(archive), true);
        Instant now = clock.instant();
        Instant notAfter = now.plus(requestLifetime);
        OffsetDateTime expiry = OffsetDateTime.ofInstant(notAfter.plus(longestJob(buildTimeout)), ZoneOffset.UTC);
        BuildJobRequest request = new BuildJobRequest(BuildJobRequest.SCHEMA_VERSION, job.jobId(), job.tenantId(), job.runId(), job.moduleId(),
                job.moduleName(), job.templateRef(), buildTimeout.toSeconds(), notAfter, sas.read(sourcesBlob, expiry), archive.length,
                Hashing.sha256Hex(archive), sas.write(blob(job, BuildJobRequest.REPORT), expiry), sas.write(blob(job, BuildJobRequest.LOG), expiry));
        ServiceBusMessage message = new ServiceBusMessage(BinaryData.fromBytes(request.toBytes()));
        message.setMessageId(job.jobId());
        message.setSubject(BuildJobRequest.SUBJECT);
        message.setContentType("application/json");
        message.setCorrelationId(job.runId());
        message.setTimeToLive(requestLifetime);
        message.getApplicationProperties().put(ServiceBusMessages.TENANT, job.tenantId());
        requests.sendMessage(message);
    }

    @Override
    public Optional<Output> output(BuildJob job) {
        Optional<byte[]> report = read(blob(job, BuildJobRequest.REPORT), MAX_REPORT_BYTES);
        if (report.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Output(report.get(), read(blob(job, BuildJobRequest.LOG), MAX_LOG_BYTES)));
    }

    /** At most {@code max} bytes of a blob (one more byte shows it was longer), or empty when it does not exist. */
    private static Optional<byte[]> read(BlobClient blob, int max) {
        try (InputStream in = blob.openInputStream(new BlobInputStreamOptions().setRange(new BlobRange(0, (long) max + 1)))) {
            return Optional.of(in.readNBytes(max + 1));
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + blob.getBlobName(), e);
        }
    }

    @Override
    public void discard(BuildJob job) {
        for (String file : List.of(BuildJobRequest.SOURCES, BuildJobRequest.REPORT, BuildJobRequest.LOG)) {
            blob(job, file).deleteIfExists();
        }
    }

    @Override
    public String description() {
        return "build jobs through queue " + CapabilityRegistry.BUILD_JOBS_QUEUE + " and container " + container.getBlobContainerName()
                + " (" + sas.description() + ")";
    }

    @Override
    public void close() {
        requests.close();
    }
}
