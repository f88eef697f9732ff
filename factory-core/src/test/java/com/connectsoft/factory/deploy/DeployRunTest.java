package com.connectsoft.factory.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.capability.ModuleSources;
import com.connectsoft.factory.build.domain.BuildReport;
import com.connectsoft.factory.deploy.adapter.PulumiAutomationRunner;
import com.connectsoft.factory.deploy.application.DeployRun;
import com.connectsoft.factory.deploy.domain.StackRunner;
import com.connectsoft.factory.run.TestFactory;
import com.connectsoft.factory.run.application.StartRun;
import com.connectsoft.factory.run.application.RunProgress;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.shared.domain.TenantId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** factory deploy: each module's infra program with the run's tenant, project and trace, or a clear "no Pulumi CLI". */
class DeployRunTest {
    private static final TenantId ACME = TenantId.of("acme");
    @TempDir
    Path dir;

    /** Records what it was asked to run. */
    static final class RecordingRunner implements StackRunner {
        final boolean available;
        final List<String> calls = new ArrayList<>();

        RecordingRunner(boolean available) {
            this.available = available;
        }

        @Override
        public boolean available() {
            return available;
        }

        @Override
        public String whereLooked() {
            return "test";
        }

        @Override
        public String run(Path program, String stack, Map<String, String> config, boolean update) {
            assertTrue(Files.isRegularFile(program.resolve("Pulumi.yaml")), "a ready program in " + program);
            calls.add(program.getParent().getFileName() + " " + stack + " " + update + " " + config);
            return "preview: {create=12}";
        }
    }

    private FactoryRun completedRun(Factory app) throws Exception {
        return ((StartRun.Result.Finished) app.runs().start().run(new StartRun.Request(ACME, "invoicing.blueprint.yaml",
                TestFactory.example("invoicing.blueprint.yaml"), Optional.of(dir.resolve("out")), StartRun.DEFAULT_TEMPLATE),
                RunProgress.SILENT)).run();
    }

    private DeployRun deploy(Factory app, StackRunner runner) {
        return new DeployRun(app.runs().runs(), new ModuleSources(app.content()), runner, dir.resolve("deploy"));
    }

    private static final String DIRECTORY = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private static final String CLIENT = "0b5c2d7e-1f3a-4c6b-9d8e-7a6f5e4d3c2b";

    @Test
    void eachModulesProgramGetsTheRunsTenantProjectTraceAndSignIn() throws Exception {
        try (Factory app = TestFactory.withRecordedBuilds(dir.resolve("data"), new TestFactory.RecordingBuilds(com.connectsoft.factory.run.vocabulary.BuildStatus.PASSED))) {
            FactoryRun run = completedRun(app);
            assertEquals(com.connectsoft.factory.run.vocabulary.RunStatus.COMPLETED, run.status(), run.failure());
            RecordingRunner runner = new RecordingRunner(true);
            DeployRun.Ran ran = assertInstanceOf(DeployRun.Ran.class, deploy(app, runner).deploy(ACME, run.runId(), "prod", false,
                    DeployRun.SignIn.of(DIRECTORY, CLIENT, null)));
            assertEquals(List.of("customers", "invoices"), ran.programs().stream().map(DeployRun.Program::module).toList());
            assertEquals(List.of("customers prod false {invoicing-customers:tenantId=acme, invoicing-customers:projectId=" + run.projectId()
                            + ", invoicing-customers:traceId=" + run.traceId() + ", invoicing-customers:entraTenantId=" + DIRECTORY
                            + ", invoicing-customers:entraClientId=" + CLIENT + "}",
                    "invoices prod false {invoicing-invoices:tenantId=acme, invoicing-invoices:projectId=" + run.projectId()
                            + ", invoicing-invoices:traceId=" + run.traceId() + ", invoicing-invoices:entraTenantId=" + DIRECTORY
                            + ", invoicing-invoices:entraClientId=" + CLIENT + "}"), runner.calls);
            assertEquals(List.of("preview: {create=12}", "preview: {create=12}"), ran.summaries());

            runner.calls.clear();
            deploy(app, runner).deploy(ACME, run.runId(), "prod", true, DeployRun.SignIn.of(DIRECTORY, CLIENT, "api://invoicing"));
            assertTrue(runner.calls.get(0).endsWith(", invoicing-customers:entraAudience=api://invoicing}"), runner.calls.get(0));
        }
    }

