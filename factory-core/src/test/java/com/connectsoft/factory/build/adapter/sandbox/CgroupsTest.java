package com.connectsoft.factory.build.adapter.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The machine's control groups, probed once per process. The Maven and the npm sandbox are made lazily, often at the same
 * moment (two modules start building): they must both get the cgroups, or one kind of build runs under per-process
 * address-space limits instead.
 */
class CgroupsTest {
    @Test
    void sandboxesMadeAtOnceAllGetTheSameAnswer() throws Exception {
        int n = 8;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Cgroups>> answers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return Cgroups.detect();
                }));
            }
            start.countDown();
            Cgroups first = answers.get(0).get();
            for (Future<Cgroups> f : answers) {
                assertSame(first, f.get(), "every sandbox sees the same cgroups");
            }
            assertSame(first, Cgroups.detect(), "and a later one too");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void whereCgroupsWorkAGroupPerBuildIsMadeAndRemoved() {
        Cgroups c = Cgroups.detect();
        Assumptions.assumeTrue(c != Cgroups.NONE, "this machine gives this process no cgroups (not root, or none delegated)");
        List<Cgroups.Group> groups = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Optional<Cgroups.Group> g = c.create("factory-test-" + ProcessHandle.current().pid() + "-" + i, 64L << 20, 16);
            assertTrue(g.isPresent(), "group " + i);
            groups.add(g.get());
        }
        for (Cgroups.Group g : groups) {
            g.dirs().forEach(d -> assertTrue(java.nio.file.Files.isDirectory(d), d.toString()));
            g.remove();
            g.dirs().forEach(d -> assertTrue(!java.nio.file.Files.exists(d), d + " removed"));
        }
        assertEquals(4, groups.size());
    }
}
