package com.connectsoft.factory.deploy.adapter;

import com.connectsoft.factory.deploy.domain.StackRunner;
import com.pulumi.automation.AutomationException;
import com.pulumi.automation.ConfigValue;
import com.pulumi.automation.LocalWorkspace;
import com.pulumi.automation.LocalWorkspaceOptions;
import com.pulumi.automation.WorkspaceStack;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Runs programs through Pulumi's Automation API, which drives the Pulumi CLI it finds on the PATH. */
public final class PulumiAutomationRunner implements StackRunner {
    private final Map<String, String> env;

    public PulumiAutomationRunner(Map<String, String> env) {
        this.env = env;
    }

    Optional<Path> cli() {
        return Stream.of(env.getOrDefault("PATH", "").split(File.pathSeparator)).filter(d -> !d.isBlank())
                .map(d -> Path.of(d, "pulumi")).filter(Files::isExecutable).findFirst();
    }

    @Override
    public boolean available() {
        return cli().isPresent();
    }

    @Override
    public String whereLooked() {
        return "PATH";
    }

    @Override
    public String run(Path program, String stack, Map<String, String> config, boolean update) {
        try {
            WorkspaceStack s = LocalWorkspace.createOrSelectStack(stack, program, LocalWorkspaceOptions.builder().workDir(program).build());
            Map<String, ConfigValue> values = new LinkedHashMap<>();
            config.forEach((k, v) -> values.put(k, new ConfigValue(v)));
            s.setAllConfig(values);
            if (update) {
                var result = s.up();
                return "updated: " + result.summary().resourceChanges() + ", outputs " + result.outputs().keySet();
            }
            return "preview: " + s.preview().changeSummary();
        } catch (AutomationException e) {
            throw new IllegalStateException("pulumi " + (update ? "up" : "preview") + " of " + program + " failed: " + e.getMessage(), e);
        }
    }
}
