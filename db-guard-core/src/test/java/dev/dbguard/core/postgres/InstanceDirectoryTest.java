package dev.dbguard.core.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reaping removes the instances of builds that are gone, never one another build is creating or running. */
class InstanceDirectoryTest {

    @Test
    void anInstanceWhoseOwnerFileIsBeingWrittenIsLeftAlone(@TempDir Path root) throws Exception {
        Path young = Files.createDirectory(root.resolve("pg-young"));
        Files.writeString(young.resolve("owner.properties"), ""); // created, not yet written

        assertThat(InstanceDirectory.reapAbandoned(root)).isEmpty();
        assertThat(young).isDirectory();
    }

    @Test
    void anInstanceOfALiveJvmIsLeftAloneAndADeadOnesIsReaped(@TempDir Path root) throws Exception {
        InstanceDirectory ours = InstanceDirectory.create(root);
        Path dead = Files.createDirectory(root.resolve("pg-dead"));
        Files.writeString(dead.resolve("owner.properties"), "pid=" + Long.MAX_VALUE + "\n");
        Path broken = Files.createDirectory(root.resolve("pg-broken"));
        Files.writeString(broken.resolve("owner.properties"), "");
        Files.setLastModifiedTime(broken, FileTime.from(Instant.now().minus(10, ChronoUnit.MINUTES)));

        assertThat(InstanceDirectory.reapAbandoned(root)).containsExactlyInAnyOrder(dead, broken);
        assertThat(ours.path()).isDirectory();
        assertThat(ours.path().resolve("owner.properties")).content().contains("pid=" + ProcessHandle.current().pid());
    }
}
