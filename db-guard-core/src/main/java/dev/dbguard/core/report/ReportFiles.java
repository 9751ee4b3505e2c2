package dev.dbguard.core.report;

import dev.dbguard.core.api.DbGuardException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a report file whole: beside the target, then moved over it, so a reader never sees half a report. */
final class ReportFiles {

    private ReportFiles() {
    }

    static Path write(Path directory, String fileName, byte[] bytes, String what) {
        Path target = directory.resolve(fileName);
        try {
            Files.createDirectories(directory);
            Path temp = Files.createTempFile(directory, fileName, ".tmp");
            try {
                Files.write(temp, bytes);
                try {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new DbGuardException("cannot write the " + what + " " + target + ": " + e.getMessage(), e);
        }
        return target;
    }
}
