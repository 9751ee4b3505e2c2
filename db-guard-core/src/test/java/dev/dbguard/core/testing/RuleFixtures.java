package dev.dbguard.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbguard.core.DbGuard;
import dev.dbguard.core.api.GuardConfig;
import dev.dbguard.core.api.RunListener;
import dev.dbguard.core.report.AnalysisResult;
import dev.dbguard.core.api.Finding;
import dev.dbguard.core.migration.Migration;
import dev.dbguard.core.migration.MigrationDiscovery;
import dev.dbguard.core.migration.SqlScriptReader;
import dev.dbguard.core.migration.SqlStatement;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a fixture folder of migrations through the whole engine on a real PostgreSQL and checks that exactly the
 * findings marked in the migrations appear: none missing, none extra.
 * <ul>
 *   <li>{@code -- expect: rule-id[, rule-id]} on the line(s) before a statement: that statement is where those
 *       findings must point; {@code rule-id @ schema.table} also asks that the finding name that table;</li>
 *   <li>{@code -- expect-unlocated: rule-id} anywhere: a finding no statement caused;</li>
 *   <li>{@code -- expect-suppressed: rule-id} before a statement: a finding that an inline
 *       {@code -- db-guard:ignore} suppresses (reported with {@code suppressed: true});</li>
 *   <li>an optional {@code db-guard.properties} beside the migrations sets the configuration
 *       ({@code appRole}, {@code migrationRole}, {@code tenantColumns}, {@code globalTables}, {@code tenantTable}, {@code rules.<id>},
 *       {@code membershipTable}, {@code membershipUserColumn},
 *       {@code releases}, {@code productionVersion}, {@code rehearse}, {@code requireRollback},
 *       {@code rollbackMigrations} relative to the folder,
 *       {@code fixtures}: fixture files relative to the folder).</li>
 * </ul>
 */
public final class RuleFixtures {

    public static final Path ROOT = Path.of("src", "test", "resources", "rules");

    private static final Pattern EXPECT = Pattern.compile("^\\s*--\\s*expect:\\s*(.+?)\\s*$");
    private static final Pattern EXPECT_UNLOCATED = Pattern.compile("^\\s*--\\s*expect-unlocated:\\s*(.+?)\\s*$");
    private static final Pattern EXPECT_SUPPRESSED = Pattern.compile("^\\s*--\\s*expect-suppressed:\\s*(.+?)\\s*$");

    /**
     * One expected or actual finding, by where it points and the table it names; an expected marker without a
     * table accepts any.
     */
    public record Marker(String rule, String file, int line, boolean suppressed, String table) {
        /** True when {@code actual} is the finding this expected marker describes. */
        boolean accepts(Marker actual) {
            return rule.equals(actual.rule) && java.util.Objects.equals(file, actual.file) && line == actual.line
                    && suppressed == actual.suppressed && (table == null || table.equals(actual.table));
        }

        @Override
        public String toString() {
            return (suppressed ? "suppressed " : "") + rule + " @ " + (file == null ? "(no statement)" : file + ":" + line)
                    + (table == null ? "" : " table " + table);
        }
    }

    private RuleFixtures() {
    }

    public static AnalysisResult assertFixture(Path folder) {
        GuardConfig config = config(folder);
        List<Marker> expected = expectedMarkers(folder);
        AnalysisResult result = new DbGuard(SharedPostgres.scratchDatabases()).run(config, RunListener.SILENT);
        List<Marker> actual = new ArrayList<>();
        for (Finding finding : result.findings()) {
            actual.add(finding.source() == null
                    ? new Marker(finding.rule(), null, 0, finding.suppressed(), finding.table())
                    : new Marker(finding.rule(), finding.source().file(), finding.source().line(), finding.suppressed(),
                            finding.table()));
        }
        List<Marker> extra = new ArrayList<>(actual);
        List<Marker> missing = new ArrayList<>();
        // markers that name a table first, so a marker without one cannot take the finding they ask for
        List<Marker> ordered = new ArrayList<>(expected);
        ordered.sort(java.util.Comparator.comparing(m -> m.table() == null));
        for (Marker marker : ordered) {
            Marker match = extra.stream().filter(marker::accepts).findFirst().orElse(null);
            if (match == null) {
                missing.add(marker);
            } else {
                extra.remove(match);
            }
        }
        assertThat(missing.isEmpty() && extra.isEmpty())
                .as("fixture %s%n  missing: %s%n  extra:   %s%n  findings:%n%s", folder, missing, extra, describe(result))
                .isTrue();
        return result;
    }

    private static String describe(AnalysisResult result) {
        StringBuilder text = new StringBuilder();
        for (Finding f : result.findings()) {
            text.append("    ").append(f.rule()).append(" ").append(f.source()).append(" ").append(f.message()).append('\n');
        }
        return text.toString();
    }

