package com.connectsoft.factory.cli;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.app.FactorySettings;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.run.application.StartRun;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.shared.domain.TenantId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "generate", description = "Run the factory on a blueprint: render, check, build and test, commit.")
final class GenerateCommand extends FactoryCommand {
    @Parameters(index = "0", description = "The blueprint (*.blueprint.yaml) or JHipster JDL (*.jdl, *.jh).")
    Path blueprint;

    @Mixin
    RequiredTenantOption tenant;

    @Option(names = "--out", description = "Where the module sources go (default: <data-dir>/workspaces/<tenant>/<project>).")
    Path out;

    @Option(names = "--template", defaultValue = StartRun.DEFAULT_TEMPLATE, description = "Template id (default: ${DEFAULT-VALUE}).")
    String template;

    @Option(names = "--report", description = "Also write the finished run as JSON to this file.")
    Path report;

    @Override
    public Integer call() throws IOException {
        TenantId tenantId = tenant.value();
        byte[] content;
        try {
            content = Files.readAllBytes(blueprint);
        } catch (NoSuchFileException e) {
            err().println(blueprint + ": no such file");
            return FactoryCli.BAD_INPUT;
        }
        FactorySettings settings = settings();
        try (Factory factory = openRunning()) {
            StartRun.Result result = factory.runs().start().run(new StartRun.Request(tenantId, blueprint.toString(), content,
                    Optional.ofNullable(this.out), template), new RunReport.Printer(out()));
            if (result instanceof StartRun.Result.Rejected r) {
                RunReport.printProblems(err(), r.problems());
                return FactoryCli.BAD_INPUT;
            }
            Profile.remember(settings, tenantId);
            FactoryRun run = ((StartRun.Result.Finished) result).run();
            factory.drain(Duration.ofSeconds(30));
            RunReport.summary(out(), factory, tenantId, run);
            if (report != null) {
                Files.writeString(report, Json.pretty(run));
            }
            return RunReport.exitCode(run);
        }
    }
}
