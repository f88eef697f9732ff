package com.connectsoft.factory.generation;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.blueprint.domain.Blueprint;
import com.connectsoft.factory.blueprint.domain.Module;
import com.connectsoft.factory.blueprint.domain.ParseOutcome;
import com.connectsoft.factory.generation.application.FactoryVersions;
import com.connectsoft.factory.generation.application.JavaModuleModel;
import com.connectsoft.factory.generation.application.RenderModule;
import com.connectsoft.factory.run.TestFactory;
import com.connectsoft.factory.template.adapter.filesystem.FileSystemTemplateCatalog;
import com.connectsoft.factory.template.adapter.mustache.MustacheEngine;
import com.connectsoft.factory.generation.application.TemplateRenderer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Whatever a product, module or file is called, the generated service gets valid Java and Maven names. */
class ModelNamesTest {
    private static final FileSystemTemplateCatalog CATALOG = new FileSystemTemplateCatalog(TestFactory.ROOT.resolve("templates"));
    private static final RenderModule RENDER = new RenderModule(new TemplateRenderer(new MustacheEngine(), CATALOG),
            FactoryVersions.load());

    static Stream<Arguments> inputs() {
        String yaml = "product: { name: %s }\nmodules: [ { name: orders, entities: [ { name: Order } ] } ]\n";
        return Stream.of(
                Arguments.of("shop.blueprint.yaml", yaml.formatted("3D Print Shop")),
                Arguments.of("shop.blueprint.yaml", yaml.formatted("Café Ünïcode")),
                Arguments.of("shop.blueprint.yaml", yaml.formatted("'!!!'")),
                Arguments.of("21-points.jdl", "entity Point { x Integer }\n"),
                Arguments.of("3d-shapes.jh", "application { config { baseName 3dShapes } entities * }\nentity Point { x Integer }\n"),
                Arguments.of("ms.jdl", "application { config { baseName inventory, applicationType microservice, packageName "
                        + "com.My_Company.Inventory } entities * }\nentity Item { sku String }\n"));
    }

    @ParameterizedTest
    @MethodSource("inputs")
    void everyModuleGetsValidNames(String file, String content) {
        ParseOutcome o = com.connectsoft.factory.blueprint.BlueprintConfiguration.READERS.read(file, content.getBytes(StandardCharsets.UTF_8));
        Blueprint bp = assertInstanceOf(ParseOutcome.Accepted.class, o, o::toString).blueprint();
        for (Module m : bp.modules()) {
            JavaModuleModel.Outcome model = RENDER.model(bp, m, CATALOG.latest("ConnectSoft.Template.FunctionsMicroservice").orElseThrow());
            JavaModuleModel.Built built = assertInstanceOf(JavaModuleModel.Outcome.Ok.class, model, model::toString).built();
            String pkg = (String) built.parameters().get("javaPackage");
            assertTrue(pkg.matches("[a-z][a-z0-9]*(\\.[a-z][a-z0-9]*)*"), pkg);
        }
    }
}
