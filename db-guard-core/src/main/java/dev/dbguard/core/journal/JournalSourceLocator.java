package dev.dbguard.core.journal;

import dev.dbguard.core.catalog.Function;
import dev.dbguard.core.catalog.Policy;
import dev.dbguard.core.catalog.Table;
import dev.dbguard.core.catalog.View;
import dev.dbguard.core.migration.SqlStatement;
import dev.dbguard.core.api.SourceRef;
import dev.dbguard.core.api.SourceLocator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Answers "which line made this so" from the DDL journal: the journal gives the statements that touched an
 * object (by oid, so renames and DO blocks do not matter); the statement text only chooses among them (the
 * ALTER TABLE that enabled row level security, the one that added a column).
 */
public final class JournalSourceLocator implements SourceLocator {

    private static final Set<String> TABLE_CREATIONS = Set.of("CREATE TABLE", "CREATE TABLE AS", "SELECT INTO");
    private static final Pattern ROW_LEVEL_SECURITY = Pattern.compile("(?i)\\bROW\\s+LEVEL\\s+SECURITY\\b");
    private static final Pattern OWNER_TO = Pattern.compile("(?i)\\bOWNER\\s+TO\\b");

    private final List<AppliedScript> scripts;
    private final Map<String, List<JournalEntry>> byObject = new HashMap<>();

    public JournalSourceLocator(List<AppliedScript> scripts, List<JournalEntry> entries) {
        this.scripts = List.copyOf(scripts);
        for (JournalEntry entry : entries) {
            if (entry.statementKey() != null) {
                byObject.computeIfAbsent(entry.catalog() + "/" + entry.objid(), k -> new ArrayList<>()).add(entry);
            }
        }
    }

    private List<JournalEntry> entriesOf(String catalog, long oid) {
        return byObject.getOrDefault(catalog + "/" + oid, List.of());
    }

    private SqlStatement statement(StatementKey key) {
        return scripts.get(key.migration()).statements().get(key.statement());
    }

    private SourceRef ref(StatementKey key) {
        return new SourceRef(scripts.get(key.migration()).migration().file(), statement(key).line());
    }

    /** The last entry of the object matching {@code filter}, as a source reference, or null. */
    private SourceRef last(String catalog, long oid, Predicate<JournalEntry> filter) {
        List<JournalEntry> entries = entriesOf(catalog, oid);
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (filter.test(entries.get(i))) {
                return ref(entries.get(i).statementKey());
            }
        }
        return null;
    }

    private boolean textMatches(JournalEntry entry, Pattern pattern) {
        return pattern.matcher(statement(entry.statementKey()).sql()).find();
    }

    /** {@code name} as a whole identifier, optionally double-quoted. */
    private static String wordRegex(String name) {
        return "(?<![\\w$])\"?" + Pattern.quote(name) + "\"?(?![\\w$])";
    }

    private static Pattern word(String name) {
        return Pattern.compile("(?i)" + wordRegex(name));
    }

    private static SourceRef orElse(SourceRef first, SourceRef fallback) {
        return first != null ? first : fallback;
    }

    @Override
    public SourceRef tableCreated(Table table) {
        return last("pg_class", table.oid(), e -> TABLE_CREATIONS.contains(e.commandTag()));
    }

    @Override
    public SourceRef rowLevelSecurity(Table table) {
        return orElse(last("pg_class", table.oid(),
                e -> "ALTER TABLE".equals(e.commandTag()) && textMatches(e, ROW_LEVEL_SECURITY)), tableCreated(table));
    }

    @Override
    public SourceRef column(Table table, String column) {
        Pattern name = word(column);
        return orElse(last("pg_class", table.oid(),
                e -> "ALTER TABLE".equals(e.commandTag()) && textMatches(e, name)), tableCreated(table));
    }

    @Override
    public SourceRef constraintOrIndex(Table table, String name) {
        Pattern pattern = word(name);
        SourceRef alter = last("pg_class", table.oid(),
                e -> "ALTER TABLE".equals(e.commandTag()) && textMatches(e, pattern));
        if (alter != null) {
            return alter;
        }
        for (List<JournalEntry> entries : byObject.values()) {
            for (JournalEntry entry : entries) {
                if ("CREATE INDEX".equals(entry.commandTag()) && entry.objectIdentity() != null
                        && entry.objectIdentity().endsWith("." + name)
                        && table.name().schema().equals(entry.schemaName())) {
                    return ref(entry.statementKey());
                }
            }
        }
        return tableCreated(table);
    }

    @Override
    public SourceRef policy(Table table, Policy policy) {
        return last("pg_policy", policy.oid(), e -> true);
    }

    @Override
    public SourceRef view(View view) {
        return last("pg_class", view.oid(), e -> e.commandTag().startsWith("CREATE"));
    }

    @Override
    public SourceRef function(Function function) {
        return last("pg_proc", function.oid(), e -> true);
    }

    @Override
    public SourceRef ownership(Table table) {
        return orElse(last("pg_class", table.oid(), e -> textMatches(e, OWNER_TO)), tableCreated(table));
    }

    @Override
    public SourceRef role(String role) {
        // roles are cluster objects: event triggers do not see them, so the statement text decides
        Pattern roleStatement = Pattern.compile("(?is)^\\s*(?:(?:CREATE|ALTER)\\s+(?:ROLE|USER|GROUP)\\s+" + wordRegex(role)
                + "|GRANT\\s+(?:(?!\\bON\\b).)*\\bTO\\s+(?:.*,\\s*)?" + wordRegex(role) + ")");
        return lastStatement(s -> roleStatement.matcher(s.sql()).find());
    }

    @Override
    public SourceRef membership(String group, String member) {
        Pattern grant = Pattern.compile("(?is)^\\s*GRANT\\s+(?:(?!\\bON\\b).)*" + wordRegex(group)
                + "(?:(?!\\bON\\b).)*\\bTO\\s+(?:.*,\\s*)?" + wordRegex(member));
        return orElse(lastStatement(s -> grant.matcher(s.sql()).find()), role(group));
    }

    @Override
    public SourceRef grant(Table table, String role) {
        // GRANT ... ON <table> | ON ALL TABLES IN SCHEMA, or ALTER DEFAULT PRIVILEGES ... GRANT ... ON TABLES
        Pattern grant = Pattern.compile("(?is)^\\s*(?:ALTER\\s+DEFAULT\\s+PRIVILEGES\\b.*?)?GRANT\\b.*\\bON\\b.*(?:"
                + wordRegex(table.name().name()) + "|\\bALL\\s+TABLES\\s+IN\\s+SCHEMA\\b|\\bTABLES\\b).*\\bTO\\b.*"
                + wordRegex(role));
        return orElse(lastStatement(s -> grant.matcher(s.sql()).find()), role(role));
    }

    private SourceRef lastStatement(Predicate<SqlStatement> filter) {
        for (int m = scripts.size() - 1; m >= 0; m--) {
            List<SqlStatement> statements = scripts.get(m).statements();
            for (int s = statements.size() - 1; s >= 0; s--) {
                if (filter.test(statements.get(s))) {
                    return new SourceRef(scripts.get(m).migration().file(), statements.get(s).line());
                }
            }
        }
        return null;
    }
}
