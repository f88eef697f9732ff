package com.connectsoft.factory.cli;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.feedback.application.StartFollowUp;
import com.connectsoft.factory.feedback.domain.FeedbackItem;
import com.connectsoft.factory.run.application.StartRun;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.shared.domain.TenantId;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "feedback", description = "Feedback from generated modules (pipeline builds, pushes, Azure Monitor alerts): list it, "
        + "start a follow-up run from an item.", subcommands = {FeedbackCommand.ListItems.class, FeedbackCommand.FollowUp.class})
final class FeedbackCommand extends FactoryCommand {
    @Override
    public Integer call() {
        return usage();
    }

    @Command(name = "list", description = "A tenant's feedback items (of one run with --run): id, received, kind, signal, run, module, "
            + "template version, follow-up run.")
    static final class ListItems extends FactoryCommand {
        @Mixin
        RequiredTenantOption tenant;

        @Option(names = "--run", description = "Only the items about this run.")
        String runId;

        @Override
        public Integer call() {
            TenantId t = tenant.value();
            PrintWriter out = out();
            try (Factory factory = open()) {
                factory.drain(Duration.ofSeconds(10));
                List<FeedbackItem> items = runId == null ? factory.feedback().items().all(t) : factory.feedback().items().aboutRun(t, runId);
                out.printf("%-25s %-20s %-6s %-16s %-26s %-14s %-48s %s%n", "feedback", "received", "kind", "signal", "run", "module",
                        "template", "follow-up");
                for (FeedbackItem i : items) {
                    out.printf("%-25s %-20s %-6s %-16s %-26s %-14s %-48s %s%n", i.feedbackId(), i.receivedAt().truncatedTo(ChronoUnit.SECONDS),
                            i.kind().key(), i.signal().key(), i.runId(), i.moduleName() == null ? "-" : i.moduleName(),
                            i.templateRef() == null ? "-" : i.templateRef(), i.followUpRunId() == null ? "-" : i.followUpRunId());
                }
                out.printf("%d feedback item(s) of tenant %s%n", items.size(), t.value());
                return FactoryCli.OK;
            }
        }
    }

    @Command(name = "follow-up", description = "Start a follow-up run from a feedback item (the same blueprint, the newest usable version "
            + "of its template) and follow it; an item that has its follow-up names that run instead.")
    static final class FollowUp extends FactoryCommand {
        @Parameters(index = "0", description = "Feedback id (see ./factory feedback list).")
        String feedbackId;

        @Mixin
        RequiredTenantOption tenant;

        @Override
        public Integer call() {
            TenantId t = tenant.value();
            PrintWriter out = out();
            try (Factory factory = openRunning()) {
                StartFollowUp.Outcome outcome = factory.feedback().followUp().start(t, feedbackId);
                if (outcome instanceof StartFollowUp.Outcome.NotFound) {
                    err().println("tenant " + t.value() + " has no feedback item " + feedbackId + " (see ./factory feedback list --tenant "
                            + t.value() + ")");
                    return FactoryCli.BAD_INPUT;
                }
                if (outcome instanceof StartFollowUp.Outcome.Busy) {
                    err().println("a follow-up run of " + feedbackId + " is being started by another request; try again in a moment");
                    return FactoryCli.RUN_FAILED;
                }
                if (outcome instanceof StartFollowUp.Outcome.Refused refused) {
                    err().println("the follow-up run cannot start: " + refused.reason());
                    return FactoryCli.BAD_INPUT;
                }
                StartFollowUp.Outcome.FollowedUp f = (StartFollowUp.Outcome.FollowedUp) outcome;
                if (!f.started()) {
                    out.printf("feedback %s was followed up by run %s (./factory status %s)%n", feedbackId, f.runId(), f.runId());
                    return FactoryCli.OK;
                }
                out.printf("follow-up run %s of feedback %s started%n", f.runId(), feedbackId);
                StartRun runs = factory.runs().start();
                runs.listen(f.runId(), new RunReport.Printer(out));
                FactoryRun settled = runs.export(runs.awaitSettled(t, f.runId()));
                out.printf("run %s: %s%s%n", settled.runId(), settled.status(), settled.failure() == null ? "" : " - " + settled.failure());
                factory.drain(Duration.ofSeconds(30));
                return RunReport.exitCode(settled);
            }
        }
    }
}
