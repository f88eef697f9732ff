package com.connectsoft.factory.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.library.adapter.filesystem.FileSystemRuntimeLibraries;
import com.connectsoft.factory.library.domain.RuntimeLibraries;
import com.connectsoft.factory.library.domain.RuntimeLibrary;
import com.connectsoft.factory.platform.files.Directories;
import com.connectsoft.factory.run.TestFactory;
import com.connectsoft.factory.template.adapter.filesystem.FileSystemTemplateCatalog;
import com.connectsoft.factory.template.domain.TemplatePackage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Published template and runtime library versions are immutable: the repository's lock names each with its content hash,
 * and a change is refused.
 */
class CatalogLockTest {
    private static final Path TEMPLATES = TestFactory.ROOT.resolve("templates");
    private static final Path LIBRARIES = TestFactory.ROOT.resolve("libraries");

    @TempDir
    Path dir;

    @Test
    void everyVersionInTheRepositoryIsPublishedWithItsContent() {
        List<TemplatePackage> all = new FileSystemTemplateCatalog(TEMPLATES).all();
        Map<String, String> lock = FileSystemTemplateCatalog.lock(TEMPLATES);
        String missing = all.stream().filter(p -> !lock.containsKey(p.ref())).map(FileSystemTemplateCatalog::lockLine)
                .collect(Collectors.joining("\n"));
        assertEquals("", missing, "versions not in templates/" + FileSystemTemplateCatalog.LOCK + " yet; once a version is final, add:\n" + missing);
        RuntimeLibraries libraries = new FileSystemRuntimeLibraries(LIBRARIES);
        String missingLibraries = libraries.all().stream().filter(l -> !lock.containsKey(l.ref()))
                .map(l -> FileSystemTemplateCatalog.lockLine(l, libraries.contentHash(l))).collect(Collectors.joining("\n"));
        assertEquals("", missingLibraries, "library versions not in templates/" + FileSystemTemplateCatalog.LOCK + " yet; once final, add:\n"
                + missingLibraries);
        assertEquals(all.size() + libraries.all().size(), lock.size(), "the lock names exactly the versions there are");
        FileSystemTemplateCatalog.checkLibraries(TEMPLATES, libraries);
    }

    /** The templates and libraries copied side by side, as in the repository (libraries without build outputs). */
    private Path copyOfCatalog() throws Exception {
        Path copy = copyOfTemplates();
        Directories.copy(LIBRARIES, dir.resolve("libraries"), p -> !p.getFileName().toString().equals("target"));
        return copy;
    }

    private RuntimeLibraries librariesBeside(Path templates) {
        return new FileSystemRuntimeLibraries(templates.resolveSibling("libraries"));
    }

    @Test
    void aChangedFileUnderAPublishedLibraryVersionIsRefusedNamingIt() throws Exception {
        Path copy = copyOfCatalog();
        RuntimeLibrary library = librariesBeside(copy).all().get(0);
        FileSystemTemplateCatalog.checkLibraries(copy, librariesBeside(copy));
        assertTrue(new TemplateConfiguration(copy).libraries().find(library.id(), library.version()).isPresent(), "unchanged: opens");

        Path source;
        try (java.util.stream.Stream<Path> files = Files.walk(library.folder().resolve("src/main"))) {
            source = files.filter(f -> f.toString().endsWith(".java")).sorted().findFirst().orElseThrow();
        }
        Files.writeString(source, Files.readString(source).replace("public ", "public  "));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new TemplateConfiguration(copy));
        assertTrue(e.getMessage().startsWith("library " + library.ref() + " in " + library.folder() + " was published with content sha256:"),
                e.getMessage());
        assertTrue(e.getMessage().contains("published versions are immutable"), e.getMessage());
        assertTrue(e.getMessage().endsWith("Restore the folder (e.g. git checkout -- libraries/" + library.folder().getFileName()
                + ") and put the change in a new version folder"), e.getMessage());
    }

    @Test
    void aLibraryVersionIsHashedWithoutItsBuildOutputsAndARemovedOneIsRefused() throws Exception {
        Path copy = copyOfCatalog();
        RuntimeLibrary library = librariesBeside(copy).all().get(0);
        String before = librariesBeside(copy).contentHash(library);
        Files.createDirectories(library.folder().resolve("target/classes"));
        Files.writeString(library.folder().resolve("target/classes/Built.class"), "built");
        assertEquals(before, librariesBeside(copy).contentHash(library), "target/ is no part of the version");
        new TemplateConfiguration(copy);

        Files.writeString(library.folder().resolve("library.yaml"), Files.readString(library.folder().resolve("library.yaml")) + "\n");
        assertThrows(IllegalStateException.class, () -> new TemplateConfiguration(copy), "library.yaml is part of it");

        Directories.delete(library.folder(), true);
        IllegalStateException gone = assertThrows(IllegalStateException.class, () -> new TemplateConfiguration(copy));
        assertTrue(gone.getMessage().startsWith("library " + library.ref() + " is published ("), gone.getMessage());
        assertTrue(gone.getMessage().contains("published versions are never removed"), gone.getMessage());
    }

    private Path copyOfTemplates() throws Exception {
        Path copy = dir.resolve("templates");
        Directories.copy(TEMPLATES, copy);
        return copy;
    }

    @Test
    void aChangedFileUnderAPublishedVersionIsRefusedNamingIt() throws Exception {
        Path copy = copyOfTemplates();
        TemplatePackage oldest = new FileSystemTemplateCatalog(copy).all().get(0);
        Path sample = oldest.root().resolve("files").resolve(oldest.files().get(0).source());
        Files.writeString(sample, Files.readString(sample) + "\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new FileSystemTemplateCatalog(copy));
        assertTrue(e.getMessage().startsWith("template " + oldest.ref() + " in "), e.getMessage());
        assertTrue(e.getMessage().contains("published versions are immutable"), e.getMessage());
        assertTrue(e.getMessage().contains("put the change in a new version folder"), e.getMessage());
    }

    @Test
    void aRemovedPublishedVersionIsRefusedAndAnUnpublishedOneIsUsable() throws Exception {
        Path copy = copyOfTemplates();
        TemplatePackage first = new FileSystemTemplateCatalog(copy).all().get(0);
        Path moved = dir.resolve("elsewhere");
        Files.move(first.root(), moved);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new FileSystemTemplateCatalog(copy));
        assertTrue(e.getMessage().startsWith("template " + first.ref() + " is published"), e.getMessage());

        Files.move(moved, first.root());
        Files.writeString(copy.resolve(FileSystemTemplateCatalog.LOCK), Files.readAllLines(copy.resolve(FileSystemTemplateCatalog.LOCK)).stream()
                .filter(l -> !l.startsWith(first.ref() + " ")).collect(Collectors.joining("\n")));
        Path source = first.root().resolve("files").resolve(first.files().get(0).source());
        Files.writeString(source, Files.readString(source) + "\n");
        assertTrue(new FileSystemTemplateCatalog(copy).find(first.id(), first.version()).isPresent(), "not published yet: still changing");
    }

    @Test
    void aMalformedLockIsRefusedAtItsLine() throws Exception {
        Path copy = copyOfTemplates();
        Files.writeString(copy.resolve(FileSystemTemplateCatalog.LOCK), "# published versions\nConnectSoft.Template.X@1.0.0 sha256:abc\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new FileSystemTemplateCatalog(copy));
        assertTrue(e.getMessage().endsWith(FileSystemTemplateCatalog.LOCK + ":2: expected '<id>@<version> sha256:<64 hex digits>', once per version"),
                e.getMessage());
    }
}
