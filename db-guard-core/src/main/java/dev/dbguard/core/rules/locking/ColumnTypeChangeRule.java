package dev.dbguard.core.rules.locking;

import dev.dbguard.core.catalog.Sql;
import dev.dbguard.core.history.StatementEffect;
import dev.dbguard.core.history.TableChange;
import dev.dbguard.core.journal.TableState;
import dev.dbguard.core.api.Finding;
import dev.dbguard.core.api.Severity;
import dev.dbguard.core.rules.MigrationContext;
import dev.dbguard.core.rules.MigrationRule;
import dev.dbguard.core.rules.RuleDefinition;
import dev.dbguard.core.rules.Section;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column of an existing table changes its type in a way that makes PostgreSQL rewrite the table (every row, and
 * every index) under an ACCESS EXCLUSIVE lock. Judged from the catalogue (the type before and after the statement, as
 * {@code format_type} prints it), so {@code ALTER COLUMN ... TYPE} inside a {@code DO} block counts the same.
 * <p>
 * Quiet for the changes PostgreSQL makes without a rewrite (a binary-compatible cast, or a length/precision that only
 * grows; each checked against PostgreSQL 17 by comparing the table's relfilenode before and after):
 * <ul>
 *   <li>{@code varchar(n)} to {@code varchar(m >= n)}, to {@code varchar} or to {@code text};
 *       {@code varchar} and {@code text} to each other (but not {@code text} or {@code varchar} to {@code varchar(n)},
 *       and nothing to or from {@code char(n)}, which pads);</li>
 *   <li>{@code numeric(p,s)} to {@code numeric(p2 >= p, s)} (same scale) or to unconstrained {@code numeric};</li>
 *   <li>{@code varbit(n)} to {@code varbit(m >= n)} or {@code varbit}; {@code bit(n)} to {@code varbit} (without
 *       length; to {@code varbit(m)} PostgreSQL rewrites);</li>
 *   <li>{@code cidr} to {@code inet} (not back);</li>
 *   <li>{@code timestamp(p)}, {@code timestamptz(p)}, {@code time(p)}, {@code timetz(p)}, {@code interval(p)} to the
 *       same type with a larger or no precision; any {@code interval} to plain {@code interval};</li>
 *   <li>{@code timestamp} to {@code timestamptz} and back: without a rewrite only while the session's TimeZone is
 *       UTC, so quiet when the migration sets {@code TimeZone} (or {@code TIME ZONE}) to UTC before the change, and
 *       reported otherwise (production sessions seldom run in UTC by accident);</li>
 *   <li>{@code xml} to {@code text}/{@code varchar}; {@code integer}, {@code oid} and the {@code reg*} types among
 *       themselves where PostgreSQL has a binary cast.</li>
 * </ul>
 * Arrays always rewrite ({@code varchar(20)[]} to {@code text[]} included), and so does any other pair, including a
 * change to a domain (db-guard cannot see whether the domain has constraints) and an {@code ALTER COLUMN ... TYPE ...
 * USING} whose expression is more than the column itself. A type change of a column added earlier in the same
 * migration is reported too when its table existed: the rewrite reads every existing row all the same. Tables created
 * in the same migration have no rows and are exempt.
 */
@RuleDefinition(id = "column-type-change", severity = Severity.WARNING, section = Section.LOCKING,
        summary = "A column type change rewrites an existing table under an ACCESS EXCLUSIVE lock")
public final class ColumnTypeChangeRule implements MigrationRule {

    /** {@code base(args) suffix[]}: {@code timestamp(3) with time zone}, {@code character varying(40)}. */
    private static final Pattern TYPE = Pattern.compile(
            "^(.*?)(?:\\((\\d+)(?:,(\\d+))?\\))?((?: with(?:out)? time zone)?)$");
    private static final Set<String> PRECISION_TYPES = Set.of("timestamp", "time");
    private static final Set<String> OID_FAMILY = Set.of("integer", "oid", "regclass", "regcollation", "regconfig",
            "regdictionary", "regnamespace", "regoper", "regoperator", "regproc", "regprocedure", "regrole", "regtype");
    private static final Pattern SET_UTC = Pattern.compile(
            "(?is)(?:\\bSET\\s+(?:SESSION\\s+|LOCAL\\s+)?(?:TIME\\s+ZONE|timezone)\\s*(?:=|\\bTO\\b)?\\s*"
                    + "|\\bset_config\\s*\\(\\s*'timezone'\\s*,\\s*)'?(?:UTC|Etc/UTC|GMT|Etc/GMT|Zulu|UCT)'?");

    record Type(String base, Integer first, Integer second, String zone, boolean array) {
        static Type parse(String text) {
            boolean array = text.endsWith("[]");
            String plain = array ? text.substring(0, text.indexOf("[]")) : text;
            Matcher m = TYPE.matcher(plain);
            if (!m.matches()) {
                return new Type(plain, null, null, "", array);
            }
            return new Type(m.group(1), m.group(2) == null ? null : Integer.valueOf(m.group(2)),
                    m.group(3) == null ? null : Integer.valueOf(m.group(3)), m.group(4), array);
        }
    }

    /** The verdict on one type change. */
    enum Verdict { NO_REWRITE, REWRITE, REWRITE_UNLESS_UTC }

    static Verdict judge(String fromText, String toText) {
        if (fromText.equals(toText)) {
            return Verdict.NO_REWRITE;
        }
        Type from = Type.parse(fromText);
        Type to = Type.parse(toText);
        if (from.array() || to.array()) {
            return Verdict.REWRITE;
        }
        String a = from.base();
        String b = to.base();
        boolean growsOrFree = to.first() == null || (from.first() != null && to.first() >= from.first());
        // varchar / text
        if ((a.equals("character varying") || a.equals("text"))
                && (b.equals("character varying") || b.equals("text"))) {
            if (b.equals("text") || to.first() == null) {
                return Verdict.NO_REWRITE;
            }
            return a.equals("character varying") && from.first() != null && to.first() >= from.first()
                    ? Verdict.NO_REWRITE : Verdict.REWRITE;
        }
        if (a.equals("numeric") && b.equals("numeric")) {
            if (to.first() == null) {
                return Verdict.NO_REWRITE;
            }
            return from.first() != null && to.first() >= from.first() && java.util.Objects.equals(to.second(), from.second())
                    ? Verdict.NO_REWRITE : Verdict.REWRITE;
        }
        if (a.equals("bit varying") && b.equals("bit varying")) {
            return growsOrFree ? Verdict.NO_REWRITE : Verdict.REWRITE;
        }
        if (a.equals("bit") && b.equals("bit varying")) {
            return to.first() == null ? Verdict.NO_REWRITE : Verdict.REWRITE;
        }
        if (a.equals("cidr") && b.equals("inet")) {
            return Verdict.NO_REWRITE;
        }
        if (PRECISION_TYPES.contains(a) && a.equals(b)) {
            if (!growsOrFree) {
                return Verdict.REWRITE;
            }
            if (from.zone().equals(to.zone())) {
                return Verdict.NO_REWRITE;
            }
            return a.equals("timestamp") ? Verdict.REWRITE_UNLESS_UTC : Verdict.REWRITE;
        }
        if (a.startsWith("interval") && b.startsWith("interval")) {
            if (b.equals("interval") && to.first() == null) {
                return Verdict.NO_REWRITE;
            }
            return a.equals(b) && growsOrFree ? Verdict.NO_REWRITE : Verdict.REWRITE;
        }
        if (a.equals("xml") && (b.equals("text") || (b.equals("character varying") && to.first() == null))) {
            return Verdict.NO_REWRITE;
        }
        if (OID_FAMILY.contains(a) && OID_FAMILY.contains(b)) {
            boolean binary = a.equals("integer") || a.equals("oid") || b.equals("integer") || b.equals("oid")
                    || Set.of(a, b).equals(Set.of("regoper", "regoperator"))
                    || Set.of(a, b).equals(Set.of("regproc", "regprocedure"));
            return binary ? Verdict.NO_REWRITE : Verdict.REWRITE;
        }
        return Verdict.REWRITE;
    }

    @Override
    public List<Finding> check(MigrationContext context) {
        List<Finding> findings = new ArrayList<>();
        boolean utc = false;
        for (StatementEffect effect : context.step().statements()) {
            String text = Locks.text(effect);
            if (SET_UTC.matcher(text).find()) {
                utc = true;
            }
            for (TableChange change : effect.changes()) {
                if (!change.existedBeforeMigration() || change.before() == null) {
                    continue;
                }
                for (TableChange.ColumnPair pair : change.keptColumns()) {
                    String from = pair.before().type();
                    String to = pair.after().type();
                    if (from.equals(to)) {
                        continue;
                    }
                    Verdict verdict = judge(from, to);
                    boolean using = usingRewrites(text, pair.after().name(), pair.before().name());
                    if (verdict == Verdict.REWRITE || using || (verdict == Verdict.REWRITE_UNLESS_UTC && !utc)) {
                        findings.add(finding(context, effect, change.after(), pair.after(), from, to,
                                verdict == Verdict.REWRITE_UNLESS_UTC && !using, using && verdict != Verdict.REWRITE));
                    }
                }
            }
        }
        return findings;
    }

    /** True when the statement converts the column {@code USING} more than the column itself (perhaps cast). */
    static boolean usingRewrites(String text, String column, String oldName) {
        for (String name : column.equals(oldName) ? List.of(column) : List.of(column, oldName)) {
            Pattern using = Pattern.compile("(?is)\\b(?:\"" + Pattern.quote(name) + "\"|" + Pattern.quote(name)
                    + ")\\s+(?:SET\\s+DATA\\s+)?TYPE\\s+.+?\\bUSING\\s+(.+?)\\s*(?:,\\s*(?:ALTER|ADD|DROP)\\b|'|;|$)");
            Matcher m = using.matcher(text);
            if (m.find()) {
                String expression = m.group(1).trim();
                String bare = "\\(?\\s*(?:\"" + Pattern.quote(name) + "\"|" + Pattern.quote(name) + ")\\s*\\)?";
                return !expression.matches("(?is)" + bare + "(?:\\s*::\\s*[\\w .\"]+(?:\\(\\s*\\d+(?:\\s*,\\s*\\d+)?\\s*\\))?)*");
            }
        }
        return false;
    }

    private Finding finding(MigrationContext context, StatementEffect effect, TableState table,
                            TableState.ColumnState column, String from, String to, boolean unlessUtc,
                            boolean byUsing) {
        String t = Locks.sql(table);
        String c = Sql.ident(column.name());
        String where = table.qualifiedName() + "." + column.name();
        Type target = Type.parse(to);
        Type source = Type.parse(from);
        String fix;
        String rollback;
        boolean shorter = target.base().equals("character varying") && target.first() != null && !target.array()
                && (source.base().equals("character varying") || source.base().equals("text")) && !source.array();
        if (unlessUtc) {
            fix = "-- when the stored values are UTC: with the session in UTC, PostgreSQL changes the type without a rewrite\n"
                    + "SET LOCAL TimeZone = 'UTC';\n"
                    + "ALTER TABLE " + t + " ALTER COLUMN " + c + " TYPE " + to + ";";
            rollback = "SET LOCAL TimeZone = 'UTC';\nALTER TABLE " + t + " ALTER COLUMN " + c + " TYPE " + from + ";";
        } else if (shorter) {
            String check = Locks.name(table.name(), column.name(), "length");
            fix = "-- keep the type and enforce the limit with a constraint: no rewrite, and old rows are checked\n"
                    + "-- without blocking writes\n"
                    + "ALTER TABLE " + t + " ADD CONSTRAINT " + check + " CHECK (char_length(" + c + ") <= "
                    + target.first() + ") NOT VALID;\n"
                    + "ALTER TABLE " + t + " VALIDATE CONSTRAINT " + check + ";";
            rollback = "ALTER TABLE " + t + " DROP CONSTRAINT IF EXISTS " + check + ";";
        } else {
            String next = Locks.name(column.name() + "_new");
            String sync = Locks.name(table.name(), column.name(), "new_sync");
            String qualifiedSync = Sql.ident(table.schema()) + "." + sync;
            fix = "-- expand: a new column of the new type beside the old one, kept in step while old code writes " + c + "\n"
                    + "ALTER TABLE " + t + " ADD COLUMN " + next + " " + to + ";\n"
                    + "CREATE FUNCTION " + qualifiedSync + "() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                    + "BEGIN\n    NEW." + next + " := NEW." + c + "::" + to + ";"
                    + (byUsing ? " -- convert as the migration's USING expression does" : "") + "\n    RETURN NEW;\nEND\n$$;\n"
                    + "CREATE TRIGGER " + sync + " BEFORE INSERT OR UPDATE ON " + t
                    + " FOR EACH ROW EXECUTE FUNCTION " + qualifiedSync + "();\n"
                    + "-- backfill in batches (repeat until it updates no row), each in a short transaction\n"
                    + "UPDATE " + t + " SET " + next + " = " + c + "::" + to + " WHERE ctid IN (SELECT ctid FROM " + t
                    + " WHERE " + next + " IS NULL AND " + c + " IS NOT NULL LIMIT 10000);\n"
                    + "-- contract, in a later release once the code reads and writes " + next + ":\n"
                    + "-- DROP TRIGGER " + sync + " ON " + t + "; DROP FUNCTION " + qualifiedSync + "();\n"
                    + "-- ALTER TABLE " + t + " DROP COLUMN " + c + ";";
            rollback = "DROP TRIGGER IF EXISTS " + sync + " ON " + t + ";\n"
                    + "DROP FUNCTION IF EXISTS " + qualifiedSync + "();\n"
                    + "ALTER TABLE " + t + " DROP COLUMN IF EXISTS " + next + ";";
        }
        return context.finding(this)
                .table(table.qualifiedName())
                .column(column.name())
                .at(context.at(effect))
                .message(context.step().file() + " changes " + where + " from " + from + " to " + to + ": PostgreSQL "
                        + (byUsing ? "computes every value through the USING expression, so it " : "")
                        + "rewrites every row of existing table " + table.qualifiedName() + " and rebuilds its indexes "
                        + "under an ACCESS EXCLUSIVE lock (no reads, no writes)"
                        + (unlessUtc ? ", unless the session's TimeZone is UTC" : ""))
                .fix(fix, rollback)
                .build();
    }
}
