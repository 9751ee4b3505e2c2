package dev.dbguard.core.postgres;

import java.io.File;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The JVM shutdown hook of an embedded server: stops its postmaster and removes its directory when the build
 * ends without closing it (a build that failed between {@code start} and {@code stop}, Ctrl-C). It uses JDK
 * classes only, and only ones already loaded: by the time shutdown hooks run, Maven has closed the plugin's
 * class realm, and any db-guard or library class not loaded before can no longer be loaded.
 */
final class ExitStop extends Thread {

    private static final long TERM_MILLIS = 15_000;
    private static final long KILL_MILLIS = 5_000;

    private final AtomicBoolean closed;
    private final ProcessHandle postmaster;
    private final File directory;

    ExitStop(AtomicBoolean closed, ProcessHandle postmaster, File directory) {
        super("db-guard-postgres-shutdown");
        this.closed = closed;
        this.postmaster = postmaster;
        this.directory = directory;
    }

    @Override
    public void run() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (postmaster != null && postmaster.isAlive()) {
                postmaster.destroy(); // SIGTERM: PostgreSQL's smart shutdown; the build's connections are gone
                if (!waitForExit(TERM_MILLIS)) {
                    postmaster.destroyForcibly();
                    waitForExit(KILL_MILLIS);
                }
            }
            delete(directory);
            // the instances root, then db-guard's folder, once empty (File.delete removes only empty directories)
            File root = directory.getParentFile();
            if (root != null && root.delete() && root.getParentFile() != null
                    && root.getParentFile().getName().equals(InstanceDirectory.PARENT_NAME)) {
                root.getParentFile().delete();
            }
        } catch (Throwable e) {
            // nothing more can be done at exit: the next db-guard run on this machine reaps the instance
            System.err.println("db-guard: could not stop the embedded PostgreSQL in " + directory + " at exit ("
                    + e + "); the next db-guard run on this machine stops and removes it");
        }
    }

    private boolean waitForExit(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (postmaster.isAlive() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        return !postmaster.isAlive();
    }

    private static void delete(File file) {
        File[] children = file.listFiles();
        if (children != null) {
            for (File child : children) {
                delete(child);
            }
        }
        file.delete();
    }
}
