package com.connectsoft.factory.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** Published template versions are immutable: the repository's lock names each with its content hash, and a change is refused. */
class CatalogLockTest {
    private static final Path TEMPLATES = TestFactory.ROOT.resolve("templates");

    @TempDir
    Path dir;

    @Test
    void everyVersionInTheRepositoryIsPublishedWithItsContent() {
        List<TemplatePackage> all = new FileSystemTemplateCatalog(TEMPLATES).all();
        Map<String, String> lock = FileSystemTemplateCatalog.lock(TEMPLATES);
        String missing = all.stream().filter(p -> !lock.containsKey(p.ref())).map(FileSystemTemplateCatalog::lockLine)
                .collect(Collectors.joining("\n"));
        assertEquals("", missing, "versions not in templates/" + FileSystemTemplateCatalog.LOCK + " yet; once a version is final, add:\n" + missing);
        assertEquals(all.size(), lock.size(), "the lock names exactly the versions there are");
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
