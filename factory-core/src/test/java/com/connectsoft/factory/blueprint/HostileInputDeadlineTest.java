package com.connectsoft.factory.blueprint;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.blueprint.domain.Blueprint;
import com.connectsoft.factory.blueprint.domain.Module;
import com.connectsoft.factory.blueprint.domain.ParseOutcome;
import com.connectsoft.factory.generation.application.FactoryVersions;
import com.connectsoft.factory.generation.application.RenderModule;
import com.connectsoft.factory.run.TestFactory;
import com.connectsoft.factory.template.adapter.filesystem.FileSystemTemplateCatalog;
import com.connectsoft.factory.template.adapter.mustache.MustacheEngine;
import com.connectsoft.factory.generation.application.TemplateRenderer;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The worst hostile inputs, through {@link Factory#READERS} as the CLI and the API read them, and for an accepted
 * one the render model that starting a run builds in the request thread: each answers within a generous deadline
 * of 2 s of CPU time (a bound, not a benchmark: they take tens to a few hundred milliseconds here), and returns
 * within 10 s whatever the load of the machine.
 */
class HostileInputDeadlineTest {
    private static final FileSystemTemplateCatalog CATALOG = new FileSystemTemplateCatalog(TestFactory.ROOT.resolve("templates"));
    private static final RenderModule RENDER = new RenderModule(new TemplateRenderer(new MustacheEngine(), CATALOG),
            FactoryVersions.load());

    static Stream<Arguments> worst() {
        return HostileInputs.worst().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("worst")
    void answersWithinTheDeadline(String file, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        assertTrue(bytes.length <= 1024 * 1024, file + " is over the input limit");
        Bounded.within(() -> {
            ParseOutcome o = com.connectsoft.factory.blueprint.BlueprintConfiguration.READERS.read(file, bytes);
            if (o instanceof ParseOutcome.Accepted a) {
                Blueprint bp = a.blueprint();
                for (Module m : bp.modules()) {
                    RENDER.model(bp, m, CATALOG.latest("ConnectSoft.Template.FunctionsMicroservice").orElseThrow());
                }
            } else {
                ParseOutcome.Rejected r = assertInstanceOf(ParseOutcome.Rejected.class, o);
                assertTrue(r.problems().stream().allMatch(p -> p.line() >= 1 && p.column() >= 1 && !p.message().isBlank()), r::toString);
            }
            return o;
        }, () -> file);
    }
}
