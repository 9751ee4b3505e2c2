package dev.dbguard.core.rules.rls;

import dev.dbguard.core.catalog.QualifiedName;
import dev.dbguard.core.catalog.Table;
import dev.dbguard.core.catalog.View;
import dev.dbguard.core.api.Finding;
import dev.dbguard.core.api.Severity;
import dev.dbguard.core.rules.RuleDefinition;
import dev.dbguard.core.rules.SchemaContext;
import dev.dbguard.core.rules.SchemaRule;
import dev.dbguard.core.rules.Section;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

@RuleDefinition(id = "view-bypasses-rls", severity = Severity.ERROR, section = Section.ROW_LEVEL_SECURITY,
        summary = "A view reads a tenant table with the rights of an owner that row level security does not apply to")
public final class ViewBypassesRlsRule implements SchemaRule {

    @Override
    public List<Finding> check(SchemaContext context) {
        Map<QualifiedName, View> views = new HashMap<>();
        for (View view : context.snapshot().views()) {
            views.put(view.name(), view);
        }
        boolean hasSecurityInvoker = majorVersion(context.snapshot().serverVersion()) >= 15;
        List<Finding> findings = new ArrayList<>();
        for (View view : context.snapshot().views()) {
            if (view.securityInvoker() && !view.materialized()) {
                continue; // the caller's own policies apply
            }
            List<Table> leaking = new ArrayList<>();
            for (Table table : tablesRead(view, views, context)) {
                if (context.tenancy().isTenantTable(table.name()) && context.roles().bypassesRls(view.owner(), table)) {
                    leaking.add(table);
                }
            }
            if (leaking.isEmpty()) {
                continue;
            }
            String names = String.join(", ", leaking.stream().map(t -> t.name().toString()).toList());
            String v = view.name().sql();
            String fix;
            String rollback;
            if (view.materialized()) {
                fix = "-- a materialized view stores every row its owner can read; keep it away from the application:\n"
                        + "REVOKE ALL ON " + v + " FROM PUBLIC;";
                rollback = "GRANT SELECT ON " + v + " TO PUBLIC;";
            } else if (hasSecurityInvoker) {
                fix = "ALTER VIEW " + v + " SET (security_invoker = true);";
                rollback = "ALTER VIEW " + v + " RESET (security_invoker);";
            } else {
                fix = "-- PostgreSQL before 15 has no security_invoker: give the view an owner subject to row level security\n"
                        + "ALTER VIEW " + v + " OWNER TO <role without BYPASSRLS that owns no tenant table>;";
                rollback = "ALTER VIEW " + v + " OWNER TO " + view.owner() + ";";
            }
            findings.add(context.finding(this)
                    // the view is the object to fix; the message names the tables it exposes
                    .table(view.name())
                    .object(view.name().toString())
                    .at(context.sources().view(view))
                    .message((view.materialized() ? "materialized view " : "view ") + view.name() + " reads " + names
                            + " as its owner " + view.owner() + ", whom row level security does not restrict: "
                            + "it shows every tenant's rows")
                    .fix(fix, rollback)
                    .build());
        }
        return findings;
    }

    /** Tables read by the view, through other views it reads too. */
    private static Set<Table> tablesRead(View view, Map<QualifiedName, View> views, SchemaContext context) {
        Set<Table> tables = new LinkedHashSet<>();
        Set<QualifiedName> seen = new LinkedHashSet<>();
        Deque<QualifiedName> queue = new ArrayDeque<>(view.reads());
        while (!queue.isEmpty()) {
            QualifiedName name = queue.poll();
            if (!seen.add(name)) {
                continue;
            }
            context.snapshot().table(name).ifPresent(tables::add);
            View inner = views.get(name);
            // an inner view without security_invoker reads with its own owner's rights: judged on its own
            if (inner != null && inner.securityInvoker()) {
                queue.addAll(inner.reads());
            }
        }
        return tables;
    }

    static int majorVersion(String serverVersion) {
        try {
            return Integer.parseInt(serverVersion.split("\\.")[0]);
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
