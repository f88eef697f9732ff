package com.connectsoft.factory.cli;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.template.adapter.filesystem.FileShippedVerifications;
import com.connectsoft.factory.template.application.CatalogListing;
import com.connectsoft.factory.template.domain.LibraryRef;
import com.connectsoft.factory.template.domain.ShippedVerifications;
import com.connectsoft.factory.template.domain.TemplateCatalog;
import com.connectsoft.factory.library.domain.RuntimeLibraries;
import com.connectsoft.factory.library.domain.RuntimeLibrary;
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
        subcommands = {TemplatesCommand.Verify.class, TemplatesCommand.Publish.class})
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
                if (e.verification() != null) {
                    out().printf("    %s%n", provenance(e.verification(), factory.templates().shipped()
                            .flatMap(s -> s.find(e.id() + "@" + e.version())).filter(e.verification()::equals).isPresent()));
                }
            }
            return FactoryCli.OK;
        }
    }

    /**
     * What a verification was made with and where its record is: "verified with factory 0.1.0 and &lt;library&gt;@&lt;v&gt;;
     * content sha256:…; record shipped with the catalog".
     */
    static String provenance(TemplateVerification v, boolean shipped) {
        List<String> with = new ArrayList<>();
        with.add("factory " + v.factoryVersion());
        with.addAll(v.libraries());
        return "verified with " + String.join(" and ", with) + "; content " + v.contentHash().substring(0, Math.min(19, v.contentHash().length()))
                + "…; " + (shipped ? "record shipped with the catalog" : "recorded here (./factory templates publish " + v.templateRef()
                + " ships it)");
    }

    @Command(name = "verify", description = "Verify template and library versions now: render each template's sample, check it with the "
            + "governance policies, build and test every sample module in the build sandbox and measure its mutation score; build, test and "
            + "measure each library's own project; record the figures on the version. Exits 1 if one fails.")
    static final class Verify extends FactoryCommand {
        @Parameters(arity = "0..*", paramLabel = "<id@version>", description = "Template or library versions to verify (default: every "
                + "version not verified with its current content).")
        List<String> refs = new ArrayList<>();

        @Option(names = "--again", description = "Verify again versions already verified with their current content.")
        boolean again;

        @Option(names = "--no-mutation", description = "Leave mutation testing out (it takes minutes per Java module).")
        boolean noMutation;

        @Option(names = "--publish", description = "Also write each record into the catalog (templates/verified/<id>@<version>.json), "
                + "so that it ships with the catalog: what publishers do when a version enters it.")
        boolean publish;

        @Override
        public Integer call() {
            try (Factory factory = openRunning()) {
                TemplateCatalog catalog = factory.templates().catalog();
                RuntimeLibraries libraries = factory.templates().libraries();
                TemplateVerifications verifications = factory.templates().verifications().orElseThrow();
                List<TemplatePackage> chosen = new ArrayList<>();
                List<RuntimeLibrary> chosenLibraries = new ArrayList<>();
                for (String ref : refs) {
                    int at = ref.lastIndexOf('@');
                    Optional<TemplatePackage> p = at < 1 ? Optional.empty() : catalog.find(ref.substring(0, at), ref.substring(at + 1));
                    Optional<RuntimeLibrary> l = at < 1 ? Optional.empty() : libraries.find(ref.substring(0, at), ref.substring(at + 1));
                    if (p.isEmpty() && l.isEmpty()) {
                        List<String> known = new ArrayList<>(catalog.all().stream().map(TemplatePackage::ref).toList());
                        libraries.all().forEach(x -> known.add(x.ref()));
                        err().println("error: no template or library version '" + ref + "' in the catalog; give <id>@<version>, one of: "
                                + String.join(", ", known));
                        return FactoryCli.BAD_INPUT;
                    }
                    p.ifPresent(chosen::add);
                    l.ifPresent(chosenLibraries::add);
                }
                if (refs.isEmpty()) {
                    catalog.all().stream().filter(p -> again || verifications.find(p.ref(), p.contentHash()).isEmpty()).forEach(chosen::add);
                    libraries.all().stream().filter(l -> again || verifications.find(l.ref(), libraries.contentHash(l)).isEmpty())
                            .forEach(chosenLibraries::add);
                }
                boolean allPassed = true;
                var verify = factory.templateVerification(!noMutation);
                Optional<ShippedVerifications> shipped = publish ? factory.templates().shipped() : Optional.empty();
                for (TemplatePackage p : chosen) {
                    err().println("factory: verifying " + p.ref() + " with its sample...");
                    err().flush();
                    TemplateVerification v = verify.verify(p);
                    allPassed &= print(p.ref(), v);
                    shipped.ifPresent(s -> publish(s, v));
                }
                for (RuntimeLibrary l : chosenLibraries) {
                    err().println("factory: verifying library " + l.ref() + " (" + l.coordinates() + ")...");
                    err().flush();
                    TemplateVerification v = verify.verify(l, libraries.contentHash(l));
                    allPassed &= print(l.ref(), v);
                    shipped.ifPresent(s -> publish(s, v));
                }
                if (chosen.isEmpty() && chosenLibraries.isEmpty()) {
                    out().println("every version is verified with its current content (--again to verify them again)");
                }
                return allPassed ? FactoryCli.OK : FactoryCli.RUN_FAILED;
            }
        }

        private void publish(ShippedVerifications shipped, TemplateVerification v) {
            shipped.publish(v);
            out().printf("    published with the catalog: %s/%s.json%n", FileShippedVerifications.FOLDER, v.templateRef());
            out().flush();
        }

        private boolean print(String ref, TemplateVerification v) {
            out().printf("%s  %s%n", ref, v.summary());
            for (String problem : v.problems()) {
                out().printf("    %s%n", problem);
            }
            out().flush();
            return v.passed();
        }
    }

    @Command(name = "publish", description = "Ship the recorded verification of versions with the catalog: write each version's newest "
            + "verification of its current content into templates/verified/<id>@<version>.json (verify them first).")
    static final class Publish extends FactoryCommand {
        @Parameters(arity = "1..*", paramLabel = "<id@version>", description = "Template or library versions whose verification to publish.")
        List<String> refs = new ArrayList<>();

        @Override
        public Integer call() {
            try (Factory factory = open()) {
                TemplateCatalog catalog = factory.templates().catalog();
                RuntimeLibraries libraries = factory.templates().libraries();
                TemplateVerifications verifications = factory.templates().verifications().orElseThrow();
                ShippedVerifications shipped = factory.templates().shipped().orElseThrow();
                List<TemplateVerification> chosen = new ArrayList<>();
                for (String ref : refs) {
                    int at = ref.lastIndexOf('@');
                    Optional<TemplatePackage> p = at < 1 ? Optional.empty() : catalog.find(ref.substring(0, at), ref.substring(at + 1));
                    Optional<RuntimeLibrary> l = at < 1 ? Optional.empty() : libraries.find(ref.substring(0, at), ref.substring(at + 1));
                    if (p.isEmpty() && l.isEmpty()) {
                        err().println("error: no template or library version '" + ref + "' in the catalog; give <id>@<version>");
                        return FactoryCli.BAD_INPUT;
                    }
                    String hash = p.map(TemplatePackage::contentHash).orElseGet(() -> libraries.contentHash(l.orElseThrow()));
                    Optional<TemplateVerification> v = verifications.find(ref, hash);
                    if (v.isEmpty()) {
                        err().println("error: " + ref + " has no verification of its current content to publish; run ./factory templates verify "
                                + "--publish " + ref);
                        return FactoryCli.BAD_INPUT;
                    }
                    // records made before they named library versions: the version's template.yaml (part of its content) names them
                    chosen.add(p.isPresent() && v.get().libraries().isEmpty()
                            ? v.get().withLibraries(p.get().libraries().stream().map(LibraryRef::ref).toList()) : v.get());
                }
                for (TemplateVerification v : chosen) {
                    shipped.publish(v);
                    out().printf("%s  %s%n    published with the catalog: %s/%s.json%n", v.templateRef(), v.summary(), FileShippedVerifications.FOLDER,
                            v.templateRef());
                }
                return FactoryCli.OK;
            }
        }
    }
}