    /** Every marker of every migration in the folder, each pointing at the statement after it. */
    public static List<Marker> expectedMarkers(Path folder) {
        List<Marker> markers = new ArrayList<>();
        for (Migration migration : MigrationDiscovery.discover(List.of(folder))) {
            List<SqlStatement> statements = SqlScriptReader.read(migration, RunListener.SILENT);
            List<String> lines;
            try {
                lines = Files.readAllLines(migration.path());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (int i = 0; i < lines.size(); i++) {
                int lineNumber = i + 1;
                Matcher unlocated = EXPECT_UNLOCATED.matcher(lines.get(i));
                if (unlocated.matches()) {
                    for (String rule : rules(unlocated.group(1))) {
                        markers.add(marker(rule, null, 0, false));
                    }
                    continue;
                }
                Matcher expect = EXPECT.matcher(lines.get(i));
                Matcher suppressed = EXPECT_SUPPRESSED.matcher(lines.get(i));
                boolean isSuppressed = suppressed.matches();
                if (isSuppressed) {
                    expect = suppressed;
                } else if (!expect.matches()) {
                    continue;
                }
                SqlStatement next = statements.stream().filter(s -> s.line() > lineNumber).findFirst()
                        .orElseThrow(() -> new AssertionError(migration.file() + ":" + lineNumber
                                + ": '-- expect:' marker with no statement after it"));
                for (String rule : rules(expect.group(1))) {
                    markers.add(marker(rule, migration.file(), next.line(), isSuppressed));
                }
            }
        }
        return markers;
    }

    /** {@code rule-id} or {@code rule-id @ schema.table}. */
    private static Marker marker(String text, String file, int line, boolean suppressed) {
        int at = text.indexOf('@');
        return at < 0 ? new Marker(text, file, line, suppressed, null)
                : new Marker(text.substring(0, at).trim(), file, line, suppressed, text.substring(at + 1).trim());
    }

    private static List<String> rules(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** A copy of the fixture folder {@code from} (subfolders too) in {@code to}, to change or add to. */
    public static Path copy(Path from, Path to) throws IOException {
        return copyAllBut(from, to, null);
    }

    /** As {@link #copy(Path, Path)}, without the file {@code left} (null: none left out). */
    public static Path copyAllBut(Path from, Path to, Path left) throws IOException {
        Files.createDirectories(to);
        try (java.util.stream.Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (!file.equals(left)) {
                    Path target = to.resolve(from.relativize(file).toString());
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target);
                }
            }
        }
        return to;
    }

    public static GuardConfig config(Path folder) {
        // rule fixtures judge rules, so db-guard's own runner applies them (format plain) unless the test run asks
        // for another format: -Ddbguard.test.fixtureFormat=flyway applies every fixture through Flyway
        GuardConfig.Builder builder = GuardConfig.builder().migration(folder).migrationSettings(
                dev.dbguard.core.api.MigrationSettings.DEFAULTS.withFormat(dev.dbguard.core.api.MigrationFormat
                        .parse(System.getProperty("dbguard.test.fixtureFormat", "plain"))));
        Path file = folder.resolve("db-guard.properties");
        if (Files.exists(file)) {
            Properties props = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                props.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (String key : props.stringPropertyNames()) {
                String value = props.getProperty(key).trim();
                switch (key) {
                    case "appRole" -> builder.appRole(value);
                    case "migrationRole" -> builder.migrationRole(value);
                    case "tenantColumns" -> builder.tenantColumns(list(value));
                    case "tenantTable" -> builder.tenantTable(value);
                    case "globalTables" -> builder.globalTables(list(value));
                    case "schemas" -> builder.schemas(list(value));
                    case "tenantContext" -> builder.tenantContext(value);
                    case "membershipTable" -> builder.membershipTable(value);
                    case "membershipUserColumn" -> builder.membershipUserColumn(value);
                    case "releases" -> builder.releases(value);
                    case "productionVersion" -> builder.productionVersion(value);
                    case "rehearse" -> builder.rehearse(Boolean.parseBoolean(value));
                    case "requireRollback" -> builder.requireRollback(Boolean.parseBoolean(value));
                    case "rollbackMigrations" -> builder.rollbackMigrations(list(value).stream()
                            .map(folder::resolve).toList());
                    case "fixtures" -> builder.fixtures(list(value).stream().map(folder::resolve).toList());
                    default -> {
                        if (key.startsWith("rules.")) {
                            builder.rule(key.substring("rules.".length()), value);
                        } else {
                            throw new AssertionError(file + ": unknown key " + key);
                        }
                    }
                }
            }
        }
        return builder.build();
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
