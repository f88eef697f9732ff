package com.connectsoft.factory.cli;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.knowledge.application.RebuildKnowledge;
import picocli.CommandLine.Command;

@Command(name = "reindex", description = "Rebuild the knowledge index from the stores (every tenant's runs, the templates, the JDL samples); idempotent.")
final class ReindexCommand extends FactoryCommand {
    @Override
    public Integer call() {
        try (Factory factory = open()) {
            RebuildKnowledge.Rebuilt r = factory.knowledge().rebuild().rebuild();
            out().printf("indexed %d platform document(s) and %d document(s) of %d tenant(s) in %d ms (%s)%n", r.platformDocuments(),
                    r.tenantDocuments(), r.tenants(), r.millis(), factory.knowledge().index().description());
            return FactoryCli.OK;
        }
    }
}
