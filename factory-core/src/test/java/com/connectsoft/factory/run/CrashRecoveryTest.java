package com.connectsoft.factory.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One run through four hard kills, each of a separate factory process (SIGKILL, with its child processes, as a lost
 * machine would): mid-render, while waiting for approval, mid-validation, mid-publish. After each, a new process
 * continues the run from the data directory. At the end: the run completed, with exactly one record of each artifact,
 * one commit on its branch, no event published twice and one usage record per meter and module.
 */
@Tag("maven-build")
class CrashRecoveryTest {
    static final Pattern RUN_ID = Pattern.compile("\\(run (run-[a-z0-9]+), tenant");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    @Test
    void aRunKilledAtEveryStageCompletesOnceWithNothingLostOrDoubled() throws Exception {
        Path blueprint = Path.of(CrashRecoveryTest.class.getResource("/durable/people.blueprint.yaml").toURI());

        // 1. mid-render: the run is planned and its orchestration is dispatching the render
        Child generate = Child.start(data, "generate", blueprint.toString(), "--tenant", "acme");
        generate.until(l -> l.startsWith("[plan      ] completed"));
        String runId = generate.seen(RUN_ID);
        generate.kill();

        // 2. while waiting for approval: the local host continues the run until the policy asks a human
        Child serve = Child.start(data, "serve", "--port", "0");
        awaitStatus(runId, "waiting-for-approval", Duration.ofMinutes(2));
        serve.kill();

        // 3. mid-validation: approving lets the run build the module; the process dies during the build
        Child approve = Child.start(data, "approve", runId, "--tenant", "acme", "--by", "dana", "--comment", "DPIA done");
        approve.until(l -> l.contains("building and testing"));
        awaitInFile(data.resolve("builds").resolve("acme").resolve(runId), "module.log", "Compiling", Duration.ofMinutes(2));
        approve.kill();

        // 4. mid-publish: a resumed run is killed as soon as its build is recorded and the commit is being made
        Child resume = Child.start(data, "resume");
        resume.until(l -> l.startsWith("[validate  ] completed"));
        resume.kill();

        // 5. the last process lets it end
        Child last = Child.start(data, "resume");
        last.until(l -> l.contains("unfinished run(s) continued"));
        assertEquals(0, last.exit(), last.output());
        assertTrue(last.output().contains("run " + runId + ": completed"), last.output());

        verify(runId);
    }

