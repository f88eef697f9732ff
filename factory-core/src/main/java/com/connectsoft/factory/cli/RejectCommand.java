package com.connectsoft.factory.cli;

import picocli.CommandLine.Command;

@Command(name = "reject", description = "Reject a run waiting for approval: the modules that asked are not built or committed.")
final class RejectCommand extends AnswerCommand {
    @Override
    boolean approve() {
        return false;
    }
}
