package com.connectsoft.factory.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.blueprint.adapter.yaml.YamlBlueprintReader;
import com.connectsoft.factory.blueprint.domain.Module;
import com.connectsoft.factory.blueprint.domain.ParseOutcome;
import com.connectsoft.factory.run.application.RunProgress;
import com.connectsoft.factory.run.application.StartRun;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.run.domain.ModuleResult;
import com.connectsoft.factory.run.vocabulary.BuildStatus;
import com.connectsoft.factory.run.vocabulary.GovernanceStatus;
import com.connectsoft.factory.run.vocabulary.RunStatus;
import com.connectsoft.factory.shared.domain.TenantId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example blueprint with the other service flavour and a front end for every module: each module rendered with
 * the Spring Boot template and each front end with the web template, all built and tested for real (Maven and npm,
 * offline after the templates' preparation), governed and committed. {@link WholeRunTest} runs them with the default
 * Functions template.
 */
@Tag("maven-build")
class ExampleFlavoursTest {
    static final String SPRING = "ConnectSoft.Template.SpringBootService";
    static final TenantId T = TenantId.of("acme");

    @TempDir
    Path dir;

    /**
     * The example with {@code frontend: true} among every module's options, edited as text (a YAML 1.1 round trip would
     * turn the events' {@code on:} keys into booleans): a module's {@code options:} block gets the line, a module
     * without one gets {@code options: { frontend: true }} at its end.
     */
    static byte[] withFrontEnds(String example) throws Exception {
        List<String> lines = new ArrayList<>(List.of(new String(TestFactory.example(example), StandardCharsets.UTF_8).split("\n", -1)));
        List<String> out = new ArrayList<>();
        boolean inModules = false;
        boolean inModule = false;
        boolean hasOptions = false;
        for (String line : lines) {
            boolean moduleStart = inModules && line.startsWith("  - name:");
            boolean topLevel = !line.isEmpty() && !line.startsWith(" ") && !line.startsWith("#");
            if ((moduleStart || topLevel) && inModule && !hasOptions) {
                int end = out.size();
                while (end > 0 && out.get(end - 1).isBlank()) {
                    end--;
                }
                out.add(end, "    options: { frontend: true }");
            }
            if (topLevel) {
                inModules = line.startsWith("modules:");
                inModule = false;
            }
            if (moduleStart) {
                inModule = true;
                hasOptions = false;
            }
            if (inModule && line.startsWith("    options:")) {
                hasOptions = true;
                String rest = line.substring("    options:".length()).strip();
                out.add(rest.startsWith("{") ? "    options: { frontend: true, " + rest.substring(1).strip() : line);
                if (rest.isEmpty()) {
                    out.add("      frontend: true");
                }
                continue;
            }
            out.add(line);
        }
        if (inModule && !hasOptions) {
            int end = out.size();
            while (end > 0 && out.get(end - 1).isBlank()) {
                end--;
            }
            out.add(end, "    options: { frontend: true }");
        }
        return String.join("\n", out).getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @MethodSource("com.connectsoft.factory.run.WholeRunTest#examples")
    void anExampleBuildsWithSpringBootAndAFrontEndForEveryModule(String example) throws Exception {
        byte[] blueprint = withFrontEnds(example);
        assertTrue(new String(blueprint, StandardCharsets.UTF_8).contains("frontend: true"), "the edit took");
        ParseOutcome parsed = new YamlBlueprintReader().read(example, blueprint);
        List<String> expected = new ArrayList<>();
        for (Module m : assertInstanceOf(ParseOutcome.Accepted.class, parsed, parsed::toString).blueprint().modules()) {
            expected.add(m.name());
            expected.add(m.name() + "-web");
            assertTrue(m.options().frontend(), m.name() + " asks for a front end");
        }
        try (Factory app = Factory.open(TestFactory.settings(dir.resolve("data"))).dispatchLocally()) {
            FactoryRun run = assertInstanceOf(StartRun.Result.Finished.class, app.runs().start().run(new StartRun.Request(T, example, blueprint,
                    Optional.of(dir.resolve("out")), SPRING), RunProgress.SILENT)).run();
            assertEquals(RunStatus.COMPLETED, run.status(), TestFactory.failureWithBuildLogs(dir.resolve("data"), run));
            assertEquals(expected, run.modules().stream().map(ModuleResult::name).toList());
            for (ModuleResult m : run.modules()) {
                boolean web = m.name().endsWith("-web");
                assertEquals(web ? "ConnectSoft.Template.WebFrontend" : SPRING, m.templateRef().substring(0, m.templateRef().indexOf('@')), m.name());
                assertEquals(GovernanceStatus.ALLOW, m.governance(), m.governanceReasons()::toString);
                assertEquals(BuildStatus.PASSED, m.build(), m.name());
                assertEquals(0, m.testsFailed(), m.name());
                assertTrue(m.testsRun() >= (web ? 3 : 20), m.name() + " ran " + m.testsRun() + " tests");
                Path out = Path.of(m.outputDir());
                assertTrue(Files.isRegularFile(out.resolve(web ? "package.json" : "pom.xml")), m.name());
            }
            assertTrue(run.commitId() != null && !run.commitId().isBlank(), "committed");
        }
    }
}
