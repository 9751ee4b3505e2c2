package dev.dbguard.core.rehearsal;

import dev.dbguard.core.api.GuardConfig;
import dev.dbguard.core.api.RunListener;
import dev.dbguard.core.catalog.CatalogSnapshot;
import dev.dbguard.core.history.SchemaHistory;
import dev.dbguard.core.journal.AppliedScript;
import dev.dbguard.core.migration.SqlStatement;
import dev.dbguard.core.migration.StatementText;
import dev.dbguard.core.postgres.ThrowawayPostgres;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;

/**
 * The data rehearsal started with the main run instead of after it, in its sibling database on a second connection,
 * when nothing in the migrations can make one database depend on the other. Plain SQL scripts only: they are read
 * before the server starts, while Flyway and Liquibase give their statements as they apply them.
 *
 * <p>The two databases share the server's roles, tablespaces and settings. The rehearsal skips role statements
 * because the main run already made them; running ahead of the main run it would miss them, and a role made inside
 * a function or {@code DO} block would be made twice. So any mention of a server-wide object in any statement
 * ({@link #SERVER_WIDE}, a word such as {@code ROLE} or {@code USER}, also inside a function body or as a column
 * name), or a role membership granted, keeps the rehearsal after the main run, as before. Its verdict does not change with the start: a failure
 * with rows is judged with the main run's final catalogue and history, which it waits for then.
 */
public final class EarlyRehearsal {

    /** Words that name or change server-wide state. */
    private static final Pattern SERVER_WIDE = Pattern.compile(
            "(?i)(?<![\\w$])(?:ROLE|USER|GROUP|AUTHORIZATION|TABLESPACE|DATABASE|SYSTEM|SUBSCRIPTION|PUBLICATION)(?![\\w$])");

    private final CompletableFuture<CatalogSnapshot> finalSchema = new CompletableFuture<>();
    private final CompletableFuture<SchemaHistory> history = new CompletableFuture<>();
    private final Relay lines = new Relay();
    private final BackgroundRehearsal background;

    private EarlyRehearsal(GuardConfig config, List<AppliedScript> scripts, ThrowawayPostgres main,
                           java.util.function.UnaryOperator<Rehearsal> prepare) {
        Rehearsal rehearsal = prepare.apply(new Rehearsal(config, scripts, () -> await(finalSchema),
                () -> await(history), lines, null));
        background = BackgroundRehearsal.start(() -> rehearsal.run(main));
    }

    /** Whether no statement of {@code scripts} names anything the two databases share. */
    public static boolean independent(List<AppliedScript> scripts) {
        for (AppliedScript script : scripts) {
            for (SqlStatement statement : script.statements()) {
                if (SERVER_WIDE.matcher(statement.sql()).find() || StatementText.changesRoles(statement.sql())) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Starts the rehearsal of {@code scripts} now, in a sibling of {@code main}, prepared by {@code prepare} first (to
     * {@link Rehearsal#resumeFrom continue} an earlier one, or {@link Rehearsal#keepDatabase keep} its database). Call
     * only with a configuration without {@code migrationRole} and scripts that are {@link #independent}.
     */
    public static EarlyRehearsal start(GuardConfig config, List<AppliedScript> scripts, ThrowawayPostgres main,
                                       java.util.function.UnaryOperator<Rehearsal> prepare) {
        if (config.migrationRole() != null || !independent(scripts)) {
            throw new IllegalArgumentException("the rehearsal of these migrations cannot start before the main run");
        }
        return new EarlyRehearsal(config, scripts, main, prepare);
    }

    /**
     * The main run applied every migration: hands the rehearsal its final catalogue and history, says on
     * {@code listener} what the rehearsal said so far and from now on what it says.
     */
    public BackgroundRehearsal mainApplied(CatalogSnapshot schema, SchemaHistory migrations, RunListener listener) {
        finalSchema.complete(schema);
        history.complete(migrations);
        lines.release(listener);
        return background;
    }

    /** The main run failed: the rehearsal stops after its current migration (or when it would need the main run), and is waited for. */
    public void abandon() {
        CancellationException failed = new CancellationException("the main run failed");
        finalSchema.completeExceptionally(failed);
        history.completeExceptionally(failed);
        background.stop(); // the main run's failure is the one reported
    }

    private static <T> T await(CompletableFuture<T> value) {
        try {
            return value.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the main run", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the main run failed", e.getCause());
        }
    }

    /** Holds what the rehearsal says until the main run's lines are out, then passes it on as it comes. */
    private static final class Relay implements RunListener {
        private final List<String[]> held = new ArrayList<>();
        private RunListener target;

        @Override
        public synchronized void progress(String message) {
            if (target != null) {
                target.progress(message);
            } else {
                held.add(new String[] {"progress", message});
            }
        }

        @Override
        public synchronized void warning(String message) {
            if (target != null) {
                target.warning(message);
            } else {
                held.add(new String[] {"warning", message});
            }
        }

        synchronized void release(RunListener listener) {
            for (String[] line : held) {
                if (line[0].equals("warning")) {
                    listener.warning(line[1]);
                } else {
                    listener.progress(line[1]);
                }
            }
            held.clear();
            target = listener;
        }
    }
}
