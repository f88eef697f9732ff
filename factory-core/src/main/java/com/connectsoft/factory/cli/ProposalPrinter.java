package com.connectsoft.factory.cli;

import com.connectsoft.factory.agent.application.ProposeBlueprint;
import com.connectsoft.factory.agent.domain.AgentTask;
import com.connectsoft.factory.blueprint.domain.Blueprint;
import java.io.PrintWriter;

/** How the CLI shows a proposal: its tasks, modules and entities, or why it failed. */
final class ProposalPrinter {
    private ProposalPrinter() {
    }

    static int print(ProposeBlueprint.Outcome outcome, PrintWriter out, PrintWriter err) {
        if (outcome instanceof ProposeBlueprint.Outcome.Refused r) {
            r.problems().forEach(p -> err.println("error: " + p));
            return FactoryCli.BAD_INPUT;
        }
        if (outcome instanceof ProposeBlueprint.Outcome.Failed f) {
            tasks(f.tasks(), err);
            err.println("error: proposal " + f.proposalId() + " failed: " + f.reason());
            f.problems().forEach(p -> err.println("  " + p));
            return FactoryCli.RUN_FAILED;
        }
        ProposeBlueprint.Outcome.Proposed p = (ProposeBlueprint.Outcome.Proposed) outcome;
        tasks(p.tasks(), out);
        Blueprint bp = p.blueprint().blueprint();
        out.printf("product '%s': %d module(s), %d entities%n", bp.product().name(), bp.modules().size(), bp.entityCount());
        for (var m : bp.modules()) {
            out.printf("  module %-20s %s%n", m.name(), m.entities().stream().map(e -> e.name() + "(" + e.fields().size() + " fields"
                    + (e.relationships().isEmpty() ? "" : ", -> " + String.join(", ", e.relationships().stream().map(r -> r.target()).toList()))
                    + ")").toList());
        }
        p.blueprint().warnings().forEach(w -> out.println("warning: " + w.render()));
        return FactoryCli.OK;
    }

    private static void tasks(java.util.List<AgentTask> tasks, PrintWriter out) {
        for (AgentTask t : tasks) {
            out.printf("[agent     ] %-36s %-9s %d answer(s), %d tokens, %d context hit(s) (%s)%n", t.skillId(), t.state().display(), t.attempts(),
                    t.tokens().total(), t.contextIds().size(), t.implementation());
        }
    }
}
