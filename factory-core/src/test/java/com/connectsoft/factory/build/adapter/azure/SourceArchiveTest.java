package com.connectsoft.factory.build.adapter.azure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.template.domain.RenderedFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A module's sources as a zip: what the factory writes unpacks to the same files; hostile archives are refused and leave nothing. */
class SourceArchiveTest {
    @TempDir
    Path dir;

    private static final SourceArchive.Limits SMALL = new SourceArchive.Limits(50, 1 << 20, 2 << 20, 100, 8);

    @Test
    void whatTheFactoryWritesUnpacksToTheSameFilesAndIsDeterministic() throws IOException {
        List<RenderedFile> files = List.of(new RenderedFile("pom.xml", "<project/>".getBytes(StandardCharsets.UTF_8)),
                new RenderedFile("src/main/java/a/App.java", "class App {}".getBytes(StandardCharsets.UTF_8)),
                new RenderedFile("infra/pom.xml", new byte[0]));
        byte[] zip = SourceArchive.write(files);
        assertArrayEquals(zip, SourceArchive.write(List.of(files.get(2), files.get(0), files.get(1))), "same files, same bytes");
        Path archive = Files.write(dir.resolve("s.zip"), zip);
        assertEquals(3, SourceArchive.extract(archive, dir.resolve("out"), SourceArchive.Limits.DEFAULT));
        for (RenderedFile f : files) {
            assertArrayEquals(f.bytes(), Files.readAllBytes(dir.resolve("out").resolve(f.path())), f.path());
        }
        assertThrows(IllegalArgumentException.class, () -> SourceArchive.write(List.of(new RenderedFile("../x", new byte[1]))));
    }

    @Test
    void zipSlipAbsoluteAndDotPathsAreRefused() throws IOException {
        for (String name : List.of("../evil.txt", "a/../../evil.txt", "/etc/evil", "a/./b", "a//b", "C:/x", "a\\..\\b", "a/\u0000b")) {
            refused(archive(e -> file(e, name, "x")), "'");
            assertFalse(Files.exists(dir.resolve("evil.txt")), name);
        }
    }

    @Test
    void symbolicLinksAndDevicesAreRefused() throws IOException {
        String why = refused(archive(z -> {
            file(z, "pom.xml", "<project/>");
            ZipArchiveEntry link = new ZipArchiveEntry("src/secrets");
            link.setUnixMode(0120777);
            z.putArchiveEntry(link);
            z.write("/proc/1/environ".getBytes(StandardCharsets.UTF_8));
            z.closeArchiveEntry();
        }), "symbolic link");
        assertTrue(why.contains("src/secrets"), why);
        refused(archive(z -> {
            ZipArchiveEntry dev = new ZipArchiveEntry("dev-null");
            dev.setUnixMode(0020666);
            z.putArchiveEntry(dev);
            z.closeArchiveEntry();
        }), "not a file or a directory");
    }

    @Test
    void duplicatesAndFileDirectoryClashesAreRefused() throws IOException {
        refused(archive(z -> {
            file(z, "pom.xml", "a");
            file(z, "pom.xml", "b");
        }), "named twice");
        refused(archive(z -> {
            file(z, "Readme.md", "a");
            file(z, "README.md", "b");
        }), "named twice");
        refused(archive(z -> {
            file(z, "src", "a file");
            file(z, "src/App.java", "b");
        }), "both a file and a directory");
    }

    @Test
    void zipBombsAreRefusedBeforeAnythingIsWritten() throws IOException {
        // 32 MiB of zeros packs into a few dozen KiB; the limits allow 1 MiB per file and 2 MiB in all
        Path bomb = archive(z -> {
            z.putArchiveEntry(new ZipArchiveEntry("zeros.bin"));
            byte[] mb = new byte[1 << 20];
            for (int i = 0; i < 32; i++) {
                z.write(mb);
            }
            z.closeArchiveEntry();
        });
        assertTrue(Files.size(bomb) < 200_000, "a small archive: " + Files.size(bomb));
        long t0 = System.nanoTime();
        refused(bomb, "unpacks to 33554432 bytes");
        assertTrue(System.nanoTime() - t0 < 2_000_000_000L, "refused fast");
        refused(archive(z -> {
            for (int i = 0; i < 3; i++) {
                z.putArchiveEntry(new ZipArchiveEntry("part" + i));
                z.write(new byte[900_000]);
                z.closeArchiveEntry();
            }
        }), "unpacks to more than 2097152 bytes");
        refused(archive(z -> {
            for (int i = 0; i < 51; i++) {
                file(z, "f" + i, "x");
            }
        }), "more than 50 entries");
        refused(archive(z -> file(z, "a/b/c/d/e/f/g/h/i/j.txt", "deep")), "directories deep");
    }

    @Test
    void anEntryThatInflatesBeyondWhatItDeclaresIsCutOffAndNothingIsLeft() throws IOException {
        byte[] zip = Files.readAllBytes(archive(z -> {
            file(z, "a.txt", "fine");
            z.putArchiveEntry(new ZipArchiveEntry("b.bin"));
            z.write(new byte[500_000]);
            z.closeArchiveEntry();
        }));
        // the central directory now says b.bin unpacks to 10 bytes; its data still inflates to 500,000
        patchCentralDirectorySize(zip, "b.bin", 10);
        String why = refused(Files.write(dir.resolve("liar.zip"), zip), "more than the 10 bytes it declares");
        assertTrue(why.contains("b.bin"), why);
    }

    @Test
    void somethingThatIsNotAZipIsRefused() throws IOException {
        refused(Files.writeString(dir.resolve("x.zip"), "<html>not a zip</html>"), "not a zip archive");
    }

    private String refused(Path archive, String expected) throws IOException {
        Path out = dir.resolve("out-" + System.nanoTime());
        SourceArchive.Refused e = assertThrows(SourceArchive.Refused.class, () -> SourceArchive.extract(archive, out, SMALL));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        try (Stream<Path> left = Files.list(out)) {
            assertEquals(List.of(), left.toList(), "a refused archive leaves nothing behind");
        }
        return e.getMessage();
    }

    interface Writer {
        void write(ZipArchiveOutputStream z) throws IOException;
    }

    private Path archive(Writer w) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream z = new ZipArchiveOutputStream(bytes)) {
            w.write(z);
        }
        return Files.write(dir.resolve("a-" + System.nanoTime() + ".zip"), bytes.toByteArray());
    }

    private static void file(ZipArchiveOutputStream z, String name, String content) throws IOException {
        z.putArchiveEntry(new ZipArchiveEntry(name));
        z.write(content.getBytes(StandardCharsets.UTF_8));
        z.closeArchiveEntry();
    }

    /** Rewrites the uncompressed size the central directory gives {@code name}. */
    private static void patchCentralDirectorySize(byte[] zip, String name, int size) {
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + 46 < zip.length; i++) {
            if (b.getInt(i) == 0x02014b50 && b.getShort(i + 28) == wanted.length
                    && new String(zip, i + 46, wanted.length, StandardCharsets.UTF_8).equals(name)) {
                b.putInt(i + 24, size);
                return;
            }
        }
        throw new AssertionError("no central directory entry " + name);
    }
}
