package com.connectsoft.factory.deploy.domain;

import java.nio.file.Path;
import java.util.Map;

/** Runs a Pulumi program: a preview, or an update of a stack. */
public interface StackRunner {
    /** Whether this machine can run Pulumi programs (the Pulumi CLI is installed). */
    boolean available();

    /** Where the runner looked, for the message when it is not available. */
    String whereLooked();

    /**
     * Previews ({@code update} false) or updates the stack {@code stack} of the program in {@code program}, with
     * {@code config} set on the stack first; returns a one-line summary of the changes.
     */
    String run(Path program, String stack, Map<String, String> config, boolean update);
}
