package com.connectsoft.factory.platform.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.platform.store.sqlite.EmbeddedDatabase;
import com.connectsoft.factory.platform.store.sqlite.SqliteDocumentStore;
import com.connectsoft.factory.shared.domain.TenantId;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commits in a child JVM, kills it with SIGKILL mid-stream, and checks every acknowledged commit is there. */
class KillSurvivalTest {
    @TempDir
    Path dir;

    /** Child process: commits documents forever, printing the number of each one after its commit returned. */
    public static void main(String[] args) throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.open(Path.of(args[0]))) {
            SqliteDocumentStore store = new SqliteDocumentStore(db, Clock.systemUTC());
            TenantId t = TenantId.of("tenant-kill");
            for (int i = 1; ; i++) {
                final int n = i;
                store.transact(t, tx -> tx.create("docs", String.format("d%06d", n), Json.object().put("n", n)));
                System.out.println("committed " + n);
                System.out.flush();
            }
        }
    }

    @Test
    void everyAcknowledgedCommitSurvivesKillMinus9() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KillSurvivalTest.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        int acknowledged = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("committed ")) {
                    acknowledged = Integer.parseInt(line.substring(10));
                    if (acknowledged >= 40) {
                        child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no close
                        break;
                    }
                }
            }
        }
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertEquals(40, acknowledged);
        try (EmbeddedDatabase db = EmbeddedDatabase.open(dir)) {
            SqliteDocumentStore store = new SqliteDocumentStore(db, Clock.systemUTC());
            int found = store.query(TenantId.of("tenant-kill"), "docs", Filter.all(), PageRequest.first(1000)).items().size();
            assertTrue(found >= acknowledged, "found " + found + " of " + acknowledged + " acknowledged commits");
        }
    }
}
