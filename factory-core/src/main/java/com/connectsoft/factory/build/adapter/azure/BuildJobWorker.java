package com.connectsoft.factory.build.adapter.azure;

import com.connectsoft.factory.app.BuildJobMain;
import com.azure.storage.blob.models.BlobStorageException;
import com.connectsoft.factory.build.application.BuildOutcomes;
import com.connectsoft.factory.build.domain.BuildReport;
import com.connectsoft.factory.build.domain.BuildRunner;
import com.connectsoft.factory.platform.files.Directories;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.shared.domain.Hashing;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What one build job execution does: take one request, fetch the module's sources through the request's read SAS,
 * unpack them as a hostile archive, build and test them with the build runner (offline, in the job's sandbox), write
 * the log and then the report through the request's write SAS URLs, announce completion, and settle the request.
 *
 * <p>A request that can never be built (malformed) is dead-lettered; a stale one (past its {@code notAfter}: the run has
 * sent the step again) is dropped; a template this image was not prepared for, sources that do not match their
 * checksum or an archive that breaks a rule give a failed report saying why. Anything else that goes wrong (storage,
 * network) gives the request back for another execution, and on its last delivery becomes a failed report, so the run
 * learns why instead of waiting for its step timeout. Log lines carry ids, counts and outcomes, never URLs.
 */
public final class BuildJobWorker {
    /**
     * @param workRoot          where each job's files go (emptied after each job)
     * @param maxDeliveries     the build-jobs queue's delivery count: the last attempt reports instead of retrying
     * @param preparedTemplates the template versions whose builds this image's build repository holds ({@code id@version})
     */
    public record Settings(Path workRoot, int maxDeliveries, Set<String> preparedTemplates, SourceArchive.Limits limits) {
        public Settings {
            preparedTemplates = Set.copyOf(preparedTemplates);
        }
    }

    /** What became of one execution. */
    public sealed interface Outcome {
        record NoRequest() implements Outcome {
        }

        record Answered(String jobId, com.connectsoft.factory.run.vocabulary.BuildStatus status) implements Outcome {
        }

        record Dropped(String jobId, String why) implements Outcome {
        }

        record Retried(String jobId, String why) implements Outcome {
        }

        record DeadLettered(String messageId, String why) implements Outcome {
        }
    }

    private final BuildRunner builds;
    private final SasBlobs blobs;
    private final Settings settings;
    private final Clock clock;
    private final Consumer<String> log;

    public BuildJobWorker(BuildRunner builds, SasBlobs blobs, Settings settings, Clock clock, Consumer<String> log) {
        this.builds = builds;
        this.blobs = blobs;
        this.settings = settings;
        this.clock = clock;
        this.log = log;
    }

    public Outcome runOnce(BuildJobQueues.Inbox inbox, BuildJobQueues.Outbox outbox, Duration wait) {
        Optional<BuildJobQueues.Delivery> next = inbox.next(wait);
        if (next.isEmpty()) {
            log.accept("build-job outcome=no-request");
            return new Outcome.NoRequest();
        }
        BuildJobQueues.Delivery delivery = next.get();
        BuildJobRequest request;
        try {
            request = BuildJobRequest.parse(delivery.body());
        } catch (BuildJobRequest.Malformed e) {
            delivery.deadLetter("MalformedRequest", e.getMessage());
            log.accept("build-job message=" + delivery.messageId() + " outcome=dead-lettered reason=malformed");
            return new Outcome.DeadLettered(delivery.messageId(), e.getMessage());
        }
        String ids = "job=" + request.jobId() + " tenant=" + request.tenantId() + " run=" + request.runId() + " module=" + request.moduleId();
        if (clock.instant().isAfter(request.notAfter())) {
            delivery.complete();
            log.accept("build-job " + ids + " outcome=dropped reason=stale");
            return new Outcome.Dropped(request.jobId(), "the request went stale at " + request.notAfter() + "; the run has asked again");
        }
        Path dir = settings.workRoot().resolve(request.jobId());
        long start = System.nanoTime();
        try {
            reset(dir);
            Result result = build(request, dir);
            answer(request, result, outbox);
            delivery.complete();
            log.accept("build-job " + ids + " outcome=answered status=" + result.report().status() + " tests=" + result.report().testsRun()
                    + " ms=" + (System.nanoTime() - start) / 1_000_000);
            return new Outcome.Answered(request.jobId(), result.report().status());
        } catch (RuntimeException e) {
            String why = describe(e);
            if (delivery.deliveryCount() < settings.maxDeliveries()) {
                delivery.abandon();
                log.accept("build-job " + ids + " outcome=retry attempt=" + delivery.deliveryCount() + " reason=" + why.replace(' ', '_'));
                return new Outcome.Retried(request.jobId(), why);
            }
            try {
                answer(request, new Result(failed(request, "the build job could not run after " + delivery.deliveryCount() + " attempts: " + why),
                        Optional.empty()), outbox);
                delivery.complete();
                log.accept("build-job " + ids + " outcome=answered status=failed reason=gave-up");
                return new Outcome.Answered(request.jobId(), com.connectsoft.factory.run.vocabulary.BuildStatus.FAILED);
            } catch (RuntimeException again) {
                delivery.deadLetter("BuildJobFailed", why);
                log.accept("build-job " + ids + " outcome=dead-lettered reason=" + describe(again).replace(' ', '_'));
                return new Outcome.DeadLettered(delivery.messageId(), why);
            }
        } finally {
            try {
                Directories.delete(dir, true);
            } catch (IOException ignored) {
                // the container ends with this execution
            }
        }
    }

    private record Result(BuildReport report, Optional<byte[]> log) {
    }

    private Result build(BuildJobRequest request, Path dir) {
        if (!settings.preparedTemplates().contains(request.templateRef())) {
            return new Result(failed(request, "this build job's image was not prepared for template " + request.templateRef()
                    + " (it holds " + settings.preparedTemplates().stream().sorted().toList() + "): rebuild the image with the factory's "
                    + "templates (BuildJobMain prepare)"), Optional.empty());
        }
        Path archive = dir.resolve("sources.zip");
        long size;
        try {
            size = blobs.download(request.sourcesUrl(), archive, request.sourcesBytes());
        } catch (SasBlobs.TooLarge e) {
            size = -1;
        }
        if (size != request.sourcesBytes() || !sha256(archive).equals(request.sourcesSha256())) {
            return new Result(failed(request, "the sources archive does not match the size and sha256 the request names"), Optional.empty());
        }
        Path sources = dir.resolve("sources");
        try {
            SourceArchive.extract(archive, sources, settings.limits());
        } catch (SourceArchive.Refused e) {
            return new Result(failed(request, "the sources archive was refused: " + e.getMessage()), Optional.empty());
        }
        Path work = dir.resolve("work");
        BuildReport report = builds.build(request.moduleName(), sources, work, Duration.ofSeconds(request.timeoutSeconds()));
        return new Result(report, readLog(work.resolve("build.log")));
    }

    /** The log first, then the report (the factory reads the report as the sign that both are there), then the notice. */
    private void answer(BuildJobRequest request, Result result, BuildJobQueues.Outbox outbox) {
        result.log().ifPresent(bytes -> blobs.upload(request.logUrl(), BuildOutcomes.bounded(bytes)));
        blobs.upload(request.reportUrl(), Json.pretty(result.report()).getBytes(StandardCharsets.UTF_8));
        outbox.send(new BuildJobCompletion(request.jobId(), request.tenantId()));
    }

    private static BuildReport failed(BuildJobRequest request, String reason) {
        return new BuildReport(request.moduleName(), com.connectsoft.factory.run.vocabulary.BuildStatus.FAILED, 0, 0, 0, 0, 0, "", reason, List.of(), null);
    }

    private static Optional<byte[]> readLog(Path log) {
        try {
            return Files.isRegularFile(log, LinkOption.NOFOLLOW_LINKS) ? Optional.of(Files.readAllBytes(log)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String sha256(Path file) {
        MessageDigest d = Hashing.sha256();
        byte[] buffer = new byte[64 << 10];
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                d.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the downloaded archive", e);
        }
        return HexFormat.of().formatHex(d.digest());
    }

    private static void reset(Path dir) {
        try {
            Directories.delete(dir, true);
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the job directory", e);
        }
    }

    /** What went wrong, in words that never hold a URL or a key: the kind of fault and the storage service's code. */
    static String describe(Throwable e) {
        if (e instanceof BlobStorageException b) {
            return "Blob Storage answered " + b.getStatusCode() + (b.getErrorCode() == null ? "" : " " + b.getErrorCode());
        }
        if (e instanceof UncheckedIOException io) {
            return "I/O error (" + io.getCause().getClass().getSimpleName() + ")";
        }
        return e.getClass().getSimpleName();
    }
}
