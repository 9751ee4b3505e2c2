package dev.dbguard.core.rehearsal;

import dev.dbguard.core.catalog.CatalogSnapshot;
import dev.dbguard.core.catalog.Column;
import dev.dbguard.core.catalog.Constraint;
import dev.dbguard.core.catalog.Index;
import dev.dbguard.core.catalog.Policy;
import dev.dbguard.core.catalog.Table;
import dev.dbguard.core.catalog.View;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A schema as a set of lines that name everything a rollback must restore, without oids or row counts: tables
 * (kind, row level security), columns (position-free: name, type, nullability, default, identity), constraints,
 * indexes, policies and views. Two catalogues describe the same schema when their shapes are equal.
 */
public record SchemaShape(SortedSet<String> lines) {

    public static SchemaShape of(CatalogSnapshot snapshot) {
        SortedSet<String> lines = new TreeSet<>();
        for (Table table : snapshot.tables()) {
            String t = table.name().toString();
            lines.add("table " + t + " kind=" + table.kind() + " rls=" + table.rlsEnabled() + " forced="
                    + table.rlsForced() + (table.partitionOf() == null ? "" : " partition of " + table.partitionOf()));
            for (Column c : table.columns()) {
                lines.add("column " + t + "." + c.name() + " " + c.type() + (c.notNull() ? " NOT NULL" : "")
                        + (c.defaultExpr() == null ? "" : " DEFAULT " + c.defaultExpr())
                        + (c.identity() == '\0' ? "" : " identity=" + c.identity())
                        + (c.generated() ? " generated" : ""));
            }
            for (Constraint k : table.constraints()) {
                lines.add("constraint " + t + "." + k.name() + " " + k.definition()
                        + (k.validated() ? "" : " NOT VALID"));
            }
            for (Index i : table.indexes()) {
                lines.add("index " + t + "." + i.name() + " " + i.definition() + (i.valid() ? "" : " INVALID"));
            }
            for (Policy p : table.policies()) {
                lines.add("policy " + t + "." + p.name() + " " + (p.permissive() ? "PERMISSIVE" : "RESTRICTIVE")
                        + " FOR " + p.command() + " TO " + String.join(",", p.roles())
                        + (p.using() == null ? "" : " USING (" + p.using() + ")")
                        + (p.withCheck() == null ? "" : " WITH CHECK (" + p.withCheck() + ")"));
            }
        }
        for (View view : snapshot.views()) {
            lines.add("view " + view.name() + (view.materialized() ? " materialized" : "")
                    + (view.securityInvoker() ? " security_invoker" : "") + " AS " + view.definition().strip());
        }
        return new SchemaShape(lines);
    }

    /** What differs: {@code - line} only in this shape, {@code + line} only in {@code other}. */
    public List<String> differences(SchemaShape other) {
        List<String> differences = new ArrayList<>();
        for (String line : lines) {
            if (!other.lines.contains(line)) {
                differences.add("- " + line);
            }
        }
        for (String line : other.lines) {
            if (!lines.contains(line)) {
                differences.add("+ " + line);
            }
        }
        return differences;
    }
}
