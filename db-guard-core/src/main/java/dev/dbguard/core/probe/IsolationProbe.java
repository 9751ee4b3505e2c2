package dev.dbguard.core.probe;

import dev.dbguard.core.DbGuardException;
import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.RunListener;
import dev.dbguard.core.catalog.CatalogSnapshot;
import dev.dbguard.core.catalog.Column;
import dev.dbguard.core.catalog.Constraint;
import dev.dbguard.core.catalog.Function;
import dev.dbguard.core.catalog.Policy;
import dev.dbguard.core.catalog.QualifiedName;
import dev.dbguard.core.catalog.Sql;
import dev.dbguard.core.catalog.Table;
import dev.dbguard.core.catalog.View;
import dev.dbguard.core.postgres.ThrowawayPostgres;
import dev.dbguard.core.report.Finding;
import dev.dbguard.core.report.ProbeCoverage;
import dev.dbguard.core.rules.Fixes;
import dev.dbguard.core.rules.Rule;
import dev.dbguard.core.rules.RuleSettings;
import dev.dbguard.core.rules.SchemaContext;
import dev.dbguard.core.rules.probe.IsolationFailOpenRule;
import dev.dbguard.core.rules.probe.IsolationReadLeakRule;
import dev.dbguard.core.rules.probe.IsolationWriteLeakRule;
import dev.dbguard.core.rules.probe.ProbeSkippedRule;
import dev.dbguard.core.rules.rls.PolicyFindings;
import dev.dbguard.core.tenancy.TenantModel;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.jdbc.AutoSave;

/**
 * Proves tenant isolation by trying to break it (docs/RULES.md, section 3). After the migrations, it fills the tenant
 * tables with rows for two synthetic tenants ({@link SyntheticData}), then, as a role that is neither superuser,
 * nor BYPASSRLS, nor owner, in a new session per context state: reads every tenant table, each partition
 * directly and each view the role can read (one counting query each, tenant A's rows told from the others by
 * the tenant column); with tenant A's context set, tries writes into tenant B (INSERT, UPDATE with and without
 * WHERE, UPDATE and DELETE of B's rows, upsert onto B's key); and reads again with the tenant setting unset,
 * empty, naming no tenant, and with every other setting a policy reads set to what a client could set.
 *
 * <p>Every probe statement runs in a transaction that is rolled back. The synthetic rows are committed (so
 * each new session sees them) and removed afterwards, the sequences they advanced are set back, and a
 * generated role is dropped: the migrated database is left as the migrations made it.
 */
public final class IsolationProbe {

    /** Values a client can put in any setting, tried on every setting a policy reads besides the tenant's. */
    static final List<String> CLIENT_VALUES = List.of("on", "true", "1", "*", "%");

    private static final Pattern CURRENT_SETTING =
            Pattern.compile("current_setting\\s*\\(\\s*'([^']+)'", Pattern.CASE_INSENSITIVE);

    private final ThrowawayPostgres database;
    private final SchemaContext context;
    /** The judged schemas' catalogue plus the tables outside them that tenant tables need (a platform users table). */
    private CatalogSnapshot snapshot;
    private final TenantModel tenancy;
    private final GuardConfig config;
    private final RuleSettings settings;
    private final RunListener listener;
    private final List<Finding> findings = new ArrayList<>();
    private final Set<String> reported = new LinkedHashSet<>();
    private ProbeRole role;
    private SyntheticData data;
    private SyntheticData.Result rows;
    private long fillMillis;
    private long probeMillis;
    private long writeNanos;
    /** Membership tenancy ({@code {user}} in tenantContext): the table linking users to tenants, else null. */
    private Membership membership;
    /** The synthetic users of tenant A, tenant B, and a user id naming nobody; membership tenancy only. */
    private final String[] users = new String[3];
    /** Tenant tables that failed the positive control, with why: tenant A could not see its own rows. */
    private final Map<QualifiedName, String> ownRowsUnseen = new LinkedHashMap<>();
    /** Tables where tenant A's own writes were refused too: their write denials prove nothing. */
    private final List<String> ownWritesRefused = new ArrayList<>();
    private final Set<QualifiedName> skippedTables = new LinkedHashSet<>();
    private String lastReadError;

    /** The membership table, its user column and the column naming its tenant. */
    private record Membership(Table table, String userColumn, String tenantColumn) {
    }

    /**
     * What the probe found and how much it covered; {@code skipped} names the tenant tables it could not judge.
     * {@code coverage} is null when the probe did not run.
     */
    public record Outcome(List<Finding> findings, ProbeCoverage coverage, List<String> skipped) {
    }

    private IsolationProbe(ThrowawayPostgres database, SchemaContext context, RuleSettings settings,
                           RunListener listener) {
        this.database = database;
        this.context = context;
        this.snapshot = context.snapshot();
        this.tenancy = context.tenancy();
        this.config = context.config();
        this.settings = settings;
        this.listener = listener;
    }

    /** One way of setting the session before reading: a description for messages and what to set. */
    private record State(String description, Integer tenant, String tenantValue, String userValue, String setting,
                         String value) {
        boolean failOpenState() {
            return tenant == null || setting != null;
        }
    }

    /** What one SELECT saw: every row, tenant A's, tenant B's. */
    private record Counts(long total, long a, long b) {
    }

    /**
     * Runs the probe on the migrated database and returns its findings (with the configured severities); none
     * when every probe rule is off or there are no tenant tables.
     */
    public static List<Finding> run(ThrowawayPostgres database, SchemaContext context, RuleSettings settings,
                                    RunListener listener) {
        return probe(database, context, settings, listener).findings();
    }

