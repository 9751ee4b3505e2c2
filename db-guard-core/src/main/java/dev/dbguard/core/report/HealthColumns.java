package dev.dbguard.core.report;

import dev.dbguard.core.api.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * The schema health matrix as cells, shared by the HTML page and the site report so both show the same columns
 * with the same judgement: a missing safeguard on a tenant table is {@link Kind#NO}; the same gap on a global
 * table is only {@link Kind#NA}, since the tenancy rules do not ask for it there. What a schema hygiene rule finds is
 * a gap on any table.
 */
public final class HealthColumns {

    public static final List<String> HEADERS = List.of("Table", "Tenancy", "Rows", "Columns", "Tenant column",
            "NOT NULL", "FK to tenants", "Indexed", "RLS", "Forced", "Policies", "created_at", "updated_at",
            "deleted_at", "Unindexed foreign keys", "timestamp without time zone", "Synonym columns",
            "Errors", "Warnings", "Info");

    /** The columns about tenant isolation and findings, by index into {@link #HEADERS}, for narrow pages. */
    public static final List<Integer> ISOLATION = List.of(0, 1, 4, 5, 6, 7, 8, 9, 10, 17, 18, 19);

    /** The remaining columns (size, schema hygiene), by index into {@link #HEADERS}, table name first. */
    public static final List<Integer> SHAPE = List.of(0, 2, 3, 11, 12, 13, 14, 15, 16);

    /** How a cell reads: good, a gap, not applicable, a number, plain text, or a finding count. */
    public enum Kind {
        YES("yes"), NO("no"), NA("na"), NUM("num"), TEXT("text"),
        ERROR("num count ERROR"), WARNING("num count WARNING"), INFO("num count INFO");

        private final String css;

        Kind(String css) {
            this.css = css;
        }

        /** The CSS classes of the HTML page for this kind. */
        public String css() {
            return css;
        }
    }

    public record Cell(String text, Kind kind) {
    }

    private HealthColumns() {
    }

    /** One cell per {@link #HEADERS} entry. */
    public static List<Cell> cells(TableHealth row) {
        boolean tenantTable = row.tenancy().startsWith("tenant-");
        List<Cell> cells = new ArrayList<>();
        cells.add(new Cell(row.table(), Kind.TEXT));
        cells.add(new Cell(row.tenancy(), Kind.TEXT));
        cells.add(new Cell(Long.toString(row.rows()), Kind.NUM));
        cells.add(new Cell(Integer.toString(row.columns()), Kind.NUM));
        TableHealth.TenantColumn tenant = row.tenantColumn();
        if (tenant == null) {
            cells.add(new Cell(row.tenancy().equals("tenant-owned") ? "via foreign key" : "-", Kind.NA));
            cells.add(new Cell("-", Kind.NA));
            cells.add(new Cell("-", Kind.NA));
            cells.add(new Cell("-", Kind.NA));
        } else {
            cells.add(new Cell(tenant.name(), Kind.TEXT));
            cells.add(judged(tenant.notNull(), true));
            cells.add(judged(tenant.referencesTenants(), true));
            cells.add(judged(tenant.indexed(), true));
        }
        cells.add(judged(row.rlsEnabled(), tenantTable));
        cells.add(judged(row.rlsForced(), tenantTable));
        cells.add(new Cell(Integer.toString(row.policies()),
                tenantTable && row.policies() == 0 ? Kind.NO : Kind.NUM));
        // timestamps-missing asks for both on tenant tables; soft-delete-missing is off by default
        cells.add(judged(row.createdAt(), tenantTable));
        cells.add(judged(row.updatedAt(), tenantTable));
        cells.add(present(row.softDelete()));
        cells.add(gaps(row.unindexedForeignKeys(), ", "));
        cells.add(gaps(row.timestampsWithoutTimeZone(), ", "));
        cells.add(gaps(row.synonymColumns(), "; "));
        cells.add(count(row, Severity.ERROR, Kind.ERROR));
        cells.add(count(row, Severity.WARNING, Kind.WARNING));
        cells.add(count(row, Severity.INFO, Kind.INFO));
        return cells;
    }

    private static Cell judged(boolean value, boolean required) {
        if (value) {
            return new Cell("yes", Kind.YES);
        }
        return new Cell("no", required ? Kind.NO : Kind.NA);
    }

    private static Cell present(boolean value) {
        return new Cell(value ? "yes" : "no", value ? Kind.YES : Kind.NA);
    }

    /** What a hygiene rule would report on the table (any table: those rules are not about tenancy), or "-". */
    private static Cell gaps(List<String> names, String separator) {
        return names.isEmpty() ? new Cell("-", Kind.NA) : new Cell(String.join(separator, names), Kind.NO);
    }

    private static Cell count(TableHealth row, Severity severity, Kind kind) {
        int n = row.count(severity);
        return new Cell(Integer.toString(n), n > 0 ? kind : Kind.NA);
    }
}
