package com.connectsoft.factory.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The built web app ({@code marketplace-web/dist}, written by {@code npm run build}) as the stack uploads it: every regular
 * file with its blob name and content type, except the {@value #CONFIG_FILE} the build carries for local serving (the
 * stack writes its own). Bounded: at most {@value #MAX_FILES} files and {@value #MAX_BYTES} bytes, no symbolic links,
 * blob names of plain characters only, an {@code index.html} at the top.
 *
 * @param root  the directory
 * @param files what is uploaded, sorted by name
 */
record WebDist(Path root, List<WebFile> files) {
    static final String INDEX = "index.html";
    static final String CONFIG_FILE = "config.json";
    static final int MAX_FILES = 500;
    static final long MAX_BYTES = 50L * 1024 * 1024;
    static final String BUILD_HINT = "build it first: cd marketplace-web && npm ci && npm run build";
    private static final String OCTET_STREAM = "application/octet-stream";
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"), Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"), Map.entry("map", "application/json"),
            Map.entry("webmanifest", "application/manifest+json"), Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"), Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"),
            Map.entry("avif", "image/avif"), Map.entry("ico", "image/x-icon"), Map.entry("woff", "font/woff"),
            Map.entry("woff2", "font/woff2"), Map.entry("wasm", "application/wasm"));

    /** One file: its blob name (the path under the root, with {@code /}), where it is, and its Content-Type. */
    record WebFile(String name, Path path, String contentType) {
    }

    WebDist {
        files = List.copyOf(files);
    }

    /**
     * The build in {@code dir}, or empty when there is no such directory (nothing is uploaded then). A directory that is
     * not a usable build is refused with what is wrong and how to fix it.
     */
    static Optional<WebDist> scan(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(dir.resolve(INDEX), LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("the web app build " + dir + " has no " + INDEX + ": " + BUILD_HINT);
        }
        List<WebFile> files = new ArrayList<>();
        long bytes = 0;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
                if (p.equals(dir) || Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                String name = dir.relativize(p).toString().replace('\\', '/');
                if (Files.isSymbolicLink(p) || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    throw new IllegalArgumentException("the web app build " + dir + " holds " + name + ", which is not a regular file "
                            + "(a symbolic link?): " + BUILD_HINT);
                }
                if (!name.matches("[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*")) {
                    throw new IllegalArgumentException("the web app build " + dir + " holds '" + name + "': only letters, digits, '.', '_'"
                            + " and '-' (not leading '.') make a blob name here; rename it in marketplace-web and build again");
                }
                if (name.equals(CONFIG_FILE)) {
                    continue; // the local build's own; the stack writes the deployment's
                }
                if (files.size() == MAX_FILES) {
                    throw new IllegalArgumentException("the web app build " + dir + " has more than " + MAX_FILES + " files: is it the "
                            + "right directory? (connectsoft-factory:webDist)");
                }
                bytes += Files.size(p);
                if (bytes > MAX_BYTES) {
                    throw new IllegalArgumentException("the web app build " + dir + " is larger than " + MAX_BYTES / (1024 * 1024)
                            + " MiB: is it the right directory? (connectsoft-factory:webDist)");
                }
                files.add(new WebFile(name, p, contentType(name)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the web app build " + dir, e);
        }
        return Optional.of(new WebDist(dir, files));
    }

    /** The Content-Type a file is served with, by its extension; unknown ones are downloads, never sniffed as HTML. */
    static String contentType(String name) {
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 || dot < name.lastIndexOf('/') ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(ext, OCTET_STREAM);
    }

    /** The top-level files served as they are (the uploaded ones and the stack's config.json): every other path is a client route. */
    List<String> topLevelFiles() {
        TreeSet<String> names = new TreeSet<>(List.of(INDEX, CONFIG_FILE));
        files.stream().map(WebFile::name).filter(n -> !n.contains("/")).forEach(names::add);
        return List.copyOf(names);
    }

    /** The top-level directories ({@code assets/}, ...), each with its trailing slash. */
    List<String> topLevelDirectories() {
        return files.stream().map(WebFile::name).filter(n -> n.contains("/")).map(n -> n.substring(0, n.indexOf('/') + 1))
                .distinct().sorted().toList();
    }
}
