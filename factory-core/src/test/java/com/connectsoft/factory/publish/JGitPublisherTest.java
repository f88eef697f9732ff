package com.connectsoft.factory.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.publish.adapter.JGitPublisher;
import com.connectsoft.factory.publish.domain.GitPublisher;
import com.connectsoft.factory.shared.domain.TenantId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JGitPublisherTest {
    static final TenantId A = TenantId.of("tenant-a");
    static final TenantId B = TenantId.of("tenant-b");
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void publishingTheSameTreeTwiceIsOneCommitAndAChangeIsANewOne() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src/module/sub"));
        Files.writeString(src.resolve("A.java"), "class A {}\n");
        Files.writeString(dir.resolve("src/module/README.md"), "# m\n");
        GitPublisher git = new JGitPublisher(dir.resolve("git"));
        GitPublisher.Published first = git.publish(A, "proj-x", "factory/run-1", dir.resolve("src"), "one", NOW);
        GitPublisher.Published again = git.publish(A, "proj-x", "factory/run-1", dir.resolve("src"), "one", NOW);
        assertTrue(first.created());
        assertFalse(again.created());
        assertEquals(first.commitId(), again.commitId());
        assertEquals(List.of("module/README.md", "module/sub/A.java"), git.files(A, "proj-x", first.commitId()));

        Files.writeString(src.resolve("A.java"), "class A { int x; }\n");
        GitPublisher.Published changed = git.publish(A, "proj-x", "factory/run-1", dir.resolve("src"), "two", NOW);
        assertNotEquals(first.commitId(), changed.commitId());
        assertTrue(git.deleteBranch(A, "proj-x", "factory/run-1"));
        assertFalse(git.deleteBranch(A, "proj-x", "factory/run-1"));
    }

    @Test
    void eachTenantHasItsOwnRepositories() throws Exception {
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/x.txt"), "x\n");
        GitPublisher git = new JGitPublisher(dir.resolve("git"));
        GitPublisher.Published a = git.publish(A, "proj-x", "factory/run-1", dir.resolve("src"), "a", NOW);
        assertThrows(RuntimeException.class, () -> git.files(B, "proj-x", a.commitId()));
        assertFalse(git.deleteBranch(B, "proj-x", "factory/run-1"));
        assertEquals(List.of("x.txt"), git.files(A, "proj-x", a.commitId()));
        assertThrows(IllegalArgumentException.class, () -> git.publish(A, "../escape", "b", dir.resolve("src"), "m", NOW));
    }
}