    @Test
    void programsThatSignCallersInAreRefusedWithoutAnAppRegistration() throws Exception {
        try (Factory app = TestFactory.withRecordedBuilds(dir.resolve("data"), new TestFactory.RecordingBuilds(com.connectsoft.factory.run.vocabulary.BuildStatus.PASSED))) {
            FactoryRun run = completedRun(app);
            RecordingRunner runner = new RecordingRunner(true);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> deploy(app, runner).deploy(ACME, run.runId(), "prod", true));
            assertTrue(e.getMessage().startsWith("modules customers, invoices of run " + run.runId() + " sign callers in with Entra ID"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("--entra-tenant <directory (tenant) id> --entra-client <application (client) id>"), e.getMessage());
            assertEquals(List.of(), runner.calls, "nothing ran");

            DeployRun.NoCli none = assertInstanceOf(DeployRun.NoCli.class, deploy(app, new RecordingRunner(false))
                    .deploy(ACME, run.runId(), "prod", false));
            assertEquals(List.of("invoicing-customers:entraTenantId", "invoicing-customers:entraClientId"), none.programs().get(0).missing());
        }
    }

    @Test
    void anAppRegistrationIsTwoGuidsAndAnOptionalAudience() {
        assertEquals(java.util.Optional.empty(), DeployRun.SignIn.of(null, null, null));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DeployRun.SignIn.of(DIRECTORY, null, null)).getMessage()
                .startsWith("give both the Entra ID directory (tenant) id and the application (client) id"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DeployRun.SignIn.of(null, null, "api://x")).getMessage()
                .startsWith("give both"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DeployRun.SignIn.of("contoso", CLIENT, null)).getMessage()
                .startsWith("the Entra ID directory (tenant) id 'contoso' is not a GUID"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DeployRun.SignIn.of(DIRECTORY, CLIENT + "0", null)).getMessage()
                .startsWith("the Entra ID client id '" + CLIENT + "0' is not a GUID"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DeployRun.SignIn.of(DIRECTORY, CLIENT, "api://x; rm -rf /")).getMessage()
                .startsWith("the audience 'api://x; rm -rf /' is not"));
        assertEquals("api://invoicing", DeployRun.SignIn.of(DIRECTORY, CLIENT, "api://invoicing").orElseThrow().audience().orElseThrow());
    }

    @Test
    void withoutAPulumiCliNothingRunsAndTheReadyProgramsAreNamed() throws Exception {
        try (Factory app = TestFactory.withRecordedBuilds(dir.resolve("data"), new TestFactory.RecordingBuilds(com.connectsoft.factory.run.vocabulary.BuildStatus.PASSED))) {
            FactoryRun run = completedRun(app);
            RecordingRunner runner = new RecordingRunner(false);
            DeployRun.NoCli none = assertInstanceOf(DeployRun.NoCli.class, deploy(app, runner).deploy(ACME, run.runId(), "dev", true));
            assertEquals(List.of(), runner.calls);
            for (DeployRun.Program p : none.programs()) {
                assertTrue(Files.isRegularFile(p.dir().resolve("pom.xml")), "the program is there to run: " + p.dir());
                assertTrue(Files.readString(p.dir().resolve("src/main/java/com/contoso/invoicing/" + p.module() + "/infra/SaasModule.java"))
                        .contains("extends ComponentResource"));
            }
        }
    }

    @Test
    void onlyACompletedRunOfTheTenantCanBeDeployed() throws Exception {
        try (Factory app = TestFactory.withRecordedBuilds(dir.resolve("data"), new TestFactory.RecordingBuilds(com.connectsoft.factory.run.vocabulary.BuildStatus.FAILED))) {
            FactoryRun failed = completedRun(app);
            assertEquals(com.connectsoft.factory.run.vocabulary.RunStatus.FAILED, failed.status());
            DeployRun d = deploy(app, new RecordingRunner(true));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.deploy(ACME, failed.runId(), "dev", false));
            assertTrue(e.getMessage().contains("is failed: only a completed run"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> d.deploy(TenantId.of("globex"), failed.runId(), "dev", false));
            assertTrue(e.getMessage().startsWith("run " + failed.runId() + " not found for tenant globex"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> d.deploy(ACME, failed.runId(), "dev stack", false));
            assertTrue(e.getMessage().startsWith("stack name 'dev stack' is invalid"), e.getMessage());
        }
    }

    @Test
    void theCliIsFoundOnThePath() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("pulumi-home/bin"));
        Path cli = Files.writeString(bin.resolve("pulumi"), "#!/bin/sh\n");
        assertFalse(new PulumiAutomationRunner(Map.of("PATH", dir.resolve("empty").toString())).available());
        assertFalse(new PulumiAutomationRunner(Map.of("PATH", bin.toString())).available(), "not executable yet");
        assertTrue(cli.toFile().setExecutable(true));
        assertTrue(new PulumiAutomationRunner(Map.of("PATH", "/nowhere" + java.io.File.pathSeparator + bin)).available());
    }
}
