package dev.dbguard.core.report;

import dev.dbguard.core.api.Finding;
import dev.dbguard.core.rules.BuiltInRules;
import dev.dbguard.core.rules.Rule;
import dev.dbguard.core.rules.Section;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a finding is about, independent of where its statement sits: the rule and the object (table, column, and the
 * policy, constraint, index, view, function or role the finding names). Never a line number, so editing a migration
 * above a finding, or a later migration touching the same table, does not change the key. Findings of the
 * per-migration rules (ordering, data loss, locking, migration role) also carry their migration file: an applied migration never
 * changes, and the same unsafe change in a new migration is a new finding. Used by the baseline and the SARIF
 * fingerprints.
 */
public record FindingKey(String rule, String table, String column, String object, String migration)
        implements Comparable<FindingKey> {

    private static final Set<Section> PER_MIGRATION =
            EnumSet.of(Section.MIGRATION_ORDERING, Section.DATA_LOSS, Section.LOCKING, Section.MIGRATION_ROLE);

    private static final Comparator<String> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());
    private static final Comparator<FindingKey> ORDER = Comparator.comparing(FindingKey::rule)
            .thenComparing(FindingKey::table, NULLS_FIRST)
            .thenComparing(FindingKey::column, NULLS_FIRST)
            .thenComparing(FindingKey::object, NULLS_FIRST)
            .thenComparing(FindingKey::migration, NULLS_FIRST);

    public static FindingKey of(Finding finding) {
        String migration = perMigration(finding.rule()) && finding.source() != null ? finding.source().file() : null;
        return new FindingKey(finding.rule(), finding.table(), finding.column(), finding.object(), migration);
    }

    /** True for the rules that judge each migration, whose findings belong to one migration file. */
    static boolean perMigration(String ruleId) {
        for (Rule rule : BuiltInRules.all()) {
            if (rule.id().equals(ruleId)) {
                return PER_MIGRATION.contains(rule.definition().section());
            }
        }
        return false;
    }

    /** The key as one line, e.g. {@code tenant-column-nullable|public.orders|tenant_id||}. */
    public String text() {
        return rule + "|" + blank(table) + "|" + blank(column) + "|" + blank(object) + "|" + blank(migration);
    }

    @Override
    public int compareTo(FindingKey other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(rule);
        if (table != null) {
            text.append(" table ").append(table);
        }
        if (column != null) {
            text.append(" column ").append(column);
        }
        if (object != null) {
            text.append(" object ").append(object);
        }
        if (migration != null) {
            text.append(" in ").append(migration);
        }
        return text.toString();
    }

    private static String blank(String value) {
        return value == null ? "" : value;
    }
}
