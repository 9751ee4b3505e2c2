package dev.dbguard.core.cache;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbguard.core.api.DbGuardVersion;
import dev.dbguard.core.api.RunListener;
import dev.dbguard.core.report.AnalysisResult;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Verdicts kept across builds, one file per {@link VerdictKey}: when nothing that decides a verdict changed, the
 * stored result is the run's result and no PostgreSQL starts. The folder lives outside {@code target/}, so
 * {@code mvn clean verify} and CI runners that keep {@code ~/.m2} find it.
 *
 * <p>Shared safely by builds running at once: an entry is written whole to a temporary file in the same folder and
 * moved over its name, so a reader sees the old entry, the new one, or none. Bounded: past {@code maxEntries} the
 * least recently used entries are deleted. Never a reason to fail a build: an entry it cannot read is a warning and
 * the analysis runs; a folder it cannot write is a warning and the result is simply not kept.
 */
public final class VerdictCache {

    /** Entries kept at most; an entry is one project state's result (a few kB to a few MB for 1,000 migrations). */
    public static final int DEFAULT_MAX_ENTRIES = 100;
    private static final String SUFFIX = ".json";
    private static final long STALE_TEMP_MILLIS = 60 * 60 * 1000L;

    /**
     * The stored form: the key (checked against the file's name), the version that wrote it, when, the result, and
     * the warnings the run gave (said again when the verdict is reused, as a run would say them).
     */
    record Entry(String key, String toolVersion, String cachedAt, AnalysisResult result, List<String> warnings) {
        Entry {
            warnings = warnings == null ? List.of() : List.copyOf(warnings);
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Path directory;
    private final int maxEntries;

    public VerdictCache(Path directory) {
        this(directory, DEFAULT_MAX_ENTRIES);
    }

    public VerdictCache(Path directory, int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1");
        }
        this.directory = directory.toAbsolutePath().normalize();
        this.maxEntries = maxEntries;
    }

    /** The default folder: {@code db-guard/cache} beside the Maven local repository ({@code ~/.m2/db-guard/cache}). */
    public static Path defaultDirectory(Path localRepository) {
        Path repository = localRepository.toAbsolutePath().normalize();
        Path parent = repository.getParent() != null ? repository.getParent() : repository;
        return parent.resolve("db-guard").resolve("cache");
    }

    public Path directory() {
        return directory;
    }

    /**
     * The cached verdict for {@code key}, else the result of {@code analysis} (given the listener to say its progress
     * on), which is then kept. Says on {@code listener} when the verdict came from the cache, and the warnings the
     * run that made it gave.
     */
    public AnalysisResult analyse(String key, Function<RunListener, AnalysisResult> analysis, RunListener listener) {
        Optional<Entry> cached = read(key, listener);
        if (cached.isPresent()) {
            listener.progress("verdict from the cache (migrations, settings and db-guard unchanged since "
                    + cached.get().cachedAt() + "): no PostgreSQL started; " + entry(key)
                    + " (-Ddbguard.cache=false runs the analysis)");
            cached.get().warnings().forEach(listener::warning);
            return cached.get().result();
        }
        List<String> warnings = Collections.synchronizedList(new ArrayList<>());
        AnalysisResult result = analysis.apply(new RunListener() {
            @Override
            public void progress(String message) {
                listener.progress(message);
            }

            @Override
            public void warning(String message) {
                warnings.add(message);
                listener.warning(message);
            }
        });
        write(key, result, warnings, listener);
        return result;
    }

    /** The entry for {@code key} when there is a readable one; a damaged one is a warning and is removed. */
    Optional<Entry> read(String key, RunListener listener) {
        Path file = entry(key);
        Entry entry;
        try {
            entry = MAPPER.readValue(file.toFile(), Entry.class);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            listener.warning("the cached verdict " + file + " cannot be read (" + e.getMessage()
                    + "); ignoring it and running the analysis");
            deleteQuietly(file);
            return Optional.empty();
        }
        if (entry == null || entry.result() == null || !key.equals(entry.key())
                || !DbGuardVersion.VALUE.equals(entry.toolVersion())) {
            listener.warning("the cached verdict " + file + " does not belong to these inputs; ignoring it and "
                    + "running the analysis");
            deleteQuietly(file);
            return Optional.empty();
        }
        try {
            Files.setLastModifiedTime(file, FileTime.from(Instant.now())); // recently used: evicted last
        } catch (IOException e) {
            // another build evicted it meanwhile: the entry read is whole all the same
        }
        return Optional.of(entry);
    }

    /** Keeps {@code result} under {@code key}, then evicts the least recently used entries past the bound. */
    void write(String key, AnalysisResult result, List<String> warnings, RunListener listener) {
        Path target = entry(key);
        Path temp = null;
        try {
            Files.createDirectories(directory);
            byte[] bytes = MAPPER.writeValueAsBytes(new Entry(key, DbGuardVersion.VALUE, Instant.now().toString(), result,
                    List.copyOf(warnings)));
            temp = Files.createTempFile(directory, key, ".tmp");
            Files.write(temp, bytes);
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            listener.warning("cannot keep the verdict in the cache " + directory + " (" + e.getMessage()
                    + "); the next build runs the analysis again");
            return;
        } finally {
            if (temp != null) {
                deleteQuietly(temp);
            }
        }
        evict();
    }

    private void evict() {
        List<Path> entries = new ArrayList<>();
        long now = System.currentTimeMillis();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.endsWith(SUFFIX)) {
                    entries.add(file);
                } else if (name.endsWith(".tmp") && now - modified(file) > STALE_TEMP_MILLIS) {
                    deleteQuietly(file); // left by a build that was killed while writing
                }
            }
        } catch (IOException e) {
            return;
        }
        if (entries.size() <= maxEntries) {
            return;
        }
        entries.sort(Comparator.comparingLong(VerdictCache::modified));
        for (Path file : entries.subList(0, entries.size() - maxEntries)) {
            deleteQuietly(file);
        }
    }

    private Path entry(String key) {
        return directory.resolve(key + SUFFIX);
    }

    /** When a file was last written or used; an entry gone meanwhile counts as the newest. */
    static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return Long.MAX_VALUE; // gone already
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // another build's eviction, or a read-only cache: the entry stays or goes, either is safe
        }
    }
}
