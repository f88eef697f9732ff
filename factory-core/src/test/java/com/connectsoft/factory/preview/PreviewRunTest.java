package com.connectsoft.factory.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.connectsoft.factory.build.domain.BuildPreparation;
import com.connectsoft.factory.capability.ModuleSources;
import com.connectsoft.factory.preview.application.PreviewRun;
import com.connectsoft.factory.preview.domain.ModuleServers;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.run.domain.ModuleResult;
import com.connectsoft.factory.run.domain.Runs;
import com.connectsoft.factory.run.vocabulary.RunStatus;
import com.connectsoft.factory.shared.domain.TenantId;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input to a preview is refused with a clear message before anything runs. */
class PreviewRunTest {
    static final TenantId T = TenantId.of("acme");

    @TempDir
    Path dir;

    private final Runs runs = mock(Runs.class);
    private final ModuleSources sources = mock(ModuleSources.class);
    private final ModuleServers servers = mock(ModuleServers.class);
    private final PreviewRun.Options options = new PreviewRun.Options(0, Duration.ofMinutes(1), Duration.ofSeconds(5));

    private PreviewRun preview() {
        return new PreviewRun(runs, sources, servers, com.connectsoft.factory.preview.adapter.UnixSocketRelay::open,
                com.connectsoft.factory.preview.adapter.DevIdentity::create, BuildPreparation.NONE, dir.resolve("preview"), Clock.systemUTC());
    }

    private void completedRun(boolean withLocalServer) {
        FactoryRun run = mock(FactoryRun.class);
        ModuleResult module = mock(ModuleResult.class);
        when(module.name()).thenReturn("notes");
        when(module.manifestHash()).thenReturn("h");
        when(run.status()).thenReturn(RunStatus.COMPLETED);
        when(run.modules()).thenReturn(List.of(module));
        when(run.templateRef()).thenReturn("ConnectSoft.Template.FunctionsMicroservice@1.3.0");
        when(runs.find(T, "run-1")).thenReturn(Optional.of(run));
        when(servers.localServer(any())).thenAnswer(inv -> new com.connectsoft.factory.build.adapter.SandboxModuleServers(null)
                .localServer(inv.getArgument(0)));
        when(servers.logTail(any(), org.mockito.ArgumentMatchers.anyInt())).thenAnswer(inv -> new com.connectsoft.factory.build.adapter
                .SandboxModuleServers(null).logTail(inv.getArgument(0), inv.getArgument(1)));
        when(sources.materialize(any(), anyString(), any())).thenAnswer(inv -> {
            Path src = inv.getArgument(2);
            Path local = Files.createDirectories(src.resolve("src/test/java/com/x/notes/local"));
            if (withLocalServer) {
                Files.writeString(local.resolve("LocalServer.java"), "package com.x.notes.local; class LocalServer {}");
            }
            return 1;
        });
    }

    @Test
    void anUnknownRunIsRefused() {
        when(runs.find(T, "run-x")).thenReturn(Optional.empty());
        var e = assertThrows(IllegalArgumentException.class, () -> preview().start(T, "run-x", options, line -> { }));
        assertEquals("run run-x not found for tenant acme (see ./factory runs)", e.getMessage());
    }

    @Test
    void aRunThatDidNotCompleteIsRefused() {
        FactoryRun run = mock(FactoryRun.class);
        when(run.status()).thenReturn(RunStatus.FAILED);
        when(runs.find(T, "run-1")).thenReturn(Optional.of(run));
        var e = assertThrows(IllegalArgumentException.class, () -> preview().start(T, "run-1", options, line -> { }));
        assertTrue(e.getMessage().startsWith("run run-1 is failed: only a completed run"), e.getMessage());
        verify(servers, never()).start(any(), any(), any(), any(), any(), any());
    }

    @Test
    void aModuleWithoutALocalServerIsRefusedNamingTheTemplate() {
        completedRun(false);
        var e = assertThrows(IllegalArgumentException.class, () -> preview().start(T, "run-1", options, line -> { }));
        assertTrue(e.getMessage().contains("module notes of run run-1 has no local server: it was rendered by "
                + "ConnectSoft.Template.FunctionsMicroservice@1.3.0"), e.getMessage());
        verify(servers, never()).start(any(), any(), any(), any(), any(), any());
    }

    @Test
    void aTakenPortIsRefusedAndNothingIsStarted() throws Exception {
        completedRun(true);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var e = assertThrows(IllegalArgumentException.class, () -> preview().start(T, "run-1",
                    new PreviewRun.Options(taken.getLocalPort(), Duration.ofMinutes(1), Duration.ofSeconds(5)), line -> { }));
            assertEquals("port " + taken.getLocalPort() + " on 127.0.0.1 is taken by another program: choose another first port with --port, "
                    + "or leave --port out for free ports", e.getMessage());
        }
        verify(servers, never()).start(any(), any(), any(), any(), any(), any());
    }

    @Test
    void aPortOutOfRangeIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> new PreviewRun.Options(70_000, Duration.ofMinutes(1), Duration.ofSeconds(5)));
        assertTrue(e.getMessage().startsWith("--port 70000 is not a port"), e.getMessage());
    }

    @Test
    void aModuleThatEndsBeforeItAnswersFailsTheStartWithItsLogAndStopsEverything() throws Exception {
        completedRun(true);
        ModuleServers.Running ended = mock(ModuleServers.Running.class);
        when(ended.ended()).thenReturn(true);
        when(ended.endedHow()).thenReturn("ended with exit code 1");
        when(servers.start(any(), any(), any(), any(), any(), any())).thenAnswer(inv -> {
            Files.writeString(inv.getArgument(4), "[ERROR] COMPILATION ERROR\nNotes.java:[3,1] class expected\n");
            return ended;
        });
        var e = assertThrows(IllegalStateException.class, () -> preview().start(T, "run-1", options, line -> { }));
        assertTrue(e.getMessage().startsWith("module notes did not start (ended with exit code 1); the end of its log:"), e.getMessage());
        assertTrue(e.getMessage().contains("Notes.java:[3,1] class expected"), e.getMessage());
        verify(ended).stop();
        assertFalse(Files.exists(dir.resolve("preview/acme/run-1/notes/preview/module.sock")));
    }
}
