package com.connectsoft.factory.build.adapter.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Where untrusted code (a generated module's build and tests) runs. The sources are copied in; the command runs with
 * exactly {@code environment} and nothing of the factory's own; files matching {@code collect} are copied out to
 * {@code output}; everything the command started is gone when {@link #run} returns.
 */
public interface Sandbox {
    /**
     * One command over a copy of {@code sources}.
     *
     * @param workDir     where in the copy the command starts ("" for its root)
     * @param collect     glob patterns relative to the copy's root (e.g. {@code target/surefire-reports/*.xml})
     * @param log         the command's standard output and error
     * @param downloads   the command may use the network and write to the repository (preparing a template's builds);
     *                    a build of generated code never may
     * @param loopback    the command's own network namespace gets its loopback interface up (it reaches nothing outside
     *                    the sandbox: a module's tests serve and call its local server, PIT's processes talk over it);
     *                    without downloads only (a download keeps the host's network)
     */
    record Job(Path sources, String workDir, List<String> command, Map<String, String> environment, List<String> collect,
               Path output, Path log, Duration timeout, boolean downloads, boolean loopback) {
        public Job {
            command = List.copyOf(command);
            environment = Map.copyOf(environment);
            collect = List.copyOf(collect);
        }

        public Job(Path sources, String workDir, List<String> command, Map<String, String> environment, List<String> collect,
                   Path output, Path log, Duration timeout, boolean downloads) {
            this(sources, workDir, command, environment, collect, output, log, timeout, downloads, false);
        }

        /** A job with no network and a read-only repository. */
        public Job(Path sources, String workDir, List<String> command, Map<String, String> environment, List<String> collect,
                   Path output, Path log, Duration timeout) {
            this(sources, workDir, command, environment, collect, output, log, timeout, false);
        }
    }

    /** How the command ended: its exit code, or that it was stopped at its time limit. */
    record Result(int exitCode, boolean timedOut, long durationMs) {
        public boolean succeeded() {
            return !timedOut && exitCode == 0;
        }
    }

    /** The sandbox could not be set up; nothing ran. */
    final class SandboxUnavailable extends RuntimeException {
        public SandboxUnavailable(String message) {
            super(message);
        }
    }

    Result run(Job job);

    /**
     * Runs a server (the factory's {@code preview}): as {@link #run}, offline against the read-only repository, but
     * with a loopback network of its own (nothing beyond it) and the host directory {@code previewDir} writable, where
     * the server puts a Unix domain socket the factory relays to; the command finds it through the environment variable
     * {@code PREVIEW_DIR}. It runs until it ends, its time limit, or the calling thread is interrupted (then everything
     * it started is stopped).
     */
    default Result serve(Job job, Path previewDir) {
        throw new SandboxUnavailable(description() + " cannot run a preview server");
    }

    /** Where commands see the (read-only) Maven repository, for {@code -Dmaven.repo.local}. */
    Path repositoryInside();

    /** Whether commands run confined (in their own root, as another user); false only for the documented opt-out. */
    boolean confined();

    /** One line for logs and reports: what confines commands here. */
    String description();
}
