package dev.dbguard.core.catalog;

import java.util.Comparator;
import java.util.Objects;

/** A schema-qualified object name as PostgreSQL stores it (no quoting, case as stored). */
public record QualifiedName(String schema, String name) implements Comparable<QualifiedName> {

    private static final Comparator<QualifiedName> ORDER =
            Comparator.comparing(QualifiedName::schema).thenComparing(QualifiedName::name);

    public QualifiedName {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
    }

    /** Parses {@code schema.name} or {@code name} (then in {@code defaultSchema}); no quoting supported. */
    public static QualifiedName parse(String text, String defaultSchema) {
        int dot = text.indexOf('.');
        return dot < 0 ? new QualifiedName(defaultSchema, text) : new QualifiedName(text.substring(0, dot), text.substring(dot + 1));
    }

    /** {@code schema.name}, as reports show it. */
    @Override
    public String toString() {
        return schema + "." + name;
    }

    /** The name as SQL text, quoted where PostgreSQL needs it: {@code public."Order"}. */
    public String sql() {
        return Sql.ident(schema) + "." + Sql.ident(name);
    }

    @Override
    public int compareTo(QualifiedName other) {
        return ORDER.compare(this, other);
    }
}
