package dev.dbguard.core.report;

import dev.dbguard.core.api.DbGuardException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The SHA-256 pieces that fingerprints are made of ({@link AnalysisFingerprint}, and the verdict cache's key): a
 * text, a file's contents, the files under a folder by relative path and contents; each piece closed by a zero byte,
 * so two different sequences never hash the same bytes.
 */
public final class Digest {

    /** Past this size a file counts by its size and time stamp (the PostgreSQL binaries jar), not its bytes. */
    private static final long LARGE = 4L * 1024 * 1024;

    private Digest() {
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }

    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    public static void text(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }

    /** A file's contents; for a large one its size and time stamp stand in. */
    public static void file(MessageDigest digest, Path file) {
        try {
            long size = Files.size(file);
            if (size > LARGE) {
                text(digest, "size " + size + " modified " + Files.getLastModifiedTime(file).toMillis());
            } else {
                digest.update(Files.readAllBytes(file));
                text(digest, "");
            }
        } catch (IOException e) {
            throw new DbGuardException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Every regular file under {@code root}, in sorted order, by path relative to it and contents.
     *
     * @param what what the folder holds, for the message when it cannot be listed
     */
    public static void tree(MessageDigest digest, Path root, String what) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new DbGuardException("cannot list " + what + " in " + root + ": " + e.getMessage(), e);
        }
        for (Path file : files) {
            text(digest, "file " + root.relativize(file));
            file(digest, file);
        }
    }
}
