package dev.dbguard.core.rules;

import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.catalog.CatalogSnapshot;
import dev.dbguard.core.catalog.QualifiedName;
import dev.dbguard.core.report.Finding;
import dev.dbguard.core.report.Severity;
import dev.dbguard.core.report.SourceRef;
import dev.dbguard.core.tenancy.TenantModel;

/** What a {@link SchemaRule} sees: the final catalogue, who owns which tenant data, and where objects came from. */
public record SchemaContext(
        CatalogSnapshot snapshot,
        TenantModel tenancy,
        RoleGraph roles,
        GuardConfig config,
        SourceLocator sources) {

    public static SchemaContext of(CatalogSnapshot snapshot, GuardConfig config, SourceLocator sources) {
        TenantModel tenancy = new TenantModel(snapshot, config.tenantColumns(), config.tenantTable(),
                config.globalTables(), config.schemas());
        return new SchemaContext(snapshot, tenancy, new RoleGraph(snapshot), config, sources);
    }

    /** Starts a finding of {@code rule} with its id and default severity. */
    public FindingBuilder finding(Rule rule) {
        return new FindingBuilder(rule.id(), rule.defaultSeverity());
    }

    /** Builds a {@link Finding} field by field; message is required. */
    public static final class FindingBuilder {
        private final String rule;
        private final Severity severity;
        private String table;
        private String column;
        private String object;
        private SourceRef source;
        private String message;
        private String fix;
        private String rollback;

        FindingBuilder(String rule, Severity severity) {
            this.rule = rule;
            this.severity = severity;
        }

        public FindingBuilder table(QualifiedName value) {
            table = value == null ? null : value.toString();
            return this;
        }

        public FindingBuilder column(String value) {
            column = value;
            return this;
        }

        public FindingBuilder object(String value) {
            object = value;
            return this;
        }

        public FindingBuilder at(SourceRef value) {
            source = value;
            return this;
        }

        public FindingBuilder message(String value) {
            message = value;
            return this;
        }

        /** The fix as SQL with real names, and the SQL that undoes it. */
        public FindingBuilder fix(String fixSql, String rollbackSql) {
            fix = fixSql;
            rollback = rollbackSql;
            return this;
        }

        public Finding build() {
            return new Finding(rule, severity, table, column, object, source, message, fix, rollback, false);
        }
    }
}
