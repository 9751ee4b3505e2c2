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
 * Proves tenant isolation by trying to break it (RULES.md section 3). After the migrations, it fills the tenant
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
    private final CatalogSnapshot snapshot;
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
    private record State(String description, Integer tenant, String tenantValue, String setting, String value) {
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
        boolean enabled = List.<Rule>of(IsolationReadLeakRule.INSTANCE, IsolationWriteLeakRule.INSTANCE,
                IsolationFailOpenRule.INSTANCE, ProbeSkippedRule.INSTANCE).stream().anyMatch(settings::enabled);
        if (!enabled || context.tenancy().tenantTables().isEmpty()) {
            return List.of();
        }
        IsolationProbe probe = new IsolationProbe(database, context, settings, listener);
        try {
            probe.run();
        } catch (SQLException e) {
            throw new DbGuardException("the isolation probe failed on the throwaway PostgreSQL: "
                    + SyntheticData.firstLine(e), e);
        }
        return probe.findings;
    }

    private void run() throws SQLException {
        long started = System.nanoTime();
        try (Connection admin = database.connectAsAdmin()) {
            Sequences sequences = Sequences.save(admin, config.schemas());
            role = ProbeRole.choose(admin, context, listener);
            data = new SyntheticData(snapshot, tenancy);
            try {
                List<String> ids = data.prepare(admin);
                Fixtures.run(admin, config.fixtures(), ids, data, tablesToFill(), snapshot);
                rows = data.fill(admin, tablesToFill());
                fillMillis = (System.nanoTime() - started) / 1_000_000;
                reportSkipped();
                probeStates();
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
    }

    /** Tenant tables, the tenants table and every table they reference (parents first is the generator's job). */
    private List<Table> tablesToFill() {
        Set<QualifiedName> wanted = new LinkedHashSet<>();
        List<Table> queue = new ArrayList<>(tenancy.tenantTables());
        tenancy.tenantTableIfPresent().ifPresent(queue::add);
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
        for (SyntheticData.TableRows table : rows.tables().values()) {
            if (table.skipped() && tenancy.isTenantTable(table.table().name())) {
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

    // --------------------------------------------------------------------------------------------- the states

    private void probeStates() throws SQLException {
        String a = rows.tenantA();
        List<State> states = new ArrayList<>();
        states.add(new State("with tenant A's context set", 0, a, null, null));
        String setting = Fixes.tenantSetting(config);
        states.add(new State("with " + setting + " unset (a new session, tenant context never set)", null, null, null, null));
        states.add(new State("with " + setting + " set to '' (what a pooled connection holds after SET LOCAL)", null, "", null, null));
        states.add(new State("with the tenant context naming no tenant ('" + rows.noTenant() + "')", null,
                rows.noTenant(), null, null));
        for (String other : settingsReadByPolicies(setting)) {
            for (String value : CLIENT_VALUES) {
                states.add(new State("with tenant A's context set and " + other + " = '" + value + "'", 0, a, other, value));
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
                    Map<QualifiedName, Counts> counts = new LinkedHashMap<>();
                    for (Table table : tables) {
                        Counts seen = count(session, table.name().sql(), predicate(table, 0), predicate(table, 1));
                        if (seen != null) {
                            counts.put(table.name(), seen);
                        }
                    }
                    if (state.tenant() != null && state.setting() == null) {
                        tenantA = counts;
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
                s.execute(config.tenantContext().replace("{tenant}", state.tenantValue()));
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
            return null; // an error is a denial (42501, or an error raised while evaluating a policy)
        }
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
        long changed = write(session, "UPDATE " + table.name().sql() + " SET " + selfAssign(keys) + " WHERE " + isB, null, null);
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
                                    + " USING (" + PolicyFindings.tenantPredicate(context, table) + ");",
                            "DROP POLICY tenant_isolation ON " + table.name().sql() + ";\nALTER TABLE "
                                    + table.name().sql() + " NO FORCE ROW LEVEL SECURITY;\nALTER TABLE "
                                    + table.name().sql() + " DISABLE ROW LEVEL SECURITY;");
        }
        if (culprit == null) {
            return builder.at(context.sources().rowLevelSecurity(table));
        }
        String predicate = PolicyFindings.tenantPredicate(context, table);
        return builder.object(culprit.name()).at(context.sources().policy(table, culprit))
                .fix(alter(table, culprit, predicate, predicate), alter(table, culprit, culprit.using(), culprit.withCheck()));
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
        String policyText = String.join("\n", texts);
        for (Function function : snapshot.functions()) {
            if (function.body() != null && policyText.contains(function.name().name() + "(")) {
                texts.add(function.body());
            }
        }
        for (String text : texts) {
            Matcher m = CURRENT_SETTING.matcher(text);
            while (m.find()) {
                String name = m.group(1).toLowerCase(Locale.ROOT);
                if (name.contains(".") && !name.equalsIgnoreCase(tenantSetting)) {
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
