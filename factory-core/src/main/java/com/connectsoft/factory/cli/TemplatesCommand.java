package com.connectsoft.factory.cli;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.template.application.CatalogListing;
import com.connectsoft.factory.template.domain.TemplateCatalog;
import com.connectsoft.factory.template.domain.TemplatePackage;
import com.connectsoft.factory.template.domain.TemplateVerification;
import com.connectsoft.factory.template.domain.TemplateVerifications;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "templates", description = "List the governed templates of the catalog, each version with its verification (or verify them).",
        subcommands = {TemplatesCommand.Verify.class})
final class TemplatesCommand extends FactoryCommand {
    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        try (Factory factory = open()) {
            List<CatalogListing.Entry> entries = factory.templateListing().entries(Optional.empty());
            if (json) {
                out().println(Json.pretty(entries));
                return FactoryCli.OK;
            }
            for (CatalogListing.Entry e : entries) {
                if ("library".equals(e.kind())) {
                    out().printf("%s %s  %s (library)%n", e.id(), e.version(), e.name());
                } else {
                    out().printf("%s %s  %s (%s, model %s, %d files)%n", e.id(), e.version(), e.name(), e.category(), e.model(), e.files());
                }
                out().printf("    %s%n", CatalogListing.state(e));
            }
            return FactoryCli.OK;
        }
    }

    @Command(name = "verify", description = "Verify template versions now: render each one's sample, check it with the governance policies, "
            + "build and test every sample module in the build sandbox, and record the figures on the version. Exits 1 if one fails.")
    static final class Verify extends FactoryCommand {
        @Parameters(arity = "0..*", paramLabel = "<id@version>", description = "Versions to verify (default: every version not verified with "
                + "its current content).")
        List<String> refs = new ArrayList<>();

        @Option(names = "--again", description = "Verify again versions already verified with their current content.")
        boolean again;

        @Override
        public Integer call() {
            try (Factory factory = openRunning()) {
                TemplateCatalog catalog = factory.templates().catalog();
                TemplateVerifications verifications = factory.templates().verifications().orElseThrow();
                List<TemplatePackage> chosen = new ArrayList<>();
                for (String ref : refs) {
                    int at = ref.lastIndexOf('@');
                    Optional<TemplatePackage> p = at < 1 ? Optional.empty() : catalog.find(ref.substring(0, at), ref.substring(at + 1));
                    if (p.isEmpty()) {
                        err().println("error: no template version '" + ref + "' in the catalog; give <id>@<version>, one of: "
                                + String.join(", ", catalog.all().stream().map(TemplatePackage::ref).toList()));
                        return FactoryCli.BAD_INPUT;
                    }
                    chosen.add(p.get());
                }
                if (refs.isEmpty()) {
                    catalog.all().stream().filter(p -> again || verifications.find(p.ref(), p.contentHash()).isEmpty()).forEach(chosen::add);
                }
                boolean allPassed = true;
                for (TemplatePackage p : chosen) {
                    err().println("factory: verifying " + p.ref() + " with its sample...");
                    err().flush();
                    TemplateVerification v = factory.templateVerification().verify(p);
                    out().printf("%s  %s%n", p.ref(), v.summary());
                    for (String problem : v.problems()) {
                        out().printf("    %s%n", problem);
                    }
                    out().flush();
                    allPassed &= v.passed();
                }
                if (chosen.isEmpty()) {
                    out().println("every version is verified with its current content (--again to verify them again)");
                }
                return allPassed ? FactoryCli.OK : FactoryCli.RUN_FAILED;
            }
        }
    }
}
