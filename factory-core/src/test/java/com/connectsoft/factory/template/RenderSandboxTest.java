package com.connectsoft.factory.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.template.adapter.filesystem.FileSystemTemplateCatalog;
import com.connectsoft.factory.platform.files.OutputSandbox;
import com.connectsoft.factory.template.adapter.mustache.MustacheEngine;
import com.connectsoft.factory.template.domain.TemplateEngine;
import com.connectsoft.factory.template.domain.OutputLanguage;
import com.connectsoft.factory.generation.application.TemplateRenderer;
import com.connectsoft.factory.template.domain.OutputPath;
import com.connectsoft.factory.template.domain.RenderOutcome;
import com.connectsoft.factory.template.domain.RenderedFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Rendering is pure and confined: no path outside the output directory, no symlinks, no code from templates. */
class RenderSandboxTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"../escape.txt", "a/../../b", "/etc/passwd", "C:/windows/x", "a\\b", "", "a//b", "./a", "~/x"})
    void unsafePathsAreRefused(String path) {
        assertTrue(OutputPath.refusal(path).isPresent(), path);
    }

    @Test
    void ordinaryRelativePathsAreAllowed() {
        assertTrue(OutputPath.refusal("src/main/java/com/x/A.java").isEmpty());
        assertTrue(OutputPath.refusal(".gitignore").isEmpty());
    }

    private Path templatePackage(String target) throws Exception {
        Path root = dir.resolve("templates");
        Path pkg = root.resolve("evil");
        Files.createDirectories(pkg.resolve("files"));
        Files.writeString(pkg.resolve("files/a.txt.mustache"), "hello {{name}}\n");
        Files.writeString(pkg.resolve("template.yaml"), """
                id: ConnectSoft.Template.Evil
                version: 1.0.0
                engine: mustache
                parameters: { type: object }
                files:
                  - { source: a.txt.mustache, target: '%s' }
                """.formatted(target));
        return root;
    }

    private RenderOutcome render(Path templates, Map<String, Object> model) {
        FileSystemTemplateCatalog catalog = new FileSystemTemplateCatalog(templates);
        return new TemplateRenderer(new MustacheEngine(), catalog)
                .render(catalog.latest("ConnectSoft.Template.Evil").orElseThrow(), Map.of(), model);
    }

    @Test
    void aTemplateThatWritesOutsideTheOutputIsRefused() throws Exception {
        RenderOutcome o = render(templatePackage("../escape.txt"), Map.of("name", "x"));
        assertTrue(assertInstanceOf(RenderOutcome.Refused.class, o).reasons().get(0).contains("'..'"));
    }

    @Test
    void aParameterThatTurnsThePathAbsoluteIsRefused() throws Exception {
        RenderOutcome o = render(templatePackage("{{name}}/a.txt"), Map.of("name", "/etc"));
        assertTrue(assertInstanceOf(RenderOutcome.Refused.class, o).reasons().get(0).contains("absolute"));
        RenderOutcome up = render(templatePackage("out/{{name}}.txt"), Map.of("name", "../../x"));
        assertInstanceOf(RenderOutcome.Refused.class, up);
    }

    @Test
    void templatesCannotCallMethodsOrIncludeOtherFiles() {
        TemplateEngine engine = new MustacheEngine();
        OutputLanguage text = OutputLanguage.TEXT;
        assertThrows(TemplateEngine.TemplateError.class, () -> engine.render("t", "{{name.length}}", Map.of("name", "abc"), text));
        assertThrows(TemplateEngine.TemplateError.class, () -> engine.render("t", "{{name.class}}", Map.of("name", "abc"), text));
        assertThrows(TemplateEngine.TemplateError.class, () -> engine.render("t", "{{> /etc/passwd}}", Map.of(), text));
        assertThrows(TemplateEngine.TemplateError.class, () -> engine.render("t", "{{missing}}", Map.of(), text));
        assertEquals("a-b", engine.render("t", "{{#xs}}{{.}}{{^-last}}-{{/-last}}{{/xs}}", Map.of("xs", List.of("a", "b")), text));
    }

    @Test
    void aSymlinkInTheOutputIsNotFollowed() throws Exception {
        Path out = dir.resolve("out");
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.createDirectories(out);
        Files.createSymbolicLink(out.resolve("link"), outside);
        RenderedFile f = new RenderedFile("link/x.txt", "x".getBytes(StandardCharsets.UTF_8));
        assertThrows(OutputSandbox.SandboxViolation.class, () -> OutputSandbox.write(out, List.of(f)));
        Files.createSymbolicLink(out.resolve("y.txt"), outside.resolve("y.txt"));
        RenderedFile g = new RenderedFile("y.txt", "y".getBytes(StandardCharsets.UTF_8));
        assertThrows(OutputSandbox.SandboxViolation.class, () -> OutputSandbox.write(out, List.of(g)));
        try (Stream<Path> s = Files.list(outside)) {
            assertEquals(0, s.count(), "nothing was written outside");
        }
    }

    @Test
    void aDirectoryTheFactoryDidNotGenerateIsNotReplaced() throws Exception {
        Path mine = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(mine.resolve("notes.txt"), "keep me");
        assertThrows(OutputSandbox.SandboxViolation.class, () -> OutputSandbox.prepare(mine));
        assertEquals("keep me", Files.readString(mine.resolve("notes.txt")));
    }

    @Test
    void aTemplateSourceThatIsASymlinkIsRefused() throws Exception {
        Path templates = templatePackage("a.txt");
        Path source = templates.resolve("evil/files/a.txt.mustache");
        Files.delete(source);
        Files.writeString(dir.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(source, dir.resolve("secret.txt"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new FileSystemTemplateCatalog(templates));
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
    }

    @Test
    void renderingIsPureAndNormalisesLineEnds() throws Exception {
        Path templates = templatePackage("a.txt");
        Files.writeString(templates.resolve("evil/files/a.txt.mustache"), "one\r\ntwo {{name}}\r\n");
        RenderOutcome first = render(templates, Map.of("name", "x"));
        RenderOutcome second = render(templates, Map.of("name", "x"));
        RenderedFile f = assertInstanceOf(RenderOutcome.Rendered.class, first).files().get(0);
        assertEquals("one\ntwo x\n", new String(f.bytes(), StandardCharsets.UTF_8));
        assertEquals(f.contentHash(), ((RenderOutcome.Rendered) second).files().get(0).contentHash());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count(), "rendering alone writes nothing");
        }
    }
}
