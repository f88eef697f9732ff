package com.connectsoft.factory.cli;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.shared.domain.TenantId;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Answers an approval ({@code approve}, {@code reject}), then lets the run go on until it ends or waits again. */
abstract class AnswerCommand extends FactoryCommand {
    @Parameters(index = "0", description = "Run id.")
    String runId;

    @Mixin
    TenantOption tenant;

    @Option(names = "--by", description = "Who answers (default: $USER).")
    String by;

    @Option(names = "--comment", description = "Why.", defaultValue = "")
    String comment;

    abstract boolean approve();

    @Override
    public Integer call() {
        TenantId t = tenant.resolve(settings());
        String who = by != null ? by : System.getProperty("user.name", "someone");
        try (Factory factory = open()) {
            List<String> modules;
            try {
                modules = factory.runs().approvals().answer(t, runId, approve(), who, comment);
            } catch (IllegalArgumentException | IllegalStateException e) {
                err().println(e.getMessage());
                return FactoryCli.BAD_INPUT;
            }
            out().printf("%s %s for %s; continuing the run...%n", approve() ? "approved" : "rejected", String.join(", ", modules), runId);
            factory.onNotice(line -> err().println("factory: " + line)).dispatchLocally();
            factory.runs().start().listen(runId, new RunReport.Printer(out()));
            FactoryRun run = factory.runs().start().export(factory.runs().start().awaitAnswered(t, runId, modules));
            factory.drain(Duration.ofSeconds(30));
            RunReport.summary(out(), factory, t, run);
            return RunReport.exitCode(run);
        }
    }
}
