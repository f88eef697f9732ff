package com.connectsoft.factory.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.blueprint.BlueprintConfiguration;
import com.connectsoft.factory.blueprint.domain.Blueprint;
import com.connectsoft.factory.blueprint.domain.ParseOutcome;
import com.connectsoft.factory.generation.application.FactoryVersions;
import com.connectsoft.factory.generation.application.RenderModule;
import com.connectsoft.factory.generation.application.TemplateRenderer;
import com.connectsoft.factory.governance.application.Governance;
import com.connectsoft.factory.governance.domain.CheckResult;
import com.connectsoft.factory.governance.domain.DependencyAllowlistCheck;
import com.connectsoft.factory.governance.domain.TenantIsolationCheck;
import com.connectsoft.factory.run.TestFactory;
import com.connectsoft.factory.run.vocabulary.Decision;
import com.connectsoft.factory.template.adapter.filesystem.FileSystemTemplateCatalog;
import com.connectsoft.factory.template.adapter.mustache.MustacheEngine;
import com.connectsoft.factory.template.domain.RenderOutcome;
import com.connectsoft.factory.template.domain.RenderedFile;
import com.connectsoft.factory.template.domain.TemplatePackage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A generated web front end passes governance; an npm dependency off the allowlist or a credential in localStorage does not. */
class FrontEndGovernanceTest {
    private final Governance governance = Governance.standard();
    private List<RenderedFile> files;

    @BeforeEach
    void renderTheWebSample() throws Exception {
        FileSystemTemplateCatalog catalog = new FileSystemTemplateCatalog(TestFactory.ROOT.resolve("templates"));
        TemplatePackage web = catalog.latest("ConnectSoft.Template.WebFrontend").orElseThrow();
        Blueprint bp = assertInstanceOf(ParseOutcome.Accepted.class, BlueprintConfiguration.READERS.read("sample.blueprint.yaml",
                Files.readAllBytes(web.sample().orElseThrow()))).blueprint();
        RenderOutcome o = new RenderModule(new TemplateRenderer(new MustacheEngine(), catalog), FactoryVersions.load())
                .render(bp, bp.modules().get(0), web);
        files = new ArrayList<>(assertInstanceOf(RenderOutcome.Rendered.class, o).files());
    }

    private CheckResult result(String checkId) {
        return governance.evaluate("module-catalog-web", files).stream().filter(r -> r.checkId().equals(checkId)).findFirst().orElseThrow();
    }

    private void replace(String path, String from, String to) {
        for (int i = 0; i < files.size(); i++) {
            RenderedFile f = files.get(i);
            if (f.path().equals(path)) {
                String text = new String(f.bytes(), StandardCharsets.UTF_8);
                assertTrue(text.contains(from), "fixture text not found in " + path);
                files.set(i, new RenderedFile(path, text.replace(from, to).getBytes(StandardCharsets.UTF_8)));
                return;
            }
        }
        throw new AssertionError("no " + path);
    }

    @Test
    void theGeneratedFrontEndPassesEveryCheck() {
        List<CheckResult> results = governance.evaluate("module-catalog-web", files);
        assertEquals(Decision.Allow, Governance.overall(results), results::toString);
    }

    @Test
    void anNpmDependencyOffTheAllowlistIsDenied() {
        replace("package.json", "\"react\": \"19.2.9\",", "\"react\": \"19.2.9\",\n    \"left-pad\": \"1.3.0\",");
        CheckResult r = result(DependencyAllowlistCheck.ID);
        assertEquals(Decision.Deny, r.decision());
        assertEquals(List.of("package.json: npm:left-pad is not on the dependency allowlist " + r.policyVersion()), r.reasons());
    }

    @Test
    void aCredentialKeptInLocalStorageIsDenied() {
        replace("src/auth/session.ts", "window.sessionStorage.setItem(KEY", "window.localStorage.setItem(KEY");
        CheckResult r = result(TenantIsolationCheck.ID);
        assertEquals(Decision.Deny, r.decision());
        assertTrue(r.reasons().get(0).startsWith("src/auth/session.ts:"), r.reasons()::toString);
    }
}
