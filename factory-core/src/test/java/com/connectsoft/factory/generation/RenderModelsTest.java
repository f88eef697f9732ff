package com.connectsoft.factory.generation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.blueprint.domain.Blueprint;
import com.connectsoft.factory.blueprint.domain.Module;
import com.connectsoft.factory.generation.application.FactoryVersions;
import com.connectsoft.factory.generation.application.ModuleViews;
import com.connectsoft.factory.generation.application.RenderModel;
import com.connectsoft.factory.generation.application.RenderModels;
import com.connectsoft.factory.generation.application.RenderModule;
import com.connectsoft.factory.generation.application.TemplateRenderer;
import com.connectsoft.factory.template.adapter.filesystem.FileSystemTemplateCatalog;
import com.connectsoft.factory.template.adapter.mustache.MustacheEngine;
import com.connectsoft.factory.template.domain.RenderOutcome;
import com.connectsoft.factory.template.domain.TemplatePackage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A template's model: picks its builder from the registry; a new template of a known model is a folder, a new model one registration. */
class RenderModelsTest {
    private static final Blueprint CLINIC = WebFrontendTemplateTest.read("clinic.yaml", """
            blueprint: 1
            product: { name: Clinic, package: com.example.clinic }
            modules:
              - name: patients
                entities:
                  - name: Patient
                    fields:
                      - { name: fullName, type: string, required: true, maxLength: 80 }
                      - { name: born, type: date }
                  - name: Allergy
                    fields:
                      - { name: substance, type: string, required: true }
                    relationships:
                      - { name: patient, kind: many-to-one, target: Patient, required: true }
            """);

    @TempDir
    Path dir;

    /** Writes a one-file template package under {@code dir/<folder>}. */
    private void template(String folder, String id, String model, String schema, String target, String source) throws Exception {
        Path pkg = Files.createDirectories(dir.resolve(folder).resolve("files"));
        Files.writeString(pkg.resolveSibling("template.yaml"), "id: " + id + "\nversion: 1.0.0\nengine: mustache\nmodel: " + model
                + "\nparameters: " + schema + "\nfiles:\n  - { source: f.mustache, target: '" + target + "' }\n");
        Files.writeString(pkg.resolve("f.mustache"), source, StandardCharsets.UTF_8);
    }

    private static String text(RenderOutcome out, String path) {
        return new String(assertInstanceOf(RenderOutcome.Rendered.class, out, out::toString).files().stream()
                .filter(f -> f.path().equals(path)).findFirst().orElseThrow().bytes(), StandardCharsets.UTF_8);
    }

    @Test
    void aNewTemplateOfAnExistingModelIsAFolderAndRendersWithNoCode() throws Exception {
        template("web-docs", "ConnectSoft.Template.EntityDocs", "ts-web/1", "{ type: object }", "docs/{{appName}}.md",
                "# {{apiTitle}}\n{{#entities}}\n## {{title}} (`/api/v1/{{plural}}`)\n{{#fields}}\n- {{label}}: {{kind}}{{#required}}, required{{/required}}{{#hasMaxLength}}, at most {{maxLength}}{{/hasMaxLength}}\n{{/fields}}\n{{#references}}\n- {{label}} → {{target}}\n{{/references}}\n{{/entities}}\n");
        template("java-list", "ConnectSoft.Template.EntityList", "java-module/1", "{ type: object }", "src/{{pkgPath}}/Entities.java",
                "package {{pkg}};\n\nenum Entities {\n{{#entities}}\n    {{Entity}},\n{{/entities}}\n}\n");
        FileSystemTemplateCatalog catalog = new FileSystemTemplateCatalog(dir);
        RenderModule render = new RenderModule(new TemplateRenderer(new MustacheEngine(), catalog), FactoryVersions.load());
        Module patients = CLINIC.modules().get(0);

        assertEquals("""
                # Clinic: patients
                ## Patient (`/api/v1/patients`)
                - Full name: string, required, at most 80
                - Born: date
                ## Allergy (`/api/v1/allergies`)
                - Substance: string, required
                - Patient id → Patient
                """, text(render.render(CLINIC, patients, catalog.latest("ConnectSoft.Template.EntityDocs").orElseThrow()),
                "docs/clinic-patients-web.md"));
        assertEquals("package com.example.clinic.patients;\n\nenum Entities {\n    Patient,\n    Allergy,\n}\n",
                text(render.render(CLINIC, patients, catalog.latest("ConnectSoft.Template.EntityList").orElseThrow()),
                        "src/com/example/clinic/patients/Entities.java"));
    }

    @Test
    void aTemplateOfAModelTheFactoryLacksIsRefusedWithTheModelsItHas() throws Exception {
        template("python", "ConnectSoft.Template.Python", "python-module/1", "{ type: object }", "app.txt", "x\n");
        FileSystemTemplateCatalog catalog = new FileSystemTemplateCatalog(dir);
        RenderModule render = new RenderModule(new TemplateRenderer(new MustacheEngine(), catalog), FactoryVersions.load());
        TemplatePackage python = catalog.latest("ConnectSoft.Template.Python").orElseThrow();

        RenderOutcome.Refused refused = assertInstanceOf(RenderOutcome.Refused.class, render.render(CLINIC, CLINIC.modules().get(0), python));
        assertTrue(refused.reasons().get(0).contains("takes the model 'python-module/1', which this factory does not provide"), refused::toString);
        assertTrue(refused.reasons().get(0).contains("java-module/1, ts-web/1"), refused::toString);
        assertEquals(1, render.problems("bp.yaml", CLINIC, CLINIC.modules().get(0), python).size());
    }

    @Test
    void aNewModelIsOneRegistration() throws Exception {
        template("counts", "ConnectSoft.Template.Counts", "counts/1", "{ type: object, required: [module] }", "{{module}}.txt",
                "{{#entities}}{{name}}={{fields}}\n{{/entities}}");
        RenderModel counts = new RenderModel() {
            @Override
            public String id() {
                return "counts/1";
            }

            @Override
            public Outcome build(Blueprint bp, Module m, TemplatePackage template) {
                return ModuleViews.view(bp, m, view -> new Outcome.Ok(new Built(Map.of("module", view.name()), Map.of("entities",
                        view.entities().stream().map(e -> Map.<String, Object>of("name", e.pascal(), "fields", e.fields().size())).toList()))));
            }
        };
        FileSystemTemplateCatalog catalog = new FileSystemTemplateCatalog(dir);
        RenderModule render = new RenderModule(new TemplateRenderer(new MustacheEngine(), catalog),
                RenderModels.builder().register(counts).build());

        assertEquals("Patient=2\nAllergy=1\n", text(render.render(CLINIC, CLINIC.modules().get(0),
                catalog.latest("ConnectSoft.Template.Counts").orElseThrow()), "patients.txt"));
    }

    @Test
    void aModelIdIsRegisteredOnceAndWellFormed() {
        RenderModels.Builder builder = RenderModels.builder().register(new com.connectsoft.factory.generation.application.WebModuleModel());
        assertThrows(IllegalArgumentException.class, () -> builder.register(new com.connectsoft.factory.generation.application.WebModuleModel()));
        RenderModel bad = new RenderModel() {
            @Override
            public String id() {
                return "No Version";
            }

            @Override
            public Outcome build(Blueprint bp, Module m, TemplatePackage t) {
                throw new AssertionError();
            }
        };
        assertThrows(IllegalArgumentException.class, () -> RenderModels.builder().register(bad));
        assertEquals(java.util.List.of("java-module/1", "ts-web/1"), RenderModels.standard(Map.of()).ids());
    }
}
