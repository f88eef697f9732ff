package com.connectsoft.factory.platform.files;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.LinkOption;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/** Directory housekeeping that never follows symbolic links (a link is removed, not what it points to). */
public final class Directories {
    private Directories() {
    }

    /** Deletes everything inside {@code dir}, and {@code dir} itself when {@code includingDir}. */
    public static void delete(Path dir, boolean includingDir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                if (includingDir || !d.equals(dir)) {
                    Files.delete(d);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Copies the directories and regular files under {@code from} into {@code to} (created when missing; files there are
     * replaced). Symbolic links and other special files are skipped, never followed: {@code from} may be untrusted.
     */
    public static void copy(Path from, Path to) throws IOException {
        copy(from, to, d -> true);
    }

    /** As {@link #copy(Path, Path)}, leaving out every directory below {@code from} that {@code keep} refuses, with its contents. */
    public static void copy(Path from, Path to, java.util.function.Predicate<Path> keep) throws IOException {
        Files.createDirectories(to);
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                if (!d.equals(from) && !keep.test(d)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(d).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    Files.copy(f, to.resolve(from.relativize(f).toString()), StandardCopyOption.REPLACE_EXISTING,
                            LinkOption.NOFOLLOW_LINKS);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
