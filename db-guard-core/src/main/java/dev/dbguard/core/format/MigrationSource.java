package dev.dbguard.core.format;

import dev.dbguard.core.api.Finding;
import dev.dbguard.core.api.GuardConfig;
import dev.dbguard.core.api.RunListener;
import dev.dbguard.core.journal.AppliedScript;
import dev.dbguard.core.postgres.ThrowawayPostgres;
import dev.dbguard.core.api.AppliedMigration;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;

/**
 * The project's migrations in one format, applied the way that format's tool applies them, with every statement
 * tagged for the DDL journal ({@code DdlJournal}) so findings point at a file and line.
 */
public interface MigrationSource {

    /** The format this source applies, for progress messages. */
    String describe();

    /**
     * Applies every migration to the throwaway database. The journal is installed; {@code admin} is a superuser
     * connection the source may apply on or not (a tool may open its own).
     *
     * @throws dev.dbguard.core.migration.MigrationException when a migration is rejected, naming file and line
     */
    Applied apply(ThrowawayPostgres database, Connection admin, RunListener listener);

    /**
     * Whether {@link #applyAfter} can continue from a database that already holds the first of these migrations: the
     * scripts are known before the server starts ({@link #readAhead}) and db-guard applies them one after the other,
     * with no tool's bookkeeping in the database.
     */
    default boolean resumable() {
        return false;
    }

    /**
     * Whether a run that applied {@code scripts} may keep its database for a later run to continue
     * ({@link #applyAfter}): the format {@link #resumable() continues}, and nothing among them would run again.
     */
    default boolean keepable(List<AppliedScript> scripts) {
        return resumable();
    }

    /**
     * As {@link #apply}, for a database that holds the first migrations already, applied by an earlier run with the
     * journal installed: applies the rest. {@code kept} is what that run applied: the report's view of each
     * migration, and, for a format that does not {@link #readAhead read ahead}, the units and texts. Only when
     * {@link #resumable()}.
     *
     * @throws CannotContinue when the migrations do not continue the kept ones (the format's tool orders them
     *                        otherwise); the run then starts over from an empty server
     */
    default Applied applyAfter(ThrowawayPostgres database, Connection admin, RunListener listener, Applied kept) {
        throw new UnsupportedOperationException(describe() + " cannot continue from applied migrations");
    }

    /** A kept migrated state that this run's migrations do not continue; says why. */
    final class CannotContinue extends RuntimeException {
        public CannotContinue(String why) {
            super(why, null, false, false);
        }
    }

    /**
     * What was applied: each unit (a script, a Flyway migration, a Liquibase changeset) with its statements and
     * their lines, the text the lines refer to (comments such as suppressions are read from it; lines of other
     * units blanked), and the report's view of each.
     */
    record Applied(List<AppliedScript> scripts, List<String> texts, List<AppliedMigration> migrations) {
        public Applied {
            scripts = List.copyOf(scripts);
            texts = List.copyOf(texts);
            migrations = List.copyOf(migrations);
        }
    }

    /**
     * The scripts and their texts as far as they are known before a server starts (plain SQL: all of them), so that
     * what is wrong in them (a suppression without a reason) fails in milliseconds; empty when the format's tool
     * reads them only while it applies them.
     */
    default Optional<Applied> readAhead() {
        return Optional.empty();
    }

    /**
     * Why the data rehearsal cannot replay these migrations, else empty. The rehearsal replays the SQL each
     * migration executed; work that is not SQL (a Flyway Java migration) cannot be replayed, and without it the
     * later migrations would not apply.
     */
    default Optional<String> rehearsalBlocker(List<AppliedScript> scripts) {
        return Optional.empty();
    }

    /**
     * The findings as this format names their place: unchanged, or, for Liquibase, with the changeset that holds
     * the line.
     */
    default List<Finding> locate(List<Finding> findings, List<AppliedScript> scripts) {
        return findings;
    }

    /** The source for the configured format; {@code auto} chosen as documented on {@link MigrationSources}. */
    static MigrationSource of(GuardConfig config, RunListener listener) {
        return MigrationSources.select(config, listener);
    }
}
