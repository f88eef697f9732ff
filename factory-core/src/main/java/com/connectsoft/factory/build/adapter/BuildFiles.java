package com.connectsoft.factory.build.adapter;

import com.connectsoft.factory.platform.files.Directories;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The build directory and log handling the build runners (Maven, npm) share. */
final class BuildFiles {
    /** How much of a log's end is read for its diagnosis and tail. */
    static final long MAX_LOG_READ = 2L << 20;

    private BuildFiles() {
    }

    /** Empties {@code dir} (never following links) and creates it again. */
    static void reset(Path dir) {
        try {
            Directories.delete(dir, true);
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the build directory " + dir, e);
        }
    }

    static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The last 2 MiB of a log, as lines (a line cut by that limit is dropped). */
    static List<String> tailOf(Path log) {
        if (!Files.isRegularFile(log)) {
            return List.of();
        }
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long from = Math.max(0, f.length() - MAX_LOG_READ);
            byte[] bytes = new byte[(int) (f.length() - from)];
            f.seek(from);
            f.readFully(bytes);
            List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            return from > 0 && !lines.isEmpty() ? lines.subList(1, lines.size()) : lines;
        } catch (IOException e) {
            return List.of("(build log unreadable: " + e.getMessage() + ")");
        }
    }
}
