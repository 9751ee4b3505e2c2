package dev.dbguard.core.postgres;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Copies and moves a stopped server's data directory. PostgreSQL refuses a data directory that others may read,
 * so folders are copied with their permissions, as files are.
 */
public final class DataDirectories {

    private DataDirectories() {
    }

    /** Copies the tree {@code from} to {@code to}, which does not exist yet, with every file's and folder's permissions. */
    public static void copy(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.copy(dir, to.resolve(from.relativize(dir).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Moves {@code from} to {@code to} (which does not exist yet) in one step when both are on one file system, else
     * copies it and removes the original.
     */
    public static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            return;
        } catch (AtomicMoveNotSupportedException | java.nio.file.DirectoryNotEmptyException e) {
            // another file system: copied below
        }
        try {
            copy(from, to);
        } catch (IOException e) {
            delete(to);
            throw e;
        }
        delete(from);
    }

    /**
     * Removes a tree.
     *
     * @throws java.io.UncheckedIOException when part of it cannot be removed
     */
    public static void delete(Path dir) {
        InstanceDirectory.deleteTree(dir);
    }
}
