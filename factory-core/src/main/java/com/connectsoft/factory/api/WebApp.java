package com.connectsoft.factory.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * The marketplace web app (marketplace-web/dist, a built single-page app) served next to the API: {@code /api} and
 * everything under it goes to the API; any other GET or HEAD is a file under the app's directory, or its
 * {@code index.html} for a client route (a path outside {@code /assets} whose last segment is not a known file type, so
 * {@code /catalog/ConnectSoft.Template.X} is a route and {@code /robots.txt} a missing file). Nothing outside the directory is
 * ever read: a path with an empty, {@code .}, {@code ..} or hidden segment, a backslash or a colon is refused, and a
 * file is served only when its real path (symbolic links followed) is inside the directory's real path. Every answer
 * carries a content security policy (scripts and styles from the app's own origin only, no framing), nosniff and
 * no-referrer; text is gzipped when the client accepts it.
 */
public final class WebApp implements HttpApi {
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
            + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"), Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"), Map.entry("webmanifest", "application/manifest+json"),
            Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"), Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"),
            Map.entry("ico", "image/x-icon"), Map.entry("woff2", "font/woff2"), Map.entry("woff", "font/woff"),
            Map.entry("txt", "text/plain; charset=utf-8"), Map.entry("map", "application/json"));
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_~@+\\-][A-Za-z0-9_.~@+\\-]{0,199}");
    /** Files larger than this are not the app's (its bundle is well under 1 MiB): refused rather than read into memory. */
    static final long MAX_FILE_BYTES = 8L * 1024 * 1024;

    private final HttpApi api;
    private final Path root;
    private final Map<Path, Gzipped> gzipped = new ConcurrentHashMap<>();

    private record Gzipped(FileTime modified, byte[] bytes) {
    }

    /** @param root the built app's directory; when it has no index.html, pages answer 503 saying how to build it */
    public WebApp(HttpApi api, Path root) {
        this.api = api;
        this.root = root.toAbsolutePath().normalize();
    }

    /** Whether the app is built (its index.html exists). */
    public boolean built() {
        return Files.isRegularFile(root.resolve("index.html"));
    }

    public Path root() {
        return root;
    }

    @Override
    public boolean isWork(String method, String path) {
        return api.isWork(method, path);
    }

    @Override
    public FactoryApi.Response handle(FactoryApi.Request request) {
        String path = request.path();
        if (path.equals("/api") || path.startsWith("/api/")) {
            return api.handle(request);
        }
        FactoryApi.Response answer = page(request);
        return secured(answer);
    }

    private FactoryApi.Response page(FactoryApi.Request request) {
        String method = request.method().toUpperCase(Locale.ROOT);
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return text(405, "the web app answers GET and HEAD only").withHeader("Allow", "GET, HEAD");
        }
        if (!built()) {
            return text(503, "the web app is not built: ./factory serve builds it (npm is needed), or run "
                    + "npm ci && npm run build in marketplace-web");
        }
        Optional<List<String>> segments = segments(request.path());
        if (segments.isEmpty()) {
            return text(404, "not found");
        }
        List<String> parts = segments.get();
        Path file = parts.isEmpty() ? root.resolve("index.html") : root.resolve(String.join("/", parts)).normalize();
        boolean clientRoute = parts.isEmpty() || !parts.get(0).equals("assets") && !TYPES.containsKey(extension(parts.get(parts.size() - 1)));
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && clientRoute) {
            file = root.resolve("index.html");
        }
        Optional<Path> inside = inside(file);
        if (inside.isEmpty()) {
            return text(404, "not found");
        }
        return serve(inside.get(), request, parts.size() > 1 && parts.get(0).equals("assets"));
    }

    /** The path's segments when every one is a plain file name; empty for anything that could leave the directory. */
    static Optional<List<String>> segments(String path) {
        if (!path.startsWith("/") || path.length() > 1024) {
            return Optional.empty();
        }
        String rest = path.substring(1);
        if (rest.isEmpty()) {
            return Optional.of(List.of());
        }
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        List<String> parts = List.of(rest.split("/", -1));
        for (String p : parts) {
            if (!SEGMENT.matcher(p).matches() || p.equals("..") || p.contains("..")) {
                return Optional.empty();
            }
        }
        return Optional.of(parts);
    }

    private Optional<Path> inside(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            Path real = file.toRealPath();
            return real.startsWith(root.toRealPath()) ? Optional.of(real) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private FactoryApi.Response serve(Path file, FactoryApi.Request request, boolean hashed) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                return text(404, "not found");
            }
            String type = TYPES.getOrDefault(extension(file.getFileName().toString()), "application/octet-stream");
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", type);
            headers.put("Cache-Control", hashed ? "public, max-age=31536000, immutable" : "no-cache");
            headers.put("Vary", "Accept-Encoding");
            byte[] body;
            if (compressible(type) && acceptsGzip(request)) {
                body = gzip(file);
                headers.put("Content-Encoding", "gzip");
            } else {
                body = Files.readAllBytes(file);
            }
            return new FactoryApi.Response(200, headers, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String extension(String name) {
        return name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
    }

    private static boolean compressible(String type) {
        return type.startsWith("text/") || type.startsWith("application/json") || type.equals("image/svg+xml")
                || type.equals("application/manifest+json");
    }

    private static boolean acceptsGzip(FactoryApi.Request request) {
        return request.header("Accept-Encoding").map(v -> v.toLowerCase(Locale.ROOT)).map(v -> List.of(v.split(",")).stream()
                .map(String::trim).anyMatch(e -> e.equals("gzip") || e.startsWith("gzip;") && !e.replace(" ", "").equals("gzip;q=0")))
                .orElse(false);
    }

    private byte[] gzip(Path file) throws IOException {
        FileTime modified = Files.getLastModifiedTime(file);
        Gzipped cached = gzipped.get(file);
        if (cached != null && cached.modified().equals(modified)) {
            return cached.bytes();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(Files.readAllBytes(file));
        }
        byte[] bytes = out.toByteArray();
        gzipped.put(file, new Gzipped(modified, bytes));
        return bytes;
    }

    private static FactoryApi.Response text(int status, String message) {
        return new FactoryApi.Response(status, Map.of("Content-Type", "text/plain; charset=utf-8"), (message + "\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    private static FactoryApi.Response secured(FactoryApi.Response r) {
        return r.withHeader("Content-Security-Policy", CSP).withHeader("X-Content-Type-Options", "nosniff")
                .withHeader("Referrer-Policy", "no-referrer").withHeader("X-Frame-Options", "DENY");
    }
}
