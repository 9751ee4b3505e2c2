package dev.dbguard.core.cache;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbguard.core.MigratedPrefixes;
import dev.dbguard.core.PrefixState;
import dev.dbguard.core.api.AppliedMigration;
import dev.dbguard.core.api.DbGuardException;
import dev.dbguard.core.api.DbGuardVersion;
import dev.dbguard.core.api.GuardConfig;
import dev.dbguard.core.api.RunListener;
import dev.dbguard.core.journal.AppliedScript;
import dev.dbguard.core.migration.Migration;
import dev.dbguard.core.migration.MigrationException;
import dev.dbguard.core.migration.SqlStatement;
import dev.dbguard.core.postgres.DataDirectories;
import dev.dbguard.core.postgres.DatabaseProvisioner;
import dev.dbguard.core.postgres.ThrowawayPostgres;
import dev.dbguard.core.rehearsal.RehearsalOutcome;
import dev.dbguard.core.rehearsal.RehearsalState;
import dev.dbguard.core.report.Digest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Migrated states kept across builds ({@link MigratedPrefixes}), one folder per state in {@code prefixes} of the
 * verdict cache's folder: the stopped server's data directory ({@code data}) and {@code state.json} (the key, the
 * version that wrote it, the migrations applied, the rehearsal's state, and every file of {@code data} with its
 * size). Named by {@link VerdictKey#prefixes}: the key of the first migrations and every other input.
 *
 * <p>Shared safely by builds running at once: a state is written whole in a temporary folder and renamed to its
 * name, and removed by renaming it away first; a copy for a server is checked against the list of files, so a state
 * removed while it was copied is never started. Bounded: past {@code maxEntries} states (each the size of a data
 * directory, tens of megabytes) the least recently used are removed. Never a reason to fail a build: a state that
 * cannot be read, copied or started is a warning and the run starts from an empty server; a state that cannot be
 * kept is a warning.
 */
public final class PrefixCache implements MigratedPrefixes {

    /** States kept at most: each is a data directory of tens of megabytes. */
    public static final int DEFAULT_MAX_ENTRIES = 3;
    private static final String STATE = "state.json";
    private static final String DATA = "data";
    private static final String TEMP = ".tmp-";
    /** The name of a state found by its files rather than by a key of the migrations ({@link #restoreByFiles}). */
    private static final String UNITS = "u-";
    private static final long STALE_TEMP_MILLIS = 60 * 60 * 1000L;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Path directory;
    private final List<Path> initScripts;
    private final int maxEntries;
    private volatile Keyed keyed;

    /** @param initScripts the init scripts the provisioner runs, part of every key */
    public PrefixCache(Path directory, List<Path> initScripts) {
        this(directory, initScripts, DEFAULT_MAX_ENTRIES);
    }

    public PrefixCache(Path directory, List<Path> initScripts, int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1");
        }
        this.directory = directory.toAbsolutePath().normalize();
        this.initScripts = List.copyOf(initScripts);
        this.maxEntries = maxEntries;
    }

    /** The states' folder beside the verdicts of {@code verdicts}. */
    public static PrefixCache beside(VerdictCache verdicts, List<Path> initScripts) {
        return new PrefixCache(verdicts.directory().resolve("prefixes"), initScripts);
    }

    public Path directory() {
        return directory;
    }

    @Override
    public Optional<Restored> restore(GuardConfig config, Optional<List<AppliedScript>> scripts,
                                      DatabaseProvisioner provisioner, RunListener listener) {
        if (scripts.isEmpty()) {
            return restoreByFiles(config, provisioner, listener);
        }
        List<String> keys = prefixKeys(config, scripts.get());
        for (int applied = keys.size(); applied >= 1; applied--) {
            Path entry = directory.resolve(keys.get(applied - 1));
            if (!Files.isDirectory(entry)) {
                continue;
            }
            // the longest kept state only: one that cannot be used is not a reason to look for a shorter one
            Optional<Stored> stored = read(entry, listener);
            return stored.isEmpty() ? Optional.empty() : restore(entry, stored.get(), keys.get(applied - 1), applied,
                    " of " + scripts.get().size(), config, provisioner, listener);
        }
        return Optional.empty();
    }

    /** The keys of the states after the first migrations of {@code scripts}, read once for a run's restore and keep. */
    private List<String> prefixKeys(GuardConfig config, List<AppliedScript> scripts) {
        Keyed last = keyed;
        if (last != null && last.config().equals(config) && last.scripts().equals(scripts)) {
            return last.keys();
        }
        List<String> keys = VerdictKey.prefixes(config, initScripts, scripts);
        keyed = new Keyed(config, List.copyOf(scripts), keys);
        return keys;
    }

    /** The last scripts whose prefix keys were computed, with those keys. */
    private record Keyed(GuardConfig config, List<AppliedScript> scripts, List<String> keys) {
    }

    /**
     * The migrations are known only once their tool runs (Flyway): the longest state kept with these settings whose
     * every migration file (and rollback script) is still there, unchanged. Whether the tool's order continues it is
     * checked when it runs.
     */
    private Optional<Restored> restoreByFiles(GuardConfig config, DatabaseProvisioner provisioner,
                                              RunListener listener) {
        String prefix = UNITS + settingsKey(config) + "-";
        Map<String, Migration> rollbacks = VerdictKey.rollbacks(config);
        Path best = null;
        Stored longest = null;
        try (DirectoryStream<Path> children = Files.newDirectoryStream(directory, prefix + "*")) {
            for (Path child : children) {
                try {
                    Stored stored = MAPPER.readValue(child.resolve(STATE).toFile(), Stored.class);
                    if ((longest == null || stored.applied() > longest.applied())
                            && unchanged(stored.units(), rollbacks)) {
                        best = child;
                        longest = stored;
                    }
                } catch (IOException | RuntimeException e) {
                    // a state that cannot be read is never chosen; eviction removes it in time
                }
            }
        } catch (IOException e) {
            return Optional.empty(); // no states kept yet
        }
        return best == null ? Optional.empty() : restore(best, longest, best.getFileName().toString(),
                longest.applied(), "", config, provisioner, listener);
    }

    /** The settings' part of a state's name: the first half of the SHA-256 is plenty to tell settings apart. */
    private String settingsKey(GuardConfig config) {
        return VerdictKey.settings(config, initScripts).substring(0, 32);
    }

    /** Whether every kept migration file, and the rollback script of each, is as it was kept. */
    private static boolean unchanged(List<StoredUnit> units, Map<String, Migration> rollbacks) {
        for (StoredUnit unit : units) {
            Migration rollback = unit.version() == null ? null : rollbacks.get(unit.version());
            if (!unit.sha256().equals(digestOf(Path.of(unit.path())))
                    || !java.util.Objects.equals(unit.rollbackSha256(), rollback == null ? null : digestOf(rollback.path()))) {
                return false;
            }
        }
        return true;
    }

    private static String digestOf(Path file) {
        if (!Files.isRegularFile(file)) {
            return "missing";
        }
        java.security.MessageDigest digest = Digest.sha256();
        Digest.file(digest, file);
        return Digest.hex(digest);
    }

    /** The state file of {@code entry}; one that cannot be read is a warning, and the state is removed. */
    private Optional<Stored> read(Path entry, RunListener listener) {
        try {
            return Optional.of(MAPPER.readValue(entry.resolve(STATE).toFile(), Stored.class));
        } catch (IOException | RuntimeException e) {
            if (Files.isDirectory(entry)) {
                listener.warning("the kept migrated state " + entry + " cannot be read (" + e.getMessage()
                        + "); ignoring it and applying every migration");
                remove(entry);
            }
            return Optional.empty();
        }
    }

    private Optional<Restored> restore(Path entry, Stored stored, String key, int applied, String ofTotal,
                                       GuardConfig config, DatabaseProvisioner provisioner, RunListener listener) {
        if (!key.equals(stored.key()) || !DbGuardVersion.VALUE.equals(stored.toolVersion())
                || stored.applied() != applied) {
            listener.warning("the kept migrated state " + entry + " does not belong to these inputs; ignoring it and "
                    + "applying every migration");
            remove(entry);
            return Optional.empty();
        }
        PrefixState state;
        try {
            state = stored.state();
        } catch (RuntimeException e) {
            listener.warning("the kept migrated state " + entry + " is damaged (" + e.getMessage()
                    + "); ignoring it and applying every migration");
            remove(entry);
            return Optional.empty();
        }
        listener.progress("continuing from the migrated state kept after the first " + applied + ofTotal
                + " migrations (" + entry + "; -Ddbguard.cache=false applies every migration)");
        Optional<ThrowawayPostgres> database;
        try {
            database = provisioner.restore(config, target -> copy(entry.resolve(DATA), target, stored.files()),
                    listener);
        } catch (UncheckedIOException | DbGuardException e) {
            listener.warning("the kept migrated state " + entry + " cannot be used (" + e.getMessage()
                    + "); applying every migration");
            return Optional.empty();
        }
        touch(entry.resolve(STATE));
        return database.map(started -> new Restored(started, state));
    }

    /** Copies a kept data directory and checks that every file of the list came whole, and no other. */
    private static void copy(Path data, Path target, Map<String, Long> files) throws IOException {
        DataDirectories.copy(data, target);
        Map<String, Long> copied = files(target);
        if (!copied.equals(files)) {
            throw new IOException("the copy of " + data + " does not match the files kept ("
                    + copied.size() + " files copied, " + files.size() + " kept): it was removed or replaced meanwhile");
        }
    }

    @Override
    public void keep(GuardConfig config, List<AppliedScript> scripts, ThrowawayPostgres database, PrefixState state,
                     RunListener listener) {
        List<StoredUnit> units = StoredUnit.of(scripts, VerdictKey.rollbacks(config));
        String key;
        if (state.scripts().isEmpty()) {
            key = prefixKeys(config, scripts).get(scripts.size() - 1);
        } else {
            java.security.MessageDigest digest = Digest.sha256();
            units.forEach(unit -> Digest.text(digest, unit.toString()));
            key = UNITS + settingsKey(config) + "-" + Digest.hex(digest).substring(0, 32);
        }
        Path target = directory.resolve(key);
        Path temp = directory.resolve(TEMP + UUID.randomUUID());
        try {
            Files.createDirectories(temp);
            if (!database.closeKeepingData(temp.resolve(DATA))) {
                listener.warning("the migrated state cannot be kept: the server did not stop cleanly or its files "
                        + "could not be moved to " + temp + "; the next build applies every migration");
                return;
            }
            byte[] json = MAPPER.writeValueAsBytes(Stored.of(key, state, units, files(temp.resolve(DATA))));
            Files.write(temp.resolve(STATE), json);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (!Files.isDirectory(target)) {
                    throw e;
                }
                // another build kept the same state meanwhile: the same inputs, the same state
            }
        } catch (IOException | RuntimeException e) {
            listener.warning("cannot keep the migrated state in " + directory + " (" + e.getMessage()
                    + "); the next build applies every migration");
        } finally {
            if (Files.exists(temp)) {
                remove(temp);
            }
        }
        evict();
    }

    /** Every regular file under {@code root} by relative path ('/'-separated) and size. */
    private static Map<String, Long> files(Path root) throws IOException {
        Map<String, Long> files = new TreeMap<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                files.put(root.relativize(file).toString().replace('\\', '/'), attrs.size());
                return FileVisitResult.CONTINUE;
            }
        });
        return files;
    }

    private void evict() {
        List<Path> entries = new ArrayList<>();
        long now = System.currentTimeMillis();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(directory)) {
            for (Path child : children) {
                String name = child.getFileName().toString();
                if (name.startsWith(TEMP)) {
                    if (now - VerdictCache.modified(child) > STALE_TEMP_MILLIS) {
                        remove(child); // left by a build that was killed while keeping a state
                    }
                } else if (Files.isDirectory(child)) {
                    entries.add(child);
                }
            }
        } catch (IOException e) {
            return;
        }
        if (entries.size() <= maxEntries) {
            return;
        }
        entries.sort(Comparator.comparingLong(entry -> VerdictCache.modified(entry.resolve(STATE))));
        for (Path entry : entries.subList(0, entries.size() - maxEntries)) {
            remove(entry);
        }
    }

    /** Renames a state away in one step, so no build starts copying it, then removes it. */
    private void remove(Path entry) {
        Path gone = directory.resolve(TEMP + UUID.randomUUID());
        try {
            Files.move(entry, gone, StandardCopyOption.ATOMIC_MOVE);
            DataDirectories.delete(gone);
        } catch (IOException | RuntimeException e) {
            // another build removed it first, or it cannot be removed: a later eviction tries again
        }
    }

    private static void touch(Path file) {
        try {
            Files.setLastModifiedTime(file, FileTime.from(Instant.now())); // recently used: evicted last
        } catch (IOException e) {
            // evicted meanwhile: the copy was checked whole all the same
        }
    }

    // --- the stored form of a state

    /** {@code state.json}. */
    record Stored(String key, String toolVersion, int applied, List<AppliedMigration> migrations,
                  StoredRehearsal rehearsal, Map<String, Long> files, List<StoredUnit> units,
                  List<StoredScript> scripts, List<String> texts) {

        static Stored of(String key, PrefixState state, List<StoredUnit> units, Map<String, Long> files) {
            return new Stored(key, DbGuardVersion.VALUE, state.applied(), state.migrations(),
                    state.rehearsal() == null ? null : StoredRehearsal.of(state.rehearsal()), files, units,
                    state.scripts().stream().map(StoredScript::of).toList(), state.texts());
        }

        PrefixState state() {
            return new PrefixState(applied, migrations, rehearsal == null ? null : rehearsal.state(),
                    scripts == null ? List.of() : scripts.stream().map(StoredScript::script).toList(),
                    texts == null ? List.of() : texts);
        }
    }

    /** A migration file kept, and its rollback script when rollbacks are required, by path and SHA-256. */
    record StoredUnit(String path, String version, String sha256, String rollbackSha256) {

        static List<StoredUnit> of(List<AppliedScript> scripts, Map<String, Migration> rollbacks) {
            List<StoredUnit> units = new ArrayList<>();
            for (AppliedScript script : scripts) {
                Migration migration = script.migration();
                Migration rollback = migration.version() == null ? null : rollbacks.get(migration.version());
                units.add(new StoredUnit(migration.path().toAbsolutePath().normalize().toString(), migration.version(),
                        digestOf(migration.path()), rollback == null ? null : digestOf(rollback.path())));
            }
            return units;
        }
    }

    /** A unit as its tool applied it: the migration and the statements it executed. */
    record StoredScript(int index, String location, String path, String file, String version, String description,
                        Migration.Kind kind, List<SqlStatement> statements) {

        static StoredScript of(AppliedScript script) {
            Migration m = script.migration();
            return new StoredScript(script.index(), m.location().toString(), m.path() == null ? null
                    : m.path().toString(), m.file(), m.version(), m.description(), m.kind(), script.statements());
        }

        AppliedScript script() {
            return new AppliedScript(index, new Migration(Path.of(location), path == null ? null : Path.of(path), file,
                    version, description, kind), statements);
        }
    }

    record StoredRehearsal(int rehearsed, List<StoredStep> steps, Map<Long, Set<Integer>> syntheticColumns,
                           Set<Long> unfillable, Map<Long, Long> knownRows, Map<Long, Long> rootOf,
                           boolean eventTriggerCreated, List<RehearsalState.ConstraintLookup> lookups) {

        static StoredRehearsal of(RehearsalState state) {
            List<StoredStep> steps = new ArrayList<>();
            new TreeMap<>(state.steps()).forEach((index, step) -> steps.add(StoredStep.of(index, step)));
            return new StoredRehearsal(state.rehearsed(), steps, state.syntheticColumns(), state.unfillable(),
                    state.knownRows(), state.rootOf(), state.eventTriggerCreated(), state.lookups());
        }

        RehearsalState state() {
            Map<Integer, RehearsalOutcome.Step> byIndex = new LinkedHashMap<>();
            steps.forEach(step -> byIndex.put(step.index(), step.step()));
            return new RehearsalState(rehearsed, byIndex, syntheticColumns, unfillable, knownRows, rootOf,
                    eventTriggerCreated, lookups == null ? List.of() : lookups);
        }
    }

    /** A rehearsal step; a kept rehearsal ran without a migration role, so no statement was blocked by RLS. */
    record StoredStep(int index, StoredFailure failedWithRows, List<RehearsalOutcome.RowsLost> rowsLost,
                      StoredRollback rollback) {

        static StoredStep of(int index, RehearsalOutcome.Step step) {
            if (!step.blockedByRls().isEmpty()) {
                throw new IllegalArgumentException("a rehearsal with a migration role is not kept");
            }
            RehearsalOutcome.Rollback rollback = step.rollback();
            return new StoredStep(index, StoredFailure.of(step.failedWithRows()), step.rowsLost(), rollback == null
                    ? null : new StoredRollback(rollback.kind(), rollback.script(), StoredFailure.of(rollback.failure()),
                    rollback.differences()));
        }

        RehearsalOutcome.Step step() {
            return new RehearsalOutcome.Step(StoredFailure.exception(failedWithRows), rowsLost, rollback == null ? null
                    : new RehearsalOutcome.Rollback(rollback.kind(), rollback.script(),
                    StoredFailure.exception(rollback.failure()), rollback.differences()));
        }
    }

    record StoredRollback(RehearsalOutcome.Rollback.Kind kind, String script, StoredFailure failure,
                          List<String> differences) {
    }

    /** A {@link MigrationException}: what PostgreSQL said, where. */
    record StoredFailure(String file, int line, String sqlState, String message, MigrationException.Subject subject) {

        static StoredFailure of(MigrationException e) {
            return e == null ? null : new StoredFailure(e.file(), e.line(), e.sqlState(), e.getMessage(), e.subject());
        }

        static MigrationException exception(StoredFailure failure) {
            return failure == null ? null : new MigrationException(failure.file(), failure.line(), failure.sqlState(),
                    failure.message(), failure.subject());
        }
    }
}
