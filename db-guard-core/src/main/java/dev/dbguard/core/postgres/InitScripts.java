package dev.dbguard.core.postgres;

import dev.dbguard.core.api.DbGuardException;
import dev.dbguard.core.api.RunListener;
import dev.dbguard.core.migration.Migration;
import dev.dbguard.core.migration.MigrationRunner;
import dev.dbguard.core.migration.SqlScriptReader;
import dev.dbguard.core.migration.StatementListener;
import dev.dbguard.core.migration.StatementText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Files run on a freshly provisioned database before the migrations, as its admin: what the production
 * database has before the first migration (extensions, roles the platform provides, a schema owned by
 * another team). They run before the DDL journal is installed, so nothing they do is judged.
 */
final class InitScripts {

    private InitScripts() {
    }

    /** Fails fast, before any server starts, when a script is missing. */
    static void requireReadable(List<Path> scripts) {
        for (Path script : scripts) {
            if (!Files.isRegularFile(script) || !Files.isReadable(script)) {
                throw new DbGuardException("initScripts: " + script + " is not a readable file: correct the path "
                        + "or remove it from initScripts");
            }
        }
    }

    /** Runs each script statement by statement, like a migration; a rejected statement names file and line. */
    static void run(ThrowawayPostgres database, List<Path> scripts, RunListener listener) {
        run(database, scripts, listener, StatementListener.NONE);
    }

    private static void run(ThrowawayPostgres database, List<Path> scripts, RunListener listener,
                            StatementListener statements) {
        if (scripts.isEmpty()) {
            return;
        }
        try (Connection admin = database.connectAsAdmin()) {
            MigrationRunner runner = new MigrationRunner(admin);
            for (Path script : scripts) {
                Path absolute = script.toAbsolutePath().normalize();
                Migration migration = new Migration(absolute.getParent(), absolute, "init script " + absolute.getFileName(),
                        null, absolute.getFileName().toString(), Migration.Kind.PLAIN);
                listener.progress("running init script " + absolute.getFileName());
                runner.apply(migration, SqlScriptReader.read(migration, listener), statements);
            }
        } catch (SQLException e) {
            throw new DbGuardException("cannot connect to run the init scripts: " + e.getMessage());
        }
    }

    /**
     * A database whose init scripts have run; its siblings (the data rehearsal's database) get them too, so the
     * migrations find there what production has before the first migration. Roles are the server's: statements that
     * create, alter or drop one, or grant a membership, ran once already and are left out on a sibling.
     */
    static final class Initialised extends ForwardingPostgres {
        private final List<Path> scripts;
        private final RunListener listener;

        Initialised(ThrowawayPostgres database, List<Path> scripts, RunListener listener) {
            super(database);
            this.scripts = List.copyOf(scripts);
            this.listener = listener;
        }

        @Override
        public ThrowawayPostgres sibling() {
            ThrowawayPostgres sibling = database().sibling();
            try {
                run(sibling, scripts, listener, StatementText.SKIP_ROLE_STATEMENTS);
                return sibling;
            } catch (RuntimeException e) {
                sibling.close();
                throw e;
            }
        }
    }
}
