package dev.dbguard.core.rules;

import dev.dbguard.core.catalog.QualifiedName;
import dev.dbguard.core.api.Finding;
import dev.dbguard.core.api.Severity;
import dev.dbguard.core.api.SourceRef;

/** Builds a {@link Finding} of one rule field by field; message is required. */
public final class FindingBuilder {
    private final String rule;
    private final Severity severity;
    private String table;
    private String column;
    private String object;
    private SourceRef source;
    private String message;
    private String fix;
    private String rollback;

    FindingBuilder(Rule rule) {
        this.rule = rule.id();
        this.severity = rule.defaultSeverity();
    }

    public FindingBuilder table(QualifiedName value) {
        table = value == null ? null : value.toString();
        return this;
    }

    /** A schema-qualified table name as text. */
    public FindingBuilder table(String qualified) {
        table = qualified;
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
