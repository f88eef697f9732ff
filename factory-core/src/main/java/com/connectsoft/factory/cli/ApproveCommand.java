package com.connectsoft.factory.cli;

import picocli.CommandLine.Command;

@Command(name = "approve", description = "Approve what governance asked a human about in a run waiting for approval; the run goes on.")
final class ApproveCommand extends AnswerCommand {
    @Override
    boolean approve() {
        return true;
    }
}
