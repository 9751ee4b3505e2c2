package dev.dbguard.core.rehearsal;

import dev.dbguard.core.api.RunListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * The data rehearsal on a thread of its own, so its sibling database is migrated while the main thread runs the
 * isolation probe on the main database: two connections, two PostgreSQL backends, two cores. The outcome is the one
 * the rehearsal gives when it runs alone (it reads nothing the probe writes: another database, and the probe's role
 * owns nothing there).
 *
 * <p>What the main thread says meanwhile is held in a {@link Held} listener and said after the rehearsal's own
 * lines, so the console reads in the same order as when the two ran one after the other.
 */
public final class BackgroundRehearsal {

    private final FutureTask<RehearsalOutcome> task;
    private final Thread thread;

    private BackgroundRehearsal(Supplier<RehearsalOutcome> rehearsal) {
        this.task = new FutureTask<>(rehearsal::get);
        thread = new Thread(task, "db-guard-rehearsal");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts {@code rehearsal} now, on its own thread. */
    public static BackgroundRehearsal start(Supplier<RehearsalOutcome> rehearsal) {
        return new BackgroundRehearsal(rehearsal);
    }

    /**
     * Waits for the outcome; an exception of the rehearsal is thrown here, on the caller's thread. Call it also when
     * the caller fails (in a {@code finally}), so the database is not closed under a running rehearsal.
     */
    public RehearsalOutcome join() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the database must outlive the rehearsal: keep waiting
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (CancellationException e) {
            throw new IllegalStateException("the data rehearsal was cancelled", e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Asks the rehearsal to stop after the migration it is at, and waits until it has; its outcome is dropped. */
    void stop() {
        thread.interrupt();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Progress and warnings kept in order, to be said later. */
    public static final class Held implements RunListener {
        private record Line(boolean warning, String text) {
        }

        private final List<Line> lines = new ArrayList<>();

        @Override
        public synchronized void progress(String message) {
            lines.add(new Line(false, message));
        }

        @Override
        public synchronized void warning(String message) {
            lines.add(new Line(true, message));
        }

        /** Says every held line to {@code listener}, in order, and forgets them. */
        public synchronized void sayTo(RunListener listener) {
            for (Line line : lines) {
                if (line.warning()) {
                    listener.warning(line.text());
                } else {
                    listener.progress(line.text());
                }
            }
            lines.clear();
        }
    }
}
