package dev.dbguard.core.format;

import dev.dbguard.core.api.DbGuardException;
import dev.dbguard.core.api.RunListener;
import dev.dbguard.core.journal.AppliedScript;
import dev.dbguard.core.journal.DdlJournal;
import dev.dbguard.core.migration.Migration;
import dev.dbguard.core.migration.MigrationDiscovery;
import dev.dbguard.core.migration.MigrationRunner;
import dev.dbguard.core.migration.SqlScriptReader;
import dev.dbguard.core.migration.SqlStatement;
import dev.dbguard.core.postgres.ThrowawayPostgres;
import dev.dbguard.core.api.AppliedMigration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code .sql} files db-guard applies itself ({@link MigrationDiscovery} order, {@link MigrationRunner} statement
 * by statement). Every script is read when the source is made, before any server starts, so an unreadable file
 * or psql-only syntax fails in milliseconds.
 */
public final class PlainMigrationSource implements MigrationSource {

    private final List<AppliedScript> scripts = new ArrayList<>();
    private final List<String> texts = new ArrayList<>();

    public PlainMigrationSource(List<Path> locations, RunListener listener) {
        for (Migration migration : MigrationDiscovery.discover(locations, listener)) {
            scripts.add(new AppliedScript(scripts.size(), migration, SqlScriptReader.read(migration, listener)));
            texts.add(text(migration));
        }
    }

    @Override
    public String describe() {
        return "plain SQL";
    }

    @Override
    public Optional<Applied> readAhead() {
        return Optional.of(new Applied(scripts, texts, List.of()));
    }

    /** The scripts as read, before anything is applied. */
    public List<AppliedScript> scripts() {
        return List.copyOf(scripts);
    }

    /** Their texts, in the same order. */
    public List<String> texts() {
        return List.copyOf(texts);
    }

    @Override
    public Applied apply(ThrowawayPostgres database, Connection admin, RunListener listener) {
        return applyAfter(database, admin, listener, new Applied(List.of(), List.of(), List.of()));
    }

    @Override
    public boolean resumable() {
        return true;
    }

    @Override
    public Applied applyAfter(ThrowawayPostgres database, Connection admin, RunListener listener, Applied kept) {
        int applied = kept.migrations().size();
        if (applied > scripts.size()) {
            throw new IllegalArgumentException(applied + " migrations applied, " + scripts.size() + " in all");
        }
        MigrationRunner runner = new MigrationRunner(admin);
        List<AppliedMigration> migrations = new ArrayList<>(kept.migrations());
        for (AppliedScript script : scripts.subList(applied, scripts.size())) {
            List<SqlStatement> statements = script.statements();
            listener.progress("applying " + script.migration().file() + " (" + statements.size()
                    + (statements.size() == 1 ? " statement)" : " statements)"));
            migrations.add(runner.apply(script.migration(), statements, DdlJournal.tagging(script.index())));
            try {
                resetSession(admin);
            } catch (SQLException e) {
                throw new DbGuardException("db-guard lost its connection to the throwaway PostgreSQL: "
                        + e.getMessage(), e);
            }
        }
        return new Applied(scripts, texts, migrations);
    }

    /** The script's text; SqlScriptReader has already checked that it is readable UTF-8. */
    private static String text(Migration migration) {
        try {
            return Files.readString(migration.path(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DbGuardException(migration.file() + ": cannot read it again: " + e.getMessage(), e);
        }
    }

    /** What one migration set for its session (a role, a search_path) must not leak into the next. */
    static void resetSession(Connection admin) throws SQLException {
        try (Statement s = admin.createStatement()) {
            s.execute("RESET SESSION AUTHORIZATION; RESET ROLE; RESET search_path");
        }
    }
}
