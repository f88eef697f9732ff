package com.connectsoft.factory.cli;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.app.FactorySettings;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** A factory subcommand at any depth: the global options of {@code factory}, the output streams, the factory itself. */
abstract class FactoryCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandSpec spec;

    FactoryCli root() {
        return (FactoryCli) spec.root().userObject();
    }

    FactorySettings settings() {
        return root().settings();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** The factory on the data directory, building only what the command asks for. */
    Factory open() {
        return Factory.open(settings());
    }

    /** The factory, delivering events and running orchestrations here; slow one-off work is announced on standard error. */
    Factory openRunning() {
        PrintWriter err = err();
        return Factory.open(settings()).onNotice(line -> {
            err.println("factory: " + line);
            err.flush();
        }).dispatchLocally();
    }

    /** A group command without a subcommand prints its usage. */
    int usage() {
        spec.commandLine().usage(out());
        return FactoryCli.BAD_INPUT;
    }
}
