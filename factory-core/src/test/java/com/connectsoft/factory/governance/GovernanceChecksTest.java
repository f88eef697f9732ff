package com.connectsoft.factory.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.blueprint.adapter.yaml.YamlBlueprintReader;
import com.connectsoft.factory.blueprint.domain.Blueprint;
import com.connectsoft.factory.blueprint.domain.ParseOutcome;
import com.connectsoft.factory.generation.application.FactoryVersions;
import com.connectsoft.factory.generation.application.RenderModule;
import com.connectsoft.factory.governance.application.Governance;
import com.connectsoft.factory.governance.domain.CheckResult;
import com.connectsoft.factory.run.vocabulary.Decision;
import com.connectsoft.factory.run.TestFactory;
import com.connectsoft.factory.template.adapter.filesystem.FileSystemTemplateCatalog;
import com.connectsoft.factory.template.adapter.mustache.MustacheEngine;
import com.connectsoft.factory.generation.application.TemplateRenderer;
import com.connectsoft.factory.template.domain.RenderOutcome;
import com.connectsoft.factory.template.domain.RenderedFile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GovernanceChecksTest {
    private final Governance governance = Governance.standard();
    private List<RenderedFile> files;

    @BeforeEach
    void renderInvoices() throws Exception {
        files = invoices("ConnectSoft.Template.FunctionsMicroservice");
    }

    /** The invoicing example's invoices module rendered with the latest version of {@code template}. */
    private static List<RenderedFile> invoices(String template) throws Exception {
        return invoices(template, null);
    }

    /**
     * The invoices module rendered with {@code version} of {@code template} (null: the latest). FunctionsMicroservice
     * 1.4.2 is the last version that renders its store code (repository base classes, outbox sweep) into the module.
     */
    private static List<RenderedFile> invoices(String template, String version) throws Exception {
        Blueprint bp = ((ParseOutcome.Accepted) new YamlBlueprintReader().read("invoicing.blueprint.yaml",
                TestFactory.example("invoicing.blueprint.yaml"))).blueprint();
        FileSystemTemplateCatalog catalog = new FileSystemTemplateCatalog(TestFactory.ROOT.resolve("templates"));
        RenderModule render = new RenderModule(new TemplateRenderer(new MustacheEngine(), catalog), FactoryVersions.load());
        RenderOutcome o = render.render(bp, bp.modules().get(1),
                (version == null ? catalog.latest(template) : catalog.find(template, version)).orElseThrow());
        return new ArrayList<>(assertInstanceOf(RenderOutcome.Rendered.class, o).files());
    }

    private CheckResult result(String checkId) {
        return governance.evaluate("module-invoices", files).stream().filter(r -> r.checkId().equals(checkId)).findFirst().orElseThrow();
    }

    private void replace(String pathSuffix, String from, String to) {
        for (int i = 0; i < files.size(); i++) {
            RenderedFile f = files.get(i);
            if (f.path().endsWith(pathSuffix)) {
                String text = new String(f.bytes(), StandardCharsets.UTF_8);
                assertTrue(text.contains(from), "fixture text not found in " + f.path());
                files.set(i, new RenderedFile(f.path(), text.replace(from, to).getBytes(StandardCharsets.UTF_8)));
                return;
            }
        }
        throw new AssertionError("no file ending in " + pathSuffix);
    }

    @Test
    void generatedOutputPassesEveryCheck() {
        List<CheckResult> results = governance.evaluate("module-invoices", files);
        assertEquals(4, results.size());
        results.forEach(r -> assertEquals(Decision.Allow, r.decision(), r.checkId() + ": " + r.reasons()));
    }

    @Test
    void entitiesStoringSpecialPersonalDataNeedAnApproval() {
        String entity = "package x;\npublic record Employee(\n        String id,\n        String tenantId,\n        String nationalId,\n"
                + "        String employeeSsn,\n        String lessons,\n        String fullName) implements TenantEntity<Employee> {\n}\n";
        List<RenderedFile> withIds = new java.util.ArrayList<>(files);
        withIds.add(new RenderedFile("src/main/java/x/Employee.java", entity.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        CheckResult r = governance.check(com.connectsoft.factory.governance.domain.SensitiveDataCheck.ID).evaluate("module-hr", withIds);
        assertEquals(Decision.RequiresApproval, r.decision());
        assertEquals(2, r.reasons().size(), r.reasons().toString());
        assertTrue(r.reasons().get(0).startsWith("Employee.nationalId holds special personal data (nationalid)"), r.reasons().get(0));
        assertTrue(r.reasons().get(1).startsWith("Employee.employeeSsn holds special personal data (ssn)"), r.reasons().get(1));
        assertEquals(Decision.Allow, governance.check(com.connectsoft.factory.governance.domain.SensitiveDataCheck.ID)
                .evaluate("module-invoices", files).decision(), "the invoicing example stores none");
    }

    @Test
    void aRepositoryMethodWithoutTheTenantIsDenied() throws Exception {
        files = invoices("ConnectSoft.Template.FunctionsMicroservice", "1.4.2");
        replace("shared/TenantScopedRepository.java", "Optional<T> find(String tenantId, String id);", "Optional<T> find(String id);");
        CheckResult r = result("ConnectSoft.Governance.TenantIsolation");
        assertEquals(Decision.Deny, r.decision());
        assertTrue(r.reasons().get(0).contains("find(String id) does not take the tenant"), r.reasons().toString());
    }

    @Test
    void aQueryThatIgnoresTheTenantIsDenied() throws Exception {
        files = invoices("ConnectSoft.Template.FunctionsMicroservice", "1.4.2");
        replace("shared/CosmosRepository.java", "SELECT * FROM c WHERE c.tenantId = @tenantId AND c.docType = @docType ORDER BY c.id",
                "SELECT * FROM c WHERE c.docType = @docType ORDER BY c.id");
        assertEquals(Decision.Deny, result("ConnectSoft.Governance.TenantIsolation").decision());
    }

    @Test
    void aModuleWithoutEntitiesHasNothingToIsolateButEntitiesWithoutRepositoriesAreDenied() {
        // entities without their repositories: where their records go cannot be checked
        files.removeIf(f -> f.path().endsWith("Repository.java"));
        CheckResult noRepositories = result("ConnectSoft.Governance.TenantIsolation");
        assertEquals(Decision.Deny, noRepositories.decision());
        assertTrue(noRepositories.reasons().contains("no repository found in module-invoices: tenant isolation cannot be verified"),
                noRepositories.reasons()::toString);
        // a service skeleton (a blueprint without entities): it wires the library's stores for its outbox, stores nothing of its own
        files.removeIf(f -> new String(f.bytes(), StandardCharsets.UTF_8).matches("(?s).*implements\\s+TenantEntity\\b.*"));
        assertEquals(Decision.Allow, result("ConnectSoft.Governance.TenantIsolation").decision(),
                () -> result("ConnectSoft.Governance.TenantIsolation").reasons().toString());
        files.add(new RenderedFile("src/main/java/x/Jdbc.java", "package x;\nimport java.sql.Connection;\nfinal class Jdbc {}\n"
                .getBytes(StandardCharsets.UTF_8)));
        assertEquals(Decision.Deny, result("ConnectSoft.Governance.TenantIsolation").decision());
    }

    @Test
    void aClassOtherThanARepositoryThatReachesTheStoreIsDenied() {
        String service = "package x;\nimport com.azure.cosmos.CosmosContainer;\nfinal class Reports {\n    Object all(CosmosContainer container) {\n"
                + "        return container.readItem(\"x\", null, Object.class);\n    }\n}\n";
        files.add(new RenderedFile("src/main/java/x/Reports.java", service.getBytes(StandardCharsets.UTF_8)));
        CheckResult r = result("ConnectSoft.Governance.TenantIsolation");
        assertEquals(Decision.Deny, r.decision());
        assertTrue(r.reasons().get(0).startsWith("src/main/java/x/Reports.java: calls Cosmos DB outside a repository"), r.reasons().toString());
    }

    @Test
    void outsideRepositoriesOnlyTheTenantIdsMayBeAskedFor() throws Exception {
        files = invoices("ConnectSoft.Template.FunctionsMicroservice", "1.4.2");
        assertEquals(Decision.Allow, result("ConnectSoft.Governance.TenantIsolation").decision(), "the outbox sweep asks which tenants have records");
        replace("shared/CosmosPendingTenants.java", "SELECT DISTINCT VALUE c.tenantId FROM c WHERE c.docType = @docType",
                "SELECT * FROM c WHERE c.docType = @docType");
        CheckResult r = result("ConnectSoft.Governance.TenantIsolation");
        assertEquals(Decision.Deny, r.decision());
        assertTrue(r.reasons().get(0).contains("CosmosPendingTenants.java: calls Cosmos DB outside a repository"), r.reasons().toString());
    }

    @Test
    void aRepositoryMayExtendOnlyARenderedOrTheLibrarysTenantScopedStore() throws Exception {
        files = invoices("ConnectSoft.Template.SpringBootService");
        assertEquals(Decision.Allow, result("ConnectSoft.Governance.TenantIsolation").decision(), "Spring's repositories extend the library's");
        replace("CosmosInvoiceRepository.java", "import com.connectsoft.extensions.runtime.data.cosmos.CosmosRepository;",
                "import org.example.raw.CosmosRepository;");
        CheckResult r = result("ConnectSoft.Governance.TenantIsolation");
        assertEquals(Decision.Deny, r.decision());
        assertTrue(r.reasons().get(0).endsWith("CosmosInvoiceRepository.java: repository CosmosInvoiceRepository extends CosmosRepository, which "
                + "is neither rendered in this module (and checked here) nor a tenant-scoped store of the runtime library"), r.reasons().toString());
    }

    @Test
    void theFunctionsModulesReachTheStoreOnlyThroughTheLibrarysTenantScopedStores() throws Exception {
        assertEquals(Decision.Allow, result("ConnectSoft.Governance.TenantIsolation").decision(), "1.5.0's repositories extend the library's");
        assertTrue(files.stream().noneMatch(f -> f.path().contains("/shared/") && f.path().startsWith("src/main/")), "no copies of shared code");
        replace("InMemoryInvoiceRepository.java", "import com.connectsoft.extensions.runtime.data.memory.InMemoryRepository;",
                "import org.example.raw.InMemoryRepository;");
        CheckResult r = result("ConnectSoft.Governance.TenantIsolation");
        assertEquals(Decision.Deny, r.decision());
        assertTrue(r.reasons().get(0).endsWith("InMemoryInvoiceRepository.java: repository InMemoryInvoiceRepository extends InMemoryRepository, "
                + "which is neither rendered in this module (and checked here) nor a tenant-scoped store of the runtime library"), r.reasons().toString());
    }

    /** A policy made stricter must not deny what a published version generates (its runs, and new runs with it, are checked). */
    @Test
    void everyTemplateVersionsSamplePassesEveryCheck() throws Exception {
        FileSystemTemplateCatalog catalog = new FileSystemTemplateCatalog(TestFactory.ROOT.resolve("templates"));
        RenderModule render = new RenderModule(new TemplateRenderer(new MustacheEngine(), catalog), FactoryVersions.load());
        int modules = 0;
        for (com.connectsoft.factory.template.domain.TemplatePackage pkg : catalog.all()) {
            java.nio.file.Path sample = pkg.sample().orElseThrow();
            ParseOutcome parsed = com.connectsoft.factory.blueprint.BlueprintConfiguration.READERS.read(sample.getFileName().toString(),
                    java.nio.file.Files.readAllBytes(sample));
            Blueprint bp = assertInstanceOf(ParseOutcome.Accepted.class, parsed, parsed::toString).blueprint();
            for (com.connectsoft.factory.blueprint.domain.Module m : bp.modules()) {
                List<RenderedFile> rendered = assertInstanceOf(RenderOutcome.Rendered.class, render.render(bp, m, pkg)).files();
                for (CheckResult r : governance.evaluate(m.moduleId(), rendered)) {
                    assertTrue(r.decision() != Decision.Deny, pkg.ref() + " " + m.name() + ": " + r.checkId() + " " + r.reasons());
                }
                modules++;
            }
        }
        assertTrue(modules >= catalog.all().size(), "every version rendered its sample");
    }

    @Test
    void aSecretInTheOutputIsDenied() {
        replace("local.settings.sample.json", "\"COSMOS_ENDPOINT\": \"\"",
                "\"COSMOS_ENDPOINT\": \"AccountEndpoint=https://x.documents.azure.com;AccountKey=c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0==\"");
        CheckResult r = result("ConnectSoft.Governance.NoSecrets");
        assertEquals(Decision.Deny, r.decision());
        assertTrue(r.reasons().get(0).startsWith("local.settings.sample.json:6: looks like a storage account key"), r.reasons().toString());
    }

    @Test
    void aDependencyOffTheAllowlistIsDenied() {
        replace("pom.xml", "<dependencies>\n", "<dependencies>\n    <dependency><groupId>org.example.evil</groupId><artifactId>miner</artifactId><version>1</version></dependency>\n");
        CheckResult r = result("ConnectSoft.Governance.DependencyAllowlist");
        assertEquals(Decision.Deny, r.decision());
        assertTrue(r.reasons().get(0).contains("org.example.evil:miner"), r.reasons().toString());
        assertEquals(Decision.Deny, Governance.overall(governance.evaluate("module-invoices", files)));
    }

    @Test
    void theInfrastructureProgramsBuildFileIsCheckedToo() {
        assertEquals(Decision.Allow, result("ConnectSoft.Governance.DependencyAllowlist").decision(), "the rendered infra/pom.xml is allowed");
        replace("infra/pom.xml", "<dependencies>\n", "<dependencies>\n    <dependency><groupId>org.example.evil</groupId><artifactId>miner</artifactId><version>1</version></dependency>\n");
        CheckResult r = result("ConnectSoft.Governance.DependencyAllowlist");
        assertEquals(Decision.Deny, r.decision());
        assertTrue(r.reasons().get(0).startsWith("infra/pom.xml: org.example.evil:miner"), r.reasons().toString());
    }
}
