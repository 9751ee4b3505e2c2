package dev.dbguard.core.rules.locking;

import dev.dbguard.core.history.StatementEffect;
import dev.dbguard.core.history.TableChange;
import dev.dbguard.core.migration.MigrationRunner;
import dev.dbguard.core.api.Finding;
import dev.dbguard.core.api.Severity;
import dev.dbguard.core.rules.MigrationContext;
import dev.dbguard.core.rules.MigrationRule;
import dev.dbguard.core.rules.RuleDefinition;
import dev.dbguard.core.rules.Section;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A migration takes a strong lock (one that blocks writes, or reads too) on an existing table with no
 * {@code lock_timeout} set before it. A lock request waits behind every transaction that holds a conflicting lock (a
 * long report, a forgotten idle transaction), and every later query that conflicts with the waiting request queues
 * behind it: an ALTER TABLE that would take a millisecond can stop all traffic on the table for as long as the
 * oldest transaction lasts. With {@code lock_timeout} the migration fails fast instead and can be retried.
 * <p>
 * Strong locks are judged as in {@link Locks#lockOf} (ALTER TABLE changes of columns, constraints, RLS, names and
 * owners, CREATE INDEX without CONCURRENTLY, policies, triggers) and {@link Locks#locksWithoutState} (DROP TABLE,
 * DROP INDEX, TRUNCATE, LOCK TABLE, VACUUM FULL, CLUSTER, REINDEX, CREATE TABLE ... PARTITION OF); DDL inside a
 * {@code DO} block counts like the same DDL written plainly. What counts as set: {@code SET lock_timeout},
 * {@code SET SESSION / LOCAL lock_timeout} and {@code set_config('lock_timeout', ..., ...)} anywhere in an earlier
 * statement (or in the same {@code DO} block) with a value other than 0; {@code RESET lock_timeout}, {@code RESET ALL}
 * or a 0 / DEFAULT value takes it back. A {@code SET LOCAL} only counts in a migration that runs in one transaction
 * (one with CREATE INDEX CONCURRENTLY runs statement by statement, and SET LOCAL then ends with its statement).
 * One finding per migration, at the first unprotected strong lock. A lock_timeout set outside the migrations (role or
 * database setting, the migration tool's init SQL) is invisible here: switch the rule off then.
 */
@RuleDefinition(id = "lock-timeout-missing", severity = Severity.INFO, section = Section.LOCKING,
        summary = "A migration takes a strong lock on an existing table without SET lock_timeout")
public final class LockTimeoutMissingRule implements MigrationRule {

    private static final Pattern SET = Pattern.compile(
            "(?is)\\bSET\\s+(SESSION\\s+|LOCAL\\s+)?lock_timeout\\s*(?:=|\\bTO\\b)\\s*([^;,\\s)]+)");
    private static final Pattern SET_CONFIG = Pattern.compile(
            "(?is)\\bset_config\\s*\\(\\s*'lock_timeout'\\s*,\\s*([^,]+?)\\s*,\\s*(\\w+)\\s*\\)");
    private static final Pattern RESET = Pattern.compile("(?is)\\bRESET\\s+(?:lock_timeout|ALL)\\b");
    private static final Pattern ALTER_SETTING = Pattern.compile("(?is)^\\s*ALTER\\s+(?:ROLE|USER|DATABASE|SYSTEM|FUNCTION|PROCEDURE)\\b");
    private static final Pattern ZERO = Pattern.compile("(?i)^(?:0+(?:\\.0*)?\\s*(?:us|ms|s|min|h|d)?|default|)$");

    /** What a statement does to lock_timeout: sets it (locally or not) or takes it back. */
    private record Setting(boolean protective, boolean local) {
    }

    @Override
    public List<Finding> check(MigrationContext context) {
        boolean inTransaction = MigrationRunner.runsInTransaction(context.step().script().statements());
        boolean set = false;
        for (StatementEffect effect : context.step().statements()) {
            String text = Locks.text(effect);
            Optional<Setting> setting = setting(text);
            boolean coversThis = false;
            if (setting.isPresent()) {
                coversThis = setting.get().protective();
                if (!setting.get().protective()) {
                    set = false;
                } else if (!setting.get().local() || inTransaction) {
                    set = true;
                }
            }
            if (set || coversThis) {
                continue;
            }
            Optional<Locks.Lock> lock = firstLock(context, effect, text);
            if (lock.isPresent()) {
                return List.of(finding(context, effect, lock.get(), inTransaction));
            }
        }
        return List.of();
    }

    private static Optional<Locks.Lock> firstLock(MigrationContext context, StatementEffect effect, String text) {
        for (TableChange change : effect.changes()) {
            Optional<Locks.Lock> lock = Locks.lockOf(change, text);
            if (lock.isPresent()) {
                return lock;
            }
        }
        return Locks.locksWithoutState(context, effect, text).stream().findFirst();
    }

    /** The last lock_timeout setting the statement makes, if any. */
    private static Optional<Setting> setting(String text) {
        if (ALTER_SETTING.matcher(text).find()) {
            return Optional.empty(); // ALTER ROLE/DATABASE ... SET: for later sessions, not this one
        }
        Setting last = null;
        int lastAt = -1;
        Matcher set = SET.matcher(text);
        while (set.find()) {
            if (set.start() > lastAt) {
                lastAt = set.start();
                last = new Setting(!ZERO.matcher(unquote(set.group(2))).matches(),
                        set.group(1) != null && set.group(1).trim().equalsIgnoreCase("LOCAL"));
            }
        }
        Matcher config = SET_CONFIG.matcher(text);
        while (config.find()) {
            if (config.start() > lastAt) {
                lastAt = config.start();
                last = new Setting(!ZERO.matcher(unquote(config.group(1))).matches(),
                        config.group(2).toLowerCase(Locale.ROOT).startsWith("t"));
            }
        }
        Matcher reset = RESET.matcher(text);
        while (reset.find()) {
            if (reset.start() > lastAt) {
                lastAt = reset.start();
                last = new Setting(false, false);
            }
        }
        return Optional.ofNullable(last);
    }

    private static String unquote(String value) {
        return value.replace("'", "").trim();
    }

    private Finding finding(MigrationContext context, StatementEffect effect, Locks.Lock lock, boolean inTransaction) {
        String queue = lock.mode().equals("ACCESS EXCLUSIVE")
                ? "every query on " + lock.table() + ", reads included,"
                : "every write to " + lock.table();
        String set = (inTransaction ? "SET LOCAL" : "SET") + " lock_timeout = '5s';";
        return context.finding(this)
                .table(lock.table())
                .at(context.at(effect))
                .message(context.step().file() + " takes " + article(lock.mode()) + " " + lock.mode()
                        + " lock on existing table " + lock.table() + " (" + lock.what() + ") with no lock_timeout set: "
                        + "while it waits for a transaction that holds the table, " + queue + " queues behind it")
                .fix("-- first statement of " + context.step().file() + ": fail after 5 seconds of waiting instead of "
                                + "stalling traffic, then retry the deployment\n" + set,
                        "RESET lock_timeout;")
                .build();
    }

    private static String article(String mode) {
        return mode.startsWith("A") || mode.startsWith("E") ? "an" : "a";
    }
}
