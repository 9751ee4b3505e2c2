package dev.dbguard.core.rules.rls;

import dev.dbguard.core.catalog.Function;
import dev.dbguard.core.catalog.Table;
import dev.dbguard.core.api.Finding;
import dev.dbguard.core.api.Severity;
import dev.dbguard.core.rules.RuleDefinition;
import dev.dbguard.core.rules.SchemaContext;
import dev.dbguard.core.rules.SchemaRule;
import dev.dbguard.core.rules.Section;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

@RuleDefinition(id = "security-definer-function", severity = Severity.WARNING, section = Section.ROW_LEVEL_SECURITY,
        summary = "A SECURITY DEFINER function reads a tenant table as an owner that row level security does not restrict")
public final class SecurityDefinerFunctionRule implements SchemaRule {

    @Override
    public List<Finding> check(SchemaContext context) {
        List<Finding> findings = new ArrayList<>();
        for (Function function : context.snapshot().functions()) {
            if (!function.securityDefiner()) {
                continue;
            }
            List<Table> leaking = new ArrayList<>();
            for (Table table : context.tenancy().tenantTables()) {
                if (references(function, table) && context.roles().bypassesRls(function.owner(), table)) {
                    leaking.add(table);
                }
            }
            if (leaking.isEmpty()) {
                continue;
            }
            String names = String.join(", ", leaking.stream().map(t -> t.name().toString()).toList());
            findings.add(context.finding(this)
                    .table(leaking.get(0).name())
                    .object(function.signature())
                    .at(context.sources().function(function))
                    .message("SECURITY DEFINER function " + function.signature() + " uses " + names + " as its owner "
                            + function.owner() + ", whom row level security does not restrict: every caller reaches "
                            + "every tenant's rows through it")
                    .fix("ALTER FUNCTION " + qualified(function) + " SECURITY INVOKER;",
                            "ALTER FUNCTION " + qualified(function) + " SECURITY DEFINER;")
                    .build());
        }
        return findings;
    }

    static String qualified(Function function) {
        String signature = function.signature();
        return signature.startsWith(function.name().schema() + ".") ? signature
                : function.name().schema() + "." + signature;
    }

    /** Through pg_depend (SQL-standard bodies) or by name in the source text (PL/pgSQL, plain SQL). */
    private static boolean references(Function function, Table table) {
        if (function.dependsOn().contains(table.name())) {
            return true;
        }
        String body = function.body() == null ? "" : function.body();
        return Pattern.compile("(?i)(?<![\\w$])\"?" + Pattern.quote(table.name().name()) + "\"?(?![\\w$])")
                .matcher(body).find();
    }
}
