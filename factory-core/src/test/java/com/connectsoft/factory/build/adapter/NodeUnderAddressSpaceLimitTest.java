package com.connectsoft.factory.build.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.build.adapter.sandbox.NamespaceSandbox;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Without a memory cgroup the build sandbox bounds each process's address space (twice the build's memory). Node's
 * WebAssembly guard regions reserve far more than that, so Vite's Wasm parsers failed to start and every front end build
 * failed with "RangeError: WebAssembly.instantiate(): Out of memory". The npm builds' Node options make Wasm work there.
 */
class NodeUnderAddressSpaceLimitTest {
    private static final long LIMIT = (long) NamespaceSandbox.Limits.DEFAULT.memoryMb() * 2 << 20;
    private static final String WASM = "new WebAssembly.Memory({initial: 1}); WebAssembly.validate(new Uint8Array([0,97,115,109,1,0,0,0]));"
            + " console.log('wasm ok')";

    private static Result node(String nodeOptions) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/prlimit", "--as=" + LIMIT, "node", "-e", WASM).redirectErrorStream(true);
        pb.environment().remove("NODE_OPTIONS");
        if (nodeOptions != null) {
            pb.environment().put("NODE_OPTIONS", nodeOptions);
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return new Result(p.exitValue(), out);
    }

    record Result(int exit, String out) {
    }

    @Test
    void webAssemblyStartsUnderTheSandboxsPerProcessLimitWithTheBuildsNodeOptions() throws Exception {
        Assumptions.assumeTrue(java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/prlimit")), "prlimit (util-linux)");
        Assumptions.assumeTrue(BuildRunners.onPath("node").isPresent(), "node on PATH");
        Result plain = node(null);
        Assumptions.assumeTrue(plain.exit() != 0, "this Node reserves no guard regions beyond the limit: nothing to show here");
        assertTrue(plain.out().contains("WebAssembly"), "the fault is Wasm's reservation: " + plain.out());

        Result built = node(NpmBuildRunner.NODE_OPTIONS);
        assertEquals(0, built.exit(), built.out());
        assertEquals(List.of("wasm ok"), built.out().lines().toList());
    }
}
