package com.connectsoft.factory.build.adapter.azure;

import com.connectsoft.factory.platform.files.Directories;
import com.connectsoft.factory.template.domain.RenderedFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * A module's sources as one zip archive: what the factory uploads for a build job, and what the job unpacks. Writing
 * is deterministic (sorted entries, fixed times). Unpacking treats the archive as hostile: every entry is a plain file
 * (no symbolic or hard links, devices or encrypted entries) at a relative path without {@code .}, {@code ..}, empty or
 * absolute parts, named once; entry count, path length and depth, each entry's and the total declared size are bounded
 * before anything is written, and no entry may inflate to more than it declared. A refused archive leaves nothing
 * behind.
 */
public final class SourceArchive {
    /** Bounds on what an archive may unpack to. */
    public record Limits(int maxEntries, long maxEntryBytes, long maxTotalBytes, int maxPathLength, int maxDepth) {
        public static final Limits DEFAULT = new Limits(20_000, 32L << 20, 256L << 20, 400, 32);
    }

    /** The archive cannot be unpacked safely: why, naming the entry. Nothing was left behind. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private static final long FIXED_TIME = 315_532_800_000L; // 1980-01-01, the earliest time a zip entry holds

    private SourceArchive() {
    }

    /** The files as a zip archive, entries sorted by path. */
    public static byte[] write(List<RenderedFile> files) {
        List<RenderedFile> sorted = new ArrayList<>(files);
        sorted.sort(Comparator.comparing(RenderedFile::path));
        Set<String> names = new HashSet<>();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(6);
            for (RenderedFile f : sorted) {
                String problem = pathProblem(f.path(), Limits.DEFAULT);
                if (problem != null || !names.add(f.path())) {
                    throw new IllegalArgumentException("module file '" + f.path() + "' cannot go into a sources archive: "
                            + (problem != null ? problem : "named twice"));
                }
                ZipEntry e = new ZipEntry(f.path());
                e.setTime(FIXED_TIME);
                zip.putNextEntry(e);
                zip.write(f.bytes());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Unpacks {@code archive} into {@code into}, which must not exist or be empty.
     *
     * @return how many files were written
     * @throws Refused when the archive is not a zip archive or an entry breaks a rule (then {@code into} is empty again)
     */
    public static int extract(Path archive, Path into, Limits limits) {
        try {
            Files.createDirectories(into);
            try (var listing = Files.list(into)) {
                if (listing.findAny().isPresent()) {
                    throw new IllegalArgumentException(into + " is not empty");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + into, e);
        }
        Path root = into.toAbsolutePath().normalize();
        try (ZipFile zip = open(archive)) {
            List<ZipArchiveEntry> entries = check(zip, limits);
            long total = 0;
            for (ZipArchiveEntry e : entries) {
                Path target = root.resolve(e.getName()).normalize();
                if (!target.startsWith(root) || target.equals(root)) {
                    throw new Refused("entry '" + printable(e.getName()) + "' lands outside the sources directory");
                }
                Files.createDirectories(target.getParent());
                if (Files.isSymbolicLink(target.getParent()) || !target.getParent().toRealPath().startsWith(root.toRealPath())) {
                    throw new Refused("entry '" + printable(e.getName()) + "' lands outside the sources directory");
                }
                total += copy(zip, e, target, limits.maxTotalBytes() - total);
            }
            return entries.size();
        } catch (IOException | RuntimeException e) {
            try {
                Directories.delete(into, false);
            } catch (IOException ignored) {
                // a build directory of the job's own, emptied by the next attempt
            }
            if (e instanceof Refused r) {
                throw r;
            }
            if (e instanceof IOException io) {
                throw new Refused("the archive could not be read: " + io.getClass().getSimpleName());
            }
            throw (RuntimeException) e;
        }
    }

    private static ZipFile open(Path archive) {
        try {
            return ZipFile.builder().setPath(archive).setUseUnicodeExtraFields(false).get();
        } catch (IOException | RuntimeException e) {
            throw new Refused("it is not a zip archive");
        }
    }

    /** Every rule that needs no bytes unpacked: names, kinds, counts and declared sizes. */
    private static List<ZipArchiveEntry> check(ZipFile zip, Limits limits) {
        List<ZipArchiveEntry> files = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> folded = new HashSet<>();
        Set<String> dirs = new HashSet<>();
        long declared = 0;
        int count = 0;
        for (ZipArchiveEntry e : Collections.list(zip.getEntries())) {
            if (++count > limits.maxEntries()) {
                throw new Refused("it has more than " + limits.maxEntries() + " entries");
            }
            String name = e.getName();
            String at = "entry '" + printable(name) + "'";
            if (e.isUnixSymlink()) {
                throw new Refused(at + " is a symbolic link");
            }
            int mode = e.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX ? e.getUnixMode() : 0;
            int type = mode & 0170000;
            if (type != 0 && type != 0100000 && type != 0040000) {
                throw new Refused(at + " is not a file or a directory (mode " + Integer.toOctalString(mode) + ")");
            }
            if (e.getGeneralPurposeBit().usesEncryption()) {
                throw new Refused(at + " is encrypted");
            }
            if (e.isDirectory()) {
                String dir = name.substring(0, name.length() - 1);
                String problem = pathProblem(dir, limits);
                if (problem != null) {
                    throw new Refused(at + ": " + problem);
                }
                continue;
            }
            String problem = pathProblem(name, limits);
            if (problem != null) {
                throw new Refused(at + ": " + problem);
            }
            if (!zip.canReadEntryData(e)) {
                throw new Refused(at + " uses a compression method that is not read here (only stored and deflated)");
            }
            if (!names.add(name) || !folded.add(name.toLowerCase(Locale.ROOT))) {
                throw new Refused(at + " is named twice (or twice but for case)");
            }
            for (int i = name.indexOf('/'); i >= 0; i = name.indexOf('/', i + 1)) {
                dirs.add(name.substring(0, i));
            }
            long size = e.getSize();
            if (size < 0 || size > limits.maxEntryBytes()) {
                throw new Refused(at + " unpacks to " + (size < 0 ? "an unknown size" : size + " bytes") + "; at most "
                        + limits.maxEntryBytes() + " per file");
            }
            declared += size;
            if (declared > limits.maxTotalBytes()) {
                throw new Refused("it unpacks to more than " + limits.maxTotalBytes() + " bytes");
            }
            files.add(e);
        }
        for (String name : names) {
            if (dirs.contains(name)) {
                throw new Refused("entry '" + printable(name) + "' is both a file and a directory");
            }
        }
        return files;
    }

    /** Copies one entry, refusing it as soon as it inflates beyond what it declared; returns the bytes written. */
    private static long copy(ZipFile zip, ZipArchiveEntry e, Path target, long totalLeft) throws IOException {
        long allowed = Math.min(e.getSize(), totalLeft);
        long written = 0;
        byte[] buffer = new byte[64 << 10];
        try (InputStream in = zip.getInputStream(e);
             OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                written += n;
                if (written > allowed) {
                    throw new Refused("entry '" + printable(e.getName()) + "' unpacks to more than the " + e.getSize() + " bytes it declares");
                }
                out.write(buffer, 0, n);
            }
        }
        return written;
    }

    /** Why a path cannot be a file of a module's sources, or null. */
    static String pathProblem(String path, Limits limits) {
        if (path.isEmpty()) {
            return "the name is empty";
        }
        if (path.length() > limits.maxPathLength()) {
            return "the name is longer than " + limits.maxPathLength() + " characters";
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\' || c == ':') {
                return "the name holds a control character, a backslash or a colon";
            }
        }
        if (path.startsWith("/")) {
            return "the name is an absolute path";
        }
        String[] parts = path.split("/", -1);
        if (parts.length > limits.maxDepth()) {
            return "the name is more than " + limits.maxDepth() + " directories deep";
        }
        for (String p : parts) {
            if (p.isEmpty() || p.equals(".") || p.equals("..")) {
                return "the name has an empty, '.' or '..' part";
            }
        }
        return null;
    }

    private static String printable(String name) {
        String shown = name.length() > 120 ? name.substring(0, 120) + "…" : name;
        StringBuilder b = new StringBuilder();
        shown.codePoints().forEach(c -> b.append(Character.isISOControl(c) ? "?" : new String(Character.toChars(c))));
        return b.toString();
    }
}
