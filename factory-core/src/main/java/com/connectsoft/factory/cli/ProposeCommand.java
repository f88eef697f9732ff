package com.connectsoft.factory.cli;

import com.connectsoft.factory.agent.application.ProposeBlueprint;
import com.connectsoft.factory.app.Factory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "propose", description = "Turn a product description in plain language into a blueprint (./factory validate accepts it).")
final class ProposeCommand extends FactoryCommand {
    @Parameters(index = "0", paramLabel = "INTENT", description = "The product in a few sentences (at most 4,000 characters).")
    String intent;

    @Mixin
    RequiredTenantOption tenant;

    @Option(names = "--out", required = true, description = "Where to write the blueprint (*.blueprint.yaml).")
    Path outFile;

    @Option(names = "--name", description = "The product's name (default: taken from the description).")
    String name;

    @Option(names = "--force", description = "Overwrite --out when it exists.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        if (!outFile.getFileName().toString().endsWith(".blueprint.yaml")) {
            err().println("error: --out " + outFile + ": name the file *.blueprint.yaml");
            return FactoryCli.BAD_INPUT;
        }
        if (Files.exists(outFile) && !force) {
            err().println("error: " + outFile + " exists; give --force to overwrite it");
            return FactoryCli.BAD_INPUT;
        }
        try (Factory factory = open()) {
            if (factory.agents().usesModel()) {
                // a model's tokens are metered through the bus: deliver them here (as generate does), not in some later process
                factory.dispatchLocally();
            }
            ProposeBlueprint.Outcome o = factory.agents().propose().propose(new ProposeBlueprint.Request(tenant.value(), intent,
                    Optional.ofNullable(name)));
            factory.drain(java.time.Duration.ofSeconds(10));
            int code = ProposalPrinter.print(o, out(), err());
            if (o instanceof ProposeBlueprint.Outcome.Proposed p) {
                write(outFile, p.blueprint().yaml(), force);
                out().printf("wrote %s (proposal %s, intent artifact %s)%n", outFile, p.proposalId(), p.intentArtifactId());
            }
            return code;
        }
    }

    static void write(Path file, String yaml, boolean force) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = Files.createTempFile(dir, ".proposal", ".tmp");
        Files.writeString(tmp, yaml, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        if (force) {
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } else {
            try {
                Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
    }
}