    private void verify(String runId) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("factory.db"))) {
            JsonNode run = document(db, "runs", runId);
            assertEquals("completed", run.path("status").asText(), run.toPrettyString());
            JsonNode module = run.path("modules").get(0);
            assertEquals("Allow", module.path("governance").asText());
            assertTrue(module.path("governanceReasons").toString().contains("approved by dana: DPIA done"), module.toString());
            assertEquals("passed", module.path("build").asText());

            List<JsonNode> artifacts = documents(db, "artifacts", "runId", runId);
            Map<String, Integer> byType = new HashMap<>();
            artifacts.forEach(a -> byType.merge(a.path("artifactType").asText(), 1, Integer::sum));
            assertEquals(9, artifacts.size(), "blueprint, sources, 4 policy decisions, build report, build log, commit: " + byType);
            assertEquals(artifacts.size(), artifacts.stream().map(a -> a.path("artifactId").asText()).distinct().count());

            try (Git git = Git.open(data.resolve("git").resolve("acme").resolve(run.path("projectId").asText() + ".git").toFile())) {
                var branch = git.getRepository().findRef(run.path("branch").asText());
                assertTrue(branch != null, "the run's branch exists");
                int commits = 0;
                for (var c : git.log().add(branch.getObjectId()).call()) {
                    commits++;
                }
                assertEquals(1, commits, "one commit on the run's branch");
                assertEquals(run.path("commitId").asText(), branch.getObjectId().name());
            }

            List<String> keys = new ArrayList<>();
            try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT event_type, body FROM outbox")) {
                while (rs.next()) {
                    JsonNode e = JSON.readTree(rs.getString(2));
                    if (!runId.equals(e.path("payload").path("runId").asText(e.path("payload").path("run").path("runId")
                            .asText(e.path("correlationId").asText().replace("corr-", ""))))) {
                        continue;
                    }
                    JsonNode p = e.path("payload");
                    keys.add(rs.getString(1) + "|" + e.path("moduleId").asText() + "|" + p.path("checkId").asText() + "|"
                            + p.path("name").asText() + "|" + p.path("meter").asText() + "|" + p.path("artifactId").asText());
                }
            }
            assertTrue(keys.size() > 20, "the run's events are in the outbox: " + keys.size());
            assertEquals(keys.size(), keys.stream().distinct().count(), "no event twice: " + duplicates(keys));
            assertEquals(1, keys.stream().filter(k -> k.startsWith("FactoryRunCompleted|")).count());
            assertEquals(1, keys.stream().filter(k -> k.startsWith("CommitCreated|")).count());

            List<JsonNode> usage = documents(db, "usage", "runId", runId);
            Map<String, Long> meters = new HashMap<>();
            usage.forEach(u -> meters.merge(u.path("meter").asText(), u.path("quantity").asLong(), Long::sum));
            assertEquals(1L, meters.get("renders"), "one render: " + meters);
            assertEquals(1L, meters.get("runs"), "one run: " + meters);
            assertEquals(1, usage.stream().filter(u -> u.path("meter").asText().equals("build-seconds")).count(), "one build: " + meters);
            assertEquals(3, usage.size(), meters.toString());
        }
    }

    /** Waits until a file named {@code name} under {@code dir} holds {@code text} (the build's log: Maven is compiling). */
    private static void awaitInFile(Path dir, String name, String text, Duration limit) throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            if (Files.isDirectory(dir)) {
                try (var files = Files.walk(dir)) {
                    if (files.filter(f -> f.getFileName().toString().equals(name)).anyMatch(f -> {
                        try {
                            return Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1).contains(text);
                        } catch (java.io.IOException gone) {
                            return false;
                        }
                    })) {
                        return;
                    }
                } catch (java.io.UncheckedIOException changing) {
                    // the build is writing there: look again
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + name + " under " + dir + " said \"" + text + "\" within " + limit);
    }

    private static List<String> duplicates(List<String> keys) {
        return keys.stream().filter(k -> keys.indexOf(k) != keys.lastIndexOf(k)).distinct().toList();
    }

    private static JsonNode document(Connection db, String collection, String id) throws Exception {
        try (var ps = db.prepareStatement("SELECT body FROM documents WHERE collection = ? AND id = ?")) {
            ps.setString(1, collection);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? JSON.readTree(rs.getString(1)) : JSON.missingNode();
            }
        }
    }

    private static List<JsonNode> documents(Connection db, String collection, String field, String value) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        try (var ps = db.prepareStatement("SELECT body FROM documents WHERE collection = ?")) {
            ps.setString(1, collection);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    JsonNode n = JSON.readTree(rs.getString(1));
                    if (value.equals(n.path(field).asText())) {
                        out.add(n);
                    }
                }
            }
        }
        return out;
    }

    private void awaitStatus(String runId, String status, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("factory.db"))) {
                if (status.equals(document(db, "runs", runId).path("status").asText())) {
                    return;
                }
            } catch (java.sql.SQLException busy) {
                // the factory process is writing: look again
            }
            Thread.sleep(200);
        }
        throw new AssertionError("run " + runId + " never became " + status);
    }

    /** A factory CLI process on the test's classpath, its output read line by line. */
    static final class Child {
        private final Process process;
        private final Thread reader;
        private final StringBuilder output = new StringBuilder();
        private final java.util.concurrent.LinkedBlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();

        private Child(Process process) {
            this.process = process;
            this.reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String l;
                    while ((l = r.readLine()) != null) {
                        synchronized (output) {
                            output.append(l).append('\n');
                        }
                        lines.add(l);
                    }
                } catch (IOException ignored) {
                    // the process was killed
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        static Child start(Path data, String... args) throws IOException {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dfactory.home=" + TestFactory.ROOT,
                    "-Dmaven.repo.local=" + System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository"),
                    "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                    "com.connectsoft.factory.cli.FactoryCli", "--data-dir", data.toString()));
            cmd.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().remove("FACTORY_DATA_DIR");
            pb.environment().put("FACTORY_TEMPLATES", TestFactory.ROOT.resolve("templates").toString());
            return new Child(pb.start());
        }

        /** Waits for a line matching the condition (3 minutes at most) and returns it. */
        String until(Predicate<String> condition) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (System.nanoTime() < end) {
                String l = lines.poll(200, TimeUnit.MILLISECONDS);
                if (l != null && condition.test(l)) {
                    return l;
                }
                if (l == null && !process.isAlive() && !reader.isAlive() && lines.isEmpty()) {
                    break;
                }
            }
            reader.join(5000);
            throw new AssertionError("the factory process (" + (process.isAlive() ? "running" : "exit " + process.exitValue())
                    + ") never printed the expected line; it printed:\n" + output());
        }

        String seen(Pattern p) {
            Matcher m = p.matcher(output());
            if (!m.find()) {
                throw new AssertionError(p + " not in:\n" + output());
            }
            return m.group(1);
        }

        /** kill -9 of the process and everything it started (builds). */
        void kill() throws InterruptedException {
            List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
            process.destroyForcibly();
            all.forEach(ProcessHandle::destroyForcibly);
            process.waitFor(30, TimeUnit.SECONDS);
        }

        int exit() throws InterruptedException {
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                kill();
                throw new AssertionError("the factory process did not end:\n" + output());
            }
            return process.exitValue();
        }

        String output() {
            synchronized (output) {
                return output.toString();
            }
        }
    }
}