    /**
     * Runs the probe and says how much it covered.
     *
     * @throws DbGuardException when the configuration cannot work: a {@code {user}} context without a usable
     *                          membership table, or a tenant context under which tenant A sees none of its own rows
     */
    public static Outcome probe(ThrowawayPostgres database, SchemaContext context, RuleSettings settings,
                                RunListener listener) {
        boolean enabled = List.<Rule>of(IsolationReadLeakRule.INSTANCE, IsolationWriteLeakRule.INSTANCE,
                IsolationFailOpenRule.INSTANCE, ProbeSkippedRule.INSTANCE).stream().anyMatch(settings::enabled);
        if (!enabled || context.tenancy().tenantTables().isEmpty()) {
            return new Outcome(List.of(), null, List.of());
        }
        IsolationProbe probe = new IsolationProbe(database, context, settings, listener);
        try {
            probe.run();
        } catch (SQLException e) {
            throw new DbGuardException("the isolation probe failed on the throwaway PostgreSQL: "
                    + SyntheticData.firstLine(e), e);
        }
        int tenantTables = probe.tenancy.tenantTables().size();
        int skipped = probe.skippedTables.size();
        ProbeCoverage coverage = new ProbeCoverage(tenantTables, tenantTables - skipped, skipped, List.of());
        probe.listener.progress(coverage.summary());
        return new Outcome(probe.findings, coverage, probe.skippedTables.stream().map(QualifiedName::toString).toList());
    }

    private void run() throws SQLException {
        long started = System.nanoTime();
        try (Connection admin = database.connectAsAdmin()) {
            snapshot = withTablesOutsideSchemas(admin);
            membership = membership();
            Set<String> schemas = new LinkedHashSet<>(config.schemas());
            snapshot.tables().forEach(t -> schemas.add(t.name().schema()));
            Sequences sequences = Sequences.save(admin, List.copyOf(schemas));
            role = ProbeRole.choose(admin, context, listener);
            data = new SyntheticData(snapshot, tenancy).withContext(this::fillContext);
            try {
                List<String> ids = data.prepare(admin);
                Fixtures.run(admin, config.fixtures(), ids, data, tablesToFill(), snapshot);
                rows = data.fill(admin, tablesToFill());
                fillMillis = (System.nanoTime() - started) / 1_000_000;
                linkUsers();
                reportSkipped();
                probeStates();
                reportUnseenOwnRows();
                probeMillis = (System.nanoTime() - started) / 1_000_000 - fillMillis;
            } finally {
                try {
                    if (rows != null) {
                        Cleanup.removeRows(admin, snapshot, rows, listener);
                    }
                    sequences.restore(admin);
                } finally {
                    role.drop(admin);
                }
            }
        }
        listener.progress("isolation probe: " + rows.rowCount() + " synthetic rows in " + rows.tables().size()
                + " tables, probed as " + role.describe() + " in " + (System.nanoTime() - started) / 1_000_000 + " ms ("
                + fillMillis + " ms synthetic data, " + probeMillis + " ms probes, of which " + writeNanos / 1_000_000
                + " ms writes)");
        if (!ownWritesRefused.isEmpty()) {
            listener.progress("isolation probe: tenant A could not write its own rows in " + ownWritesRefused.size()
                    + " table(s) (" + String.join(", ", ownWritesRefused.subList(0, Math.min(5, ownWritesRefused.size())))
                    + (ownWritesRefused.size() > 5 ? ", …" : "") + "): there, a refused write into tenant B shows "
                    + "only that the application role cannot write at all; their reads were still proven");
        }
    }

    // ------------------------------------------------------------------------------------- context and users

    /** The tenant context with tenant and user filled in; {@code user} null when unknown or not used. */
    private String contextSql(String tenant, String user) {
        String sql = config.tenantContext().replace("{tenant}", tenant);
        return membership == null || user == null ? sql : sql.replace("{user}", user);
    }

    /** The context a trigger sees while the synthetic rows of {@code tenant} are inserted; null while unknown. */
    private String fillContext(int tenant) {
        String id = data.tenantIds().get(tenant);
        if (membership == null) {
            return contextSql(id, null);
        }
        String user = userOf(data.rowsSoFar(membership.table().name()), tenant);
        return user == null ? null : contextSql(id, user);
    }

