package dev.dbguard.core.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/**
 * The files of one embedded PostgreSQL db-guard started: {@code <root>/<id>/} with {@code data/} and an
 * {@code owner.properties} naming the JVM that owns it. A build that was killed leaves such a directory
 * behind with a running server; {@link #reapAbandoned} finds those (owner JVM gone), stops their server and
 * removes them, while directories of live builds (parallel builds) are left alone.
 */
final class InstanceDirectory {

    private static final String OWNER_FILE = "owner.properties";

    private final Path dir;

    private InstanceDirectory(Path dir) {
        this.dir = dir;
    }

    static Path defaultRoot() {
        return Path.of(System.getProperty("java.io.tmpdir"), PARENT_NAME, "instances");
    }

    /** Creates a fresh instance directory owned by this JVM. */
    static InstanceDirectory create(Path root) throws IOException {
        Path dir;
        for (int attempt = 1; ; attempt++) {
            Files.createDirectories(root);
            try {
                dir = Files.createDirectory(root.resolve("pg-" + UUID.randomUUID()));
                break;
            } catch (NoSuchFileException e) {
                // a parallel build removed the empty root in between (pruneEmpty); create it again
                if (attempt == 3) {
                    throw e;
                }
            }
        }
        Properties owner = new Properties();
        ProcessHandle self = ProcessHandle.current();
        owner.setProperty("pid", Long.toString(self.pid()));
        self.info().startInstant().ifPresent(start -> owner.setProperty("started", start.toString()));
        // written aside and moved in whole: a build reaping at this moment reads the complete file or none
        Path written = dir.resolve(OWNER_FILE + ".new");
        try (OutputStream out = Files.newOutputStream(written)) {
            owner.store(out, "db-guard embedded PostgreSQL owned by this JVM");
        }
        Files.move(written, dir.resolve(OWNER_FILE), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return new InstanceDirectory(dir);
    }

    Path path() {
        return dir;
    }

    Path dataDirectory() {
        return dir.resolve("data");
    }

    Path logFile() {
        return dir.resolve("postgres.log");
    }

    /** Removes this instance's files, and the instances root and its {@code db-guard} folder once they are empty. */
    void delete() {
        deleteTree(dir);
        pruneEmpty(dir.getParent());
    }

    /**
     * Removes {@code root} when it is empty, and then its parent when that is an empty {@code db-guard} folder: a
     * run leaves nothing in the temp folder but the reusable PostgreSQL binaries. A directory that another build
     * is using is not empty and stays.
     */
    static void pruneEmpty(Path root) {
        if (root == null) {
            return;
        }
        if (deleteIfEmpty(root) && root.getParent() != null
                && root.getParent().getFileName() != null
                && root.getParent().getFileName().toString().equals(PARENT_NAME)) {
            deleteIfEmpty(root.getParent());
        }
    }

    /** The folder under the temp folder that holds db-guard's instances. */
    static final String PARENT_NAME = "db-guard";

    private static boolean deleteIfEmpty(Path dir) {
        try {
            Files.deleteIfExists(dir);
            return true;
        } catch (IOException e) {
            // not empty (another build's instance), or not ours to remove: it stays
            return false;
        }
    }

    /**
     * Stops and removes every instance under {@code root} whose owner JVM is no longer running.
     *
     * @return the directories that were reaped
     */
    static List<Path> reapAbandoned(Path root) {
        List<Path> reaped = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return reaped;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, "pg-*")) {
            for (Path dir : entries) {
                if (!ownerAlive(dir)) {
                    stopServer(dir.resolve("data"));
                    deleteTree(dir);
                    reaped.add(dir);
                }
            }
        } catch (IOException e) {
            // another build may be reaping the same directory at the same moment; nothing to do
        }
        if (!reaped.isEmpty()) {
            pruneEmpty(root);
        }
        return reaped;
    }

    private static boolean ownerAlive(Path dir) {
        Properties owner = new Properties();
        Path file = dir.resolve(OWNER_FILE);
        try (InputStream in = Files.newInputStream(file)) {
            owner.load(in);
        } catch (IOException e) {
            // being created right now by another build, or broken: judge by age
            return beingCreated(dir);
        }
        long pid;
        try {
            pid = Long.parseLong(owner.getProperty("pid", ""));
        } catch (NumberFormatException e) {
            return beingCreated(dir); // unreadable: judged by age, as a missing file
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return false;
        }
        String started = owner.getProperty("started");
        Optional<Instant> actualStart = process.get().info().startInstant();
        // a recycled pid belongs to another process: compare start times when both are known
        return started == null || actualStart.isEmpty() || actualStart.get().toString().equals(started);
    }

    /** Younger than a minute: another build may be writing its owner file right now. */
    private static boolean beingCreated(Path dir) {
        return ageOf(dir).compareTo(Duration.ofMinutes(1)) < 0;
    }

    private static Duration ageOf(Path dir) {
        try {
            return Duration.between(Files.getLastModifiedTime(dir).toInstant(), Instant.now());
        } catch (IOException e) {
            return Duration.ZERO;
        }
    }

    /** Stops the postmaster recorded in {@code postmaster.pid}, if it is still a running postgres. */
    private static void stopServer(Path dataDir) {
        postmaster(dataDir).ifPresent(process -> {
            process.destroy(); // SIGTERM: PostgreSQL's smart shutdown; its clients died with the owner JVM
            awaitExit(process);
        });
    }

    /** The running postmaster of a data directory, from its {@code postmaster.pid}, when it is a live postgres. */
    static Optional<ProcessHandle> postmaster(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        long pid;
        try {
            List<String> lines = Files.readAllLines(pidFile);
            pid = Long.parseLong(lines.get(0).trim());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                // a recycled pid belongs to an unrelated process: leave it alone
                .filter(process -> process.info().command().orElse("").contains("postgres"));
    }

    /** Waits for a postmaster to exit: 15 s as it is, then SIGKILL and 5 s more. */
    static void awaitExit(ProcessHandle process) {
        if (!waitForExit(process, 15_000)) {
            process.destroyForcibly();
            waitForExit(process, 5_000);
        }
    }

    private static boolean waitForExit(ProcessHandle process, long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < deadline) {
            if (exited(process)) {
                return true;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return exited(process);
            }
        }
        return exited(process);
    }

    /** Gone, or a zombie no one has reaped yet (a daemonized postmaster's parent is init): it runs no more. */
    private static boolean exited(ProcessHandle process) {
        if (!process.isAlive()) {
            return true;
        }
        Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
        try {
            String text = Files.readString(stat);
            int end = text.lastIndexOf(')');
            return end > 0 && end + 2 < text.length() && text.charAt(end + 2) == 'Z';
        } catch (IOException e) {
            return !Files.exists(stat) && !process.isAlive();
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove " + dir, e);
        }
    }
}