    private String userOf(List<SyntheticData.Row> memberships, int tenant) {
        return memberships.stream().filter(r -> r.tenant() == tenant).map(r -> r.values().get(membership.userColumn()))
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    /**
     * Membership tenancy: the table named by {@code membershipTable} must exist after the migrations, hold the
     * user column and name its tenant (a tenant column or a foreign key to the tenants table).
     */
    private Membership membership() {
        boolean namesUser = config.tenantContext().contains("{user}");
        if (!namesUser) {
            if (config.membershipTable() != null) {
                listener.warning("membershipTable " + config.membershipTable() + " is set but tenantContext does not "
                        + "use {user}: the probe sets the tenant directly and ignores the membership table");
            }
            return null;
        }
        if (config.membershipTable() == null) {
            throw new DbGuardException(GuardConfig.USER_WITHOUT_MEMBERSHIP);
        }
        String name = config.membershipTable();
        int dot = name.indexOf('.');
        Table table = snapshot.tables().stream().filter(t -> dot > 0 ? t.name().toString().equals(name)
                        : t.name().name().equals(name) && config.schemas().contains(t.name().schema()))
                .findFirst().orElseThrow(() -> new DbGuardException("membershipTable " + name + " does not exist "
                        + "after the migrations (looked in " + (dot > 0 ? name.substring(0, dot) : String.join(", ",
                        config.schemas())) + "): name the table that links users to tenants, schema-qualified when "
                        + "it is outside schemas"));
        String userColumn = config.membershipUserColumn();
        if (table.column(userColumn).isEmpty()) {
            throw new DbGuardException("membershipTable " + table.name() + " has no column " + userColumn
                    + " (membershipUserColumn): set membershipUserColumn to the column that holds the user's id");
        }
        String tenantColumn = tenancy.of(table.name()).tenantColumns().stream().findFirst().orElse(null);
        if (tenantColumn == null) {
            tenantColumn = table.foreignKeys().stream()
                    .filter(fk -> tenancy.tenantTable().equals(fk.references()) && fk.columns().size() == 1)
                    .map(fk -> fk.columns().get(0)).findFirst()
                    .or(() -> config.tenantColumns().stream().filter(c -> table.column(c).isPresent()).findFirst())
                    .orElseThrow(() -> new DbGuardException("membershipTable " + table.name() + " has no tenant "
                            + "column (tenantColumns " + String.join(", ", config.tenantColumns()) + ") and no foreign "
                            + "key to the tenants table " + tenancy.tenantTable() + ": the probe cannot tell which "
                            + "tenant a membership grants"));
        }
        return new Membership(table, userColumn, tenantColumn);
    }

    /** After the fill: the user linked to tenant A and to tenant B, and a user id that names nobody. */
    private void linkUsers() {
        if (membership == null) {
            return;
        }
        SyntheticData.TableRows linked = rows.of(membership.table().name()).orElse(null);
        String a = linked == null ? null : userOf(linked.rows(), 0);
        String b = linked == null ? null : userOf(linked.rows(), 1);
        if (a == null || b == null) {
            throw new DbGuardException("the isolation probe could not link a synthetic user to each tenant through "
                    + "membershipTable " + membership.table().name() + (linked == null || linked.skipReason() == null
                    ? "" : ": PostgreSQL said: " + linked.skipReason()) + "; check membershipTable and "
                    + "membershipUserColumn, or add membership rows for {tenantA} and {tenantB} in a fixture file");
        }
        users[0] = a;
        users[1] = b;
        users[2] = data.absentValue(membership.table(), membership.userColumn());
        listener.progress("isolation probe: membership tenancy through " + membership.table().name() + ": user " + a
                + " is a member of tenant A, user " + b + " of tenant B");
    }

    /**
     * The catalogue plus tables outside the judged schemas that the tenant tables (or the membership table) need
     * through foreign keys, e.g. a users table an init script created in its own schema: read schema by schema.
     */
    private CatalogSnapshot withTablesOutsideSchemas(Connection admin) throws SQLException {
        CatalogSnapshot full = context.snapshot();
        Set<String> read = new LinkedHashSet<>(config.schemas());
        full.tables().forEach(t -> read.add(t.name().schema()));
        for (int round = 0; round < 4; round++) {
            Set<String> wanted = new LinkedHashSet<>();
            String membershipName = config.membershipTable();
            if (membershipName != null && membershipName.indexOf('.') > 0) {
                wanted.add(membershipName.substring(0, membershipName.indexOf('.')));
            }
            for (Table table : full.tables()) {
                for (Constraint fk : table.foreignKeys()) {
                    if (fk.references() != null && full.table(fk.references()).isEmpty()) {
                        wanted.add(fk.references().schema());
                    }
                }
            }
            wanted.removeAll(read);
            if (wanted.isEmpty()) {
                break;
            }
            read.addAll(wanted);
            CatalogSnapshot extra = dev.dbguard.core.catalog.CatalogReader.read(admin, List.copyOf(wanted));
            List<Table> tables = new ArrayList<>(full.tables());
            CatalogSnapshot before = full;
            extra.tables().stream().filter(t -> before.table(t.name()).isEmpty()).forEach(tables::add);
            List<Function> functions = new ArrayList<>(full.functions());
            functions.addAll(extra.functions());
            CatalogSnapshot merged = new CatalogSnapshot(full.serverVersion(), tables, full.views(), functions,
                    full.roles(), full.privileges());
            full = merged;
        }
        return full;
    }

    /** Tenant tables, the tenants table and every table they reference (parents first is the generator's job). */
    private List<Table> tablesToFill() {
        Set<QualifiedName> wanted = new LinkedHashSet<>();
        List<Table> queue = new ArrayList<>(tenancy.tenantTables());
        tenancy.tenantTableIfPresent().ifPresent(queue::add);
        if (membership != null) {
            queue.add(membership.table());
        }
        while (!queue.isEmpty()) {
            Table table = queue.remove(queue.size() - 1);
            if (!wanted.add(table.name())) {
                continue;
            }
            for (Constraint fk : table.foreignKeys()) {
                if (fk.references() != null) {
                    snapshot.table(fk.references()).ifPresent(queue::add);
                }
            }
        }
        return snapshot.tables().stream().filter(t -> wanted.contains(t.name())).toList();
    }

    private void reportSkipped() {
        for (Table tenantTable : tenancy.tenantTables()) {
            SyntheticData.TableRows root = rootRows(tenantTable);
            if (tenantTable.isPartition() && root != null && root.skipped()) {
                skip(tenantTable, "no synthetic row could be made for " + root.table().name() + ", the partitioned "
                        + "table " + tenantTable.name() + " belongs to; the isolation probe could not judge it");
            }
        }
        for (SyntheticData.TableRows table : rows.tables().values()) {
            if (table.skipped() && tenancy.isTenantTable(table.table().name())) {
                skippedTables.add(table.table().name());
                add(ProbeSkippedRule.INSTANCE, context.finding(ProbeSkippedRule.INSTANCE)
                        .table(table.table().name())
                        .at(context.sources().tableCreated(table.table()))
                        .message("no synthetic row could be made for " + table.table().name() + ": PostgreSQL said: "
                                + table.skipReason() + "; the isolation probe could not judge it. Add rows for "
                                + "{tenantA} and {tenantB} in a fixture file (parameter fixtures)")
                        .build());
            }
        }
    }

    private void skip(Table table, String message) {
        skippedTables.add(table.name());
        add(ProbeSkippedRule.INSTANCE, context.finding(ProbeSkippedRule.INSTANCE).table(table.name())
                .at(context.sources().tableCreated(table)).message(message).build());
    }

    /**
     * The positive control's verdict: a table where tenant A saw none of its own rows, and that showed no leak
     * either, was not probed.
     */
    private void reportUnseenOwnRows() {
        for (Map.Entry<QualifiedName, String> entry : ownRowsUnseen.entrySet()) {
            QualifiedName name = entry.getKey();
            boolean leaked = reported.contains(IsolationReadLeakRule.INSTANCE.id() + " " + name)
                    || reported.contains(IsolationWriteLeakRule.INSTANCE.id() + " " + name)
                    || reported.contains(IsolationFailOpenRule.INSTANCE.id() + " " + name);
            if (!leaked) {
                snapshot.table(name).ifPresent(table -> skip(table, "tenant A could not see its own rows in " + name
                        + " (" + entry.getValue() + "): a denial proves nothing about isolation when tenant A is "
                        + "denied too, so the isolation probe could not judge it. Check that tenantContext sets what "
                        + "the policies of " + name + " read"));
            }
        }
    }

    /** Synthetic rows of tenant A stored in {@code table} (for a partition: in it or its sub-partitions). */
    private long ownRows(Table table) {
        SyntheticData.TableRows filled = rootRows(table);
        if (filled == null) {
            return 0;
        }
        List<String> tenantColumns = tenancy.of(table.name()).tenantColumns();
        // a row counts when it really carries tenant A's id (a foreign key may have given its tenant column another)
        List<SyntheticData.Row> own = filled.rowsOf(0).stream().filter(r -> tenantColumns.isEmpty()
                || rows.tenantA().equals(r.values().get(tenantColumns.get(0)))).toList();
        if (!table.isPartition()) {
            return own.size();
        }
        return own.stream().filter(r -> snapshot.table(r.storedIn()).map(t -> within(t, table))
                .orElse(false)).count();
    }

    private boolean within(Table leaf, Table ancestor) {
        Table at = leaf;
        while (at != null) {
            if (at.name().equals(ancestor.name())) {
                return true;
            }
            at = at.isPartition() ? snapshot.table(at.partitionOf()).orElse(null) : null;
        }
        return false;
    }

    // --------------------------------------------------------------------------------------------- the states

    private void probeStates() throws SQLException {
        String a = rows.tenantA();
        String userA = users[0];
        List<State> states = new ArrayList<>();
        states.add(new State("with tenant A's context set", 0, a, userA, null, null));
        String setting = Fixes.tenantSetting(config);
        states.add(new State("with " + setting + " unset (a new session, tenant context never set)", null, null, null, null, null));
        states.add(new State("with " + setting + " set to '' (what a pooled connection holds after SET LOCAL)", null, "", "", null, null));
        states.add(new State(membership == null ? "with the tenant context naming no tenant ('" + rows.noTenant() + "')"
                : "with the tenant context naming a user of no tenant ('" + users[2] + "')", null,
                rows.noTenant(), users[2], null, null));
        for (String other : settingsReadByPolicies(setting)) {
            for (String value : CLIENT_VALUES) {
                states.add(new State("with tenant A's context set and " + other + " = '" + value + "'", 0, a, userA, other, value));
            }
        }
        List<Table> tables = tenancy.tenantTables().stream()
                .filter(t -> rootRows(t) != null && !rootRows(t).skipped()).toList();
        Map<QualifiedName, Counts> tenantA = null;
        List<ViewTarget> views = ViewTarget.readable(database, role.name(), snapshot, config.tenantColumns());
        for (State state : states) {
            try (Connection session = database.connectAsAdmin()) {
                try (Statement s = session.createStatement()) {
                    s.execute("SET SESSION AUTHORIZATION " + Sql.ident(role.name()));
                }
                session.setAutoCommit(false);
                session.unwrap(PGConnection.class).setAutosave(AutoSave.ALWAYS);
                try {
                    if (!setContext(session, state)) {
                        continue;
                    }
                    boolean ownContext = state.tenant() != null && state.setting() == null;
                    Map<QualifiedName, Counts> counts = new LinkedHashMap<>();
                    for (Table table : tables) {
                        Counts seen = count(session, table.name().sql(), predicate(table, 0), predicate(table, 1));
                        if (seen != null) {
                            counts.put(table.name(), seen);
                        }
                        if (ownContext) {
                            positiveControl(table, seen);
                        }
                    }
                    if (ownContext) {
                        tenantA = counts;
                        // the context is to blame when no table showed tenant A its rows, some hid them, and the
                        // policies read a setting the context could have set
                        boolean contextRead = membership != null || !settingsReadByPolicies(null).isEmpty();
                        long passed = tables.stream().filter(t -> !t.isPartition() && !ownRowsUnseen.containsKey(t.name()))
                                .count() - deniedByDesign;
                        if (passed <= 0 && ownRowsHidden && contextRead) {
                            throw new DbGuardException(noOwnRows(tables.size()));
                        }
                    }
                    judgeReads(session, state, tables, counts, tenantA);
                    judgeViews(session, state, views);
                    if (state.tenant() != null && state.setting() == null) {
                        session.unwrap(PGConnection.class).setAutosave(AutoSave.NEVER);
                        long writesStarted = System.nanoTime();
                        for (Table table : tables) {
                            if (!table.isPartition()) {
                                probeWrites(session, table);
                            }
                        }
                        writeNanos += System.nanoTime() - writesStarted;
                    }
                } finally {
                    session.rollback();
                }
            }
        }
    }

    /** Runs the tenant context (and the extra setting); false when PostgreSQL rejects it, so nothing can be read. */
    private boolean setContext(Connection session, State state) throws SQLException {
        try (Statement s = session.createStatement()) {
            if (state.tenantValue() != null) {
                s.execute(contextSql(state.tenantValue(), state.userValue()));
            }
            if (state.setting() != null) {
                try (PreparedStatement ps = session.prepareStatement("SELECT set_config(?, ?, false)")) {
                    ps.setString(1, state.setting());
                    ps.setString(2, state.value());
                    ps.execute();
                }
            }
            return true;
        } catch (SQLException e) {
            String text = "isolation probe: " + state.description() + ": the context could not be set ("
                    + SyntheticData.firstLine(e) + "); nothing can be read in that state";
            if (state.failOpenState()) {
                listener.progress(text); // a context PostgreSQL refuses is a denial
            } else if (state.setting() == null) {
                throw new DbGuardException("tenantContext " + config.tenantContext() + " fails with tenant A's id: "
                        + "PostgreSQL said: " + SyntheticData.firstLine(e) + ". Set tenantContext (dbguard.tenantContext) "
                        + "to the SQL the application runs to set the tenant, with {tenant}" + (membership == null
                        ? "" : " or {user}") + " where the id goes");
            } else {
                listener.warning(text + "; check tenantContext");
            }
            session.rollback();
            return false;
        }
    }

    private Counts count(Connection session, String relation, String isA, String isB) {
        String sql = "SELECT count(*), count(*) FILTER (WHERE " + isA + "), count(*) FILTER (WHERE " + isB + ") FROM "
                + relation;
        try (Statement s = session.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3));
        } catch (SQLException e) {
            lastReadError = SyntheticData.firstLine(e);
            return null; // an error is a denial (42501, or an error raised while evaluating a policy)
        }
    }

    /**
     * With tenant A's context set, tenant A must see its own rows, or the table's denials prove nothing. Denials by
     * design are not failures: no SELECT privilege on the table, or row level security with no policy for the role
     * (nobody reads it); nor is a partition that none of tenant A's rows reach (hash or list routing), which is
     * judged with its partitioned table.
     */
    private void positiveControl(Table table, Counts seen) {
        long own = ownRows(table);
        boolean noPolicy = table.rlsEnabled() && applicable(table, Policy.Command.SELECT).isEmpty();
        if (own == 0) {
            if (!table.isPartition()) {
                ownRowsUnseen.put(table.name(), "none of the synthetic rows carries tenant A's id in its tenant column");
            }
        } else if (seen == null) {
            String error = String.valueOf(lastReadError);
            if (!error.startsWith("permission denied for table " + table.name().name()) && !noPolicy) {
                ownRowsUnseen.put(table.name(), "SELECT failed: " + error);
                ownRowsHidden = true;
            } else {
                deniedByDesign++;
            }
        } else if (seen.a() == 0) {
            if (noPolicy) {
                deniedByDesign++;
            } else {
                ownRowsUnseen.put(table.name(), "SELECT returned " + seen.total() + " rows, none of tenant A's " + own);
                ownRowsHidden = true;
            }
        }
    }

    /** True once a table hid rows of tenant A from tenant A: what a wrong context does. */
    private boolean ownRowsHidden;
    private int deniedByDesign;

    /** The configuration error when no tenant table shows tenant A its own rows. */
    private String noOwnRows(int tables) {
        List<String> read = settingsReadByPolicies(null);
        return "with tenantContext " + config.tenantContext() + " set for tenant A, tenant A saw none of its own rows "
                + "in any of the " + tables + " tenant tables the probe filled: the context does not set what the "
                + "policies read, so every denial would prove nothing. The policies read "
                + (read.isEmpty() ? "no setting through current_setting" : String.join(", ", read))
                + ". Set tenantContext (dbguard.tenantContext) to the SQL the application runs, e.g. "
                + (read.isEmpty() ? GuardConfig.DEFAULT_TENANT_CONTEXT : "SET " + read.get(0) + " = '{"
                + (membership == null ? "tenant" : "user") + "}'") + (membership == null ? "" : ", and check "
                + "membershipTable and membershipUserColumn");
    }

    private void judgeReads(Connection session, State state, List<Table> tables, Map<QualifiedName, Counts> counts,
                            Map<QualifiedName, Counts> tenantA) {
        for (Table table : tables) {
            Counts seen = counts.get(table.name());
            if (seen == null) {
                continue;
            }
            String object = (table.isPartition() ? "partition " : "table ") + table.name();
            if (!state.failOpenState()) {
                long others = seen.total() - seen.a();
                if (others > 0) {
                    Policy culprit = culprit(session, table, "(" + predicate(table, 0) + ") IS NOT TRUE");
                    add(IsolationReadLeakRule.INSTANCE, readFinding(IsolationReadLeakRule.INSTANCE, table, culprit)
                            .message(state.description() + ", SELECT on " + object + " returned " + seen.total()
                                    + " rows: " + others + " not tenant A's (" + seen.b() + " of tenant B). "
                                    + blame(table, culprit))
                            .build());
                }
                continue;
            }
            Counts base = tenantA == null ? null : tenantA.get(table.name());
            if (base != null && base.total() > base.a()) {
                continue; // already a read leak with tenant A set: the same hole
            }
            long visible = state.tenant() == null ? seen.total() : seen.total() - seen.a();
            if (visible > 0) {
                Policy culprit = culprit(session, table,
                        state.tenant() == null ? "true" : "(" + predicate(table, 0) + ") IS NOT TRUE");
                add(IsolationFailOpenRule.INSTANCE, readFinding(IsolationFailOpenRule.INSTANCE, table, culprit)
                        .message(state.description() + ", SELECT on " + object + " returned " + visible + " rows"
                                + (state.tenant() == null ? "" : " not tenant A's") + " (" + seen.a() + " of tenant A, "
                                + seen.b() + " of tenant B). " + blame(table, culprit))
                        .build());
            }
        }
    }

    private void judgeViews(Connection session, State state, List<ViewTarget> views) {
        for (ViewTarget target : views) {
            String isA = Sql.ident(target.tenantColumn()) + "::text = " + Sql.literal(rows.tenantA());
            String isB = Sql.ident(target.tenantColumn()) + "::text = " + Sql.literal(rows.tenantB());
            Counts seen = count(session, target.view().name().sql(), isA, isB);
            if (seen == null) {
                continue;
            }
            long visible = state.tenant() != null ? seen.total() - seen.a() : seen.total();
            if (visible <= 0) {
                continue;
            }
            Rule rule = state.failOpenState() ? IsolationFailOpenRule.INSTANCE : IsolationReadLeakRule.INSTANCE;
            View view = target.view();
            if (state.failOpenState() && reported.contains(IsolationReadLeakRule.INSTANCE.id() + " " + view.name())) {
                continue; // already a read leak with tenant A set: the same hole
            }
            add(rule, context.finding(rule).table(view.name()).object(view.name().toString())
                    .at(context.sources().view(view))
                    .message(state.description() + ", SELECT on view " + view.name() + " returned " + visible
                            + " rows" + (state.tenant() == null ? "" : " not tenant A's") + " (" + seen.b()
                            + " of tenant B)" + (view.securityInvoker() ? ": the policies of the tables it reads let them through"
                            : ": the view runs with its owner's rights (" + view.owner() + "), whose reads skip row level security"))
                    .fix(view.securityInvoker() ? null : "ALTER VIEW " + view.name().sql() + " SET (security_invoker = true);",
                            view.securityInvoker() ? null : "ALTER VIEW " + view.name().sql() + " RESET (security_invoker);")
                    .build());
        }
    }

    // --------------------------------------------------------------------------------------------- the writes

    private void probeWrites(Connection session, Table table) throws SQLException {
        SyntheticData.TableRows filled = rows.of(table.name()).orElse(null);
        if (filled == null || filled.rowsOf(0).isEmpty() || filled.rowsOf(1).isEmpty()) {
            return;
        }
        SyntheticData.Row a1 = filled.rowsOf(0).get(0);
        SyntheticData.Row b1 = filled.rowsOf(1).get(0);
        List<String> keys = tenantKeyColumns(table);
        if (keys.isEmpty()) {
            return;
        }
        String isB = predicate(table, 1);
        String toB = assignments(keys, b1.values());
        List<String> leaks = new ArrayList<>();
        Policy.Command command = null;

        // the positive control of the writes: tenant A updating its own row; where the tenant column tells the rows
        // apart after the update, in the same statement as the update of B's rows
        List<String> tenantColumns = tenancy.of(table.name()).tenantColumns();
        long changed;
        long ownWrites;
        if (!tenantColumns.isEmpty()) {
            long[] both = writeCounting(session, "UPDATE " + table.name().sql() + " SET " + selfAssign(keys) + " WHERE ("
                    + isB + ") OR (" + rowIs(a1) + ") RETURNING (" + isB + ")");
            changed = both[1];
            ownWrites = both[0] - both[1];
        } else {
            changed = write(session, "UPDATE " + table.name().sql() + " SET " + selfAssign(keys) + " WHERE " + isB,
                    null, null);
            ownWrites = write(session, "UPDATE " + table.name().sql() + " SET " + selfAssign(keys) + " WHERE "
                    + rowIs(a1), null, null);
        }
        var own = data.freshRow(table, 0);
        if (ownWrites == 0 && own.isPresent()) {
            List<String> columns = new ArrayList<>(own.get().keySet());
            ownWrites = write(session, SyntheticData.insertSql(table, columns, 1, data.needsOverriding(table)),
                    own.get(), columns);
        }
        if (ownWrites == 0) {
            ownWritesRefused.add(table.name().toString());
        }

        var fresh = data.freshRow(table, 1);
        if (fresh.isPresent()) {
            List<String> columns = new ArrayList<>(fresh.get().keySet());
            String sql = SyntheticData.insertSql(table, columns, 1, data.needsOverriding(table));
            long n = write(session, sql, fresh.get(), columns);
            if (n > 0) {
                leaks.add("INSERT of a tenant-B row inserted " + n);
                command = Policy.Command.INSERT;
            }
        }
        long moved = write(session, "UPDATE " + table.name().sql() + " SET " + toB + " WHERE " + rowIs(a1), null, null);
        if (moved > 0) {
            leaks.add("UPDATE … SET " + String.join(", ", keys) + " to tenant B WHERE <a tenant-A row> moved " + moved);
            command = command == null ? Policy.Command.UPDATE : command;
        }
        long movedAll = write(session, "UPDATE " + table.name().sql() + " SET " + toB, null, null);
        if (movedAll > 0) {
            leaks.add("UPDATE … SET " + String.join(", ", keys) + " to tenant B without WHERE moved " + movedAll);
            command = command == null ? Policy.Command.UPDATE : command;
        }
        if (changed > 0) {
            leaks.add("UPDATE of tenant B's rows changed " + changed);
            command = command == null ? Policy.Command.UPDATE : command;
        }
        long deleted = write(session, "DELETE FROM " + table.name().sql() + " WHERE " + isB, null, null);
        if (deleted > 0) {
            leaks.add("DELETE of tenant B's rows removed " + deleted);
            command = command == null ? Policy.Command.DELETE : command;
        }
        long upserted = upsert(session, table, keys, a1, b1);
        if (upserted > 0) {
            leaks.add("INSERT … ON CONFLICT DO UPDATE onto a tenant-B row's key updated " + upserted);
            command = command == null ? Policy.Command.UPDATE : command;
        }
        if (leaks.isEmpty()) {
            return;
        }
        Policy culprit = writeCulprit(table, command);
        add(IsolationWriteLeakRule.INSTANCE, readFinding(IsolationWriteLeakRule.INSTANCE, table, culprit)
                .message("with tenant A's context set, writes reached tenant B in " + table.name() + ": "
                        + String.join("; ", leaks) + (leaks.size() == 1 ? "" : " (row counts)") + ". "
                        + blame(table, culprit))
                .build());
    }

    /** Runs a write under a savepoint and rolls it back; the rows it affected, 0 when PostgreSQL refused. */
    private static long write(Connection session, String sql, Map<String, String> values, List<String> columns)
            throws SQLException {
        Savepoint savepoint = session.setSavepoint();
        try (PreparedStatement ps = session.prepareStatement(sql)) {
            if (values != null) {
                for (int k = 0; k < columns.size(); k++) {
                    SyntheticData.setUntyped(ps, k + 1, values.get(columns.get(k)));
                }
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            return 0;
        } finally {
            session.rollback(savepoint);
        }
    }

    /** Runs a write with a boolean RETURNING and rolls it back: rows affected, and rows for which it was true. */
    private static long[] writeCounting(Connection session, String sql) throws SQLException {
        Savepoint savepoint = session.setSavepoint();
        try (Statement s = session.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            long all = 0;
            long flagged = 0;
            while (rs.next()) {
                all++;
                flagged += rs.getBoolean(1) ? 1 : 0;
            }
            return new long[] {all, flagged};
        } catch (SQLException e) {
            return new long[] {0, 0};
        } finally {
            session.rollback(savepoint);
        }
    }

    /** An upsert proposing tenant A's ownership for a key tenant B's row holds: when it updates, B's row changed. */
    private long upsert(Connection session, Table table, List<String> keys, SyntheticData.Row a1, SyntheticData.Row b1)
            throws SQLException {
        Constraint pk = table.constraints(Constraint.Type.PRIMARY_KEY).stream().findFirst().orElse(null);
        if (pk == null || pk.columns().stream().anyMatch(keys::contains)) {
            return 0; // the key holds the tenant: tenant A's row cannot collide with tenant B's
        }
        Map<String, String> proposed = new LinkedHashMap<>();
        boolean overriding = false;
        for (Column column : table.columns()) {
            boolean inKey = pk.columns().contains(column.name());
            if (column.generated() || column.identity() == 'a' && !inKey) {
                continue;
            }
            overriding |= column.identity() == 'a';
            proposed.put(column.name(), keys.contains(column.name()) ? a1.values().get(column.name())
                    : b1.values().get(column.name()));
        }
        List<String> columns = new ArrayList<>(proposed.keySet());
        String sql = SyntheticData.insertSql(table, columns, 1, overriding) + " ON CONFLICT ("
                + Fixes.joinColumns(pk.columns()) + ") DO UPDATE SET " + excluded(keys);
        return write(session, sql, proposed, columns);
    }

    // ------------------------------------------------------------------------------------ blame and findings

    /** The permissive SELECT policy that lets the unwanted rows through, found by evaluating each one's USING. */
    private Policy culprit(Connection session, Table table, String unwanted) {
        if (!table.rlsEnabled()) {
            return null;
        }
        for (Policy policy : applicable(table, Policy.Command.SELECT)) {
            if (policy.using() == null) {
                continue;
            }
            Counts c = count(session, table.name().sql() + " WHERE " + unwanted + " AND (" + policy.using() + ")",
                    "true", "true");
            if (c != null && c.total() > 0) {
                return policy;
            }
        }
        List<Policy> applicable = applicable(table, Policy.Command.SELECT);
        return applicable.isEmpty() ? null : applicable.get(0);
    }

    /** For a write: the permissive policy for the command whose check does not pin the tenant, else the first. */
    private Policy writeCulprit(Table table, Policy.Command command) {
        if (!table.rlsEnabled()) {
            return null;
        }
        List<Policy> applicable = applicable(table, command);
        List<String> keys = tenantKeyColumns(table);
        for (Policy policy : applicable) {
            String expression = policy.withCheck() != null && command != Policy.Command.DELETE
                    ? policy.withCheck() : policy.using();
            if (expression == null || keys.stream().noneMatch(expression::contains)) {
                return policy;
            }
        }
        for (Policy policy : applicable) {
            if (policy.withCheck() != null) {
                return policy;
            }
        }
        return applicable.isEmpty() ? null : applicable.get(0);
    }

    private List<Policy> applicable(Table table, Policy.Command command) {
        Set<String> roles = role.roles(context);
        return table.policies().stream()
                .filter(p -> p.permissive() && p.command().covers(command) && p.appliesTo(roles)).toList();
    }

    private dev.dbguard.core.rules.FindingBuilder readFinding(Rule rule, Table table, Policy culprit) {
        var builder = context.finding(rule).table(table.name());
        if (!table.rlsEnabled() || table.policies().isEmpty()) {
            return builder.at(context.sources().rowLevelSecurity(table))
                    .fix(Fixes.enableAndForce(table.name()) + "\nCREATE POLICY tenant_isolation ON " + table.name().sql()
                                    + " USING (" + tenantPredicate(table) + ");",
                            "DROP POLICY tenant_isolation ON " + table.name().sql() + ";\nALTER TABLE "
                                    + table.name().sql() + " NO FORCE ROW LEVEL SECURITY;\nALTER TABLE "
                                    + table.name().sql() + " DISABLE ROW LEVEL SECURITY;");
        }
        if (culprit == null) {
            return builder.at(context.sources().rowLevelSecurity(table));
        }
        String predicate = tenantPredicate(table);
        return builder.object(culprit.name()).at(context.sources().policy(table, culprit))
                .fix(alter(table, culprit, predicate, predicate), alter(table, culprit, culprit.using(), culprit.withCheck()));
    }

    /**
     * The predicate a fix puts in the policy: the tenant column against the setting, or, in membership tenancy, the
     * tenant column among the tenants the session's user is a member of.
     */
    private String tenantPredicate(Table table) {
        List<String> columns = tenancy.of(table.name()).tenantColumns();
        if (membership == null || columns.isEmpty()) {
            return PolicyFindings.tenantPredicate(context, table);
        }
        String userType = membership.table().column(membership.userColumn()).map(Column::type).orElse("text");
        return Sql.ident(columns.get(0)) + " IN (SELECT m." + Sql.ident(membership.tenantColumn()) + " FROM "
                + membership.table().name().sql() + " m WHERE m." + Sql.ident(membership.userColumn())
                + " = current_setting(" + Sql.literal(Fixes.tenantSetting(config)) + ", true)::" + userType + ")";
    }

    private static String blame(Table table, Policy culprit) {
        if (!table.rlsEnabled()) {
            return "Row level security is not enabled on " + table.name() + ".";
        }
        if (table.policies().isEmpty()) {
            return "";
        }
        return culprit == null ? "" : "Policy " + culprit.name() + " (USING " + culprit.using()
                + (culprit.withCheck() == null ? "" : ", WITH CHECK " + culprit.withCheck()) + ") lets them through.";
    }

    private static String alter(Table table, Policy policy, String using, String check) {
        StringBuilder sql = new StringBuilder("ALTER POLICY " + Sql.ident(policy.name()) + " ON " + table.name().sql());
        if (policy.command() != Policy.Command.INSERT && using != null) {
            sql.append(" USING (").append(using).append(')');
        }
        if (policy.command() != Policy.Command.SELECT && policy.command() != Policy.Command.DELETE && check != null) {
            sql.append(" WITH CHECK (").append(check).append(')');
        }
        return sql.append(';').toString();
    }

    /** One finding per rule and table (or view): the first state that shows the hole says it. */
    private void add(Rule rule, Finding finding) {
        if (settings.enabled(rule) && reported.add(rule.id() + " " + finding.table())) {
            findings.addAll(settings.apply(rule, List.of(finding)));
        }
    }

    // ------------------------------------------------------------------------------------------ SQL pieces

    private SyntheticData.TableRows rootRows(Table table) {
        Table at = table;
        while (at.isPartition()) {
            Table parent = snapshot.table(at.partitionOf()).orElse(null);
            if (parent == null) {
                break;
            }
            at = parent;
        }
        return rows.of(at.name()).orElse(null);
    }

    /** The columns that say whose a row is: the tenant columns, or the first foreign key towards the tenant. */
    private List<String> tenantKeyColumns(Table table) {
        TenantModel.TableTenancy t = tenancy.of(table.name());
        if (!t.tenantColumns().isEmpty()) {
            return t.tenantColumns();
        }
        return t.pathToTenant().isEmpty() ? List.of() : t.pathToTenant().get(0).foreignKey().columns();
    }

    /** SQL true for rows of tenant {@code which}: by the tenant column, else by the synthetic rows' addresses. */
    private String predicate(Table table, int which) {
        TenantModel.TableTenancy t = tenancy.of(table.name());
        if (!t.tenantColumns().isEmpty()) {
            return Sql.ident(t.tenantColumns().get(0)) + "::text = " + Sql.literal(rows.tenantIds().get(which));
        }
        SyntheticData.TableRows filled = rootRows(table);
        List<String> addresses = filled == null ? List.of()
                : filled.rowsOf(which).stream().map(r -> r.storedIn() + ":" + r.ctid()).toList();
        if (addresses.isEmpty()) {
            return "false";
        }
        return "(tableoid::bigint::text || ':' || ctid::text) = ANY (" + Sql.literal("{" + String.join(",",
                addresses.stream().map(x -> "\"" + x + "\"").toList()) + "}") + "::text[])";
    }

    private static String rowIs(SyntheticData.Row row) {
        return "tableoid = " + row.storedIn() + " AND ctid = " + Sql.literal(row.ctid()) + "::tid";
    }

    private static String assignments(List<String> columns, Map<String, String> values) {
        List<String> parts = new ArrayList<>();
        for (String column : columns) {
            String value = values.get(column);
            parts.add(Sql.ident(column) + " = " + (value == null ? "NULL" : Sql.literal(value)));
        }
        return String.join(", ", parts);
    }

    private static String selfAssign(List<String> columns) {
        return String.join(", ", columns.stream().map(c -> Sql.ident(c) + " = " + Sql.ident(c)).toList());
    }

    private static String excluded(List<String> columns) {
        return String.join(", ", columns.stream().map(c -> Sql.ident(c) + " = EXCLUDED." + Sql.ident(c)).toList());
    }

    /** Settings the policies read (and the functions they call), other than the tenant's own. */
    private List<String> settingsReadByPolicies(String tenantSetting) {
        Set<String> found = new LinkedHashSet<>();
        List<String> texts = new ArrayList<>();
        for (Table table : tenancy.tenantTables()) {
            for (Policy policy : table.policies()) {
                texts.add(policy.using() == null ? "" : policy.using());
                texts.add(policy.withCheck() == null ? "" : policy.withCheck());
            }
        }
        // the functions the policies call, and the functions those call (auth.uid() inside a membership check)
        Set<Long> seen = new java.util.HashSet<>();
        for (boolean grew = true; grew; ) {
            grew = false;
            String text = String.join("\n", texts);
            for (Function function : snapshot.functions()) {
                if (function.body() != null && !seen.contains(function.oid())
                        && text.contains(function.name().name() + "(")) {
                    seen.add(function.oid());
                    texts.add(function.body());
                    grew = true;
                }
            }
        }
        for (String text : texts) {
            Matcher m = CURRENT_SETTING.matcher(text);
            while (m.find()) {
                String name = m.group(1).toLowerCase(Locale.ROOT);
                if (name.contains(".") && (tenantSetting == null || !name.equalsIgnoreCase(tenantSetting))) {
                    found.add(name);
                }
            }
        }
        return List.copyOf(found);
    }

    /** Views that expose a tenant column and that the probe role may read. */
    record ViewTarget(View view, String tenantColumn) {
        static List<ViewTarget> readable(ThrowawayPostgres database, String role, CatalogSnapshot snapshot,
                                         List<String> tenantColumns) throws SQLException {
            List<View> views = snapshot.views().stream().filter(v -> !v.materialized()).toList();
            if (views.isEmpty()) {
                return List.of();
            }
            Map<Long, View> byOid = new HashMap<>();
            views.forEach(v -> byOid.put(v.oid(), v));
            List<ViewTarget> result = new ArrayList<>();
            try (Connection admin = database.connectAsAdmin();
                 PreparedStatement ps = admin.prepareStatement("""
                         SELECT c.oid, (SELECT a.attname::text FROM pg_attribute a
                                        WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                                              AND a.attname::text = ANY (?) ORDER BY a.attnum LIMIT 1)
                         FROM pg_class c WHERE c.oid = ANY (?) AND has_table_privilege(?, c.oid, 'SELECT')
                         ORDER BY c.oid""")) {
                ps.setArray(1, admin.createArrayOf("text", tenantColumns.toArray()));
                ps.setArray(2, admin.createArrayOf("oid", byOid.keySet().toArray()));
                ps.setString(3, role);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getString(2) != null) {
                            result.add(new ViewTarget(byOid.get(rs.getLong(1)), rs.getString(2)));
                        }
                    }
                }
            }
            return result;
        }
    }
}
