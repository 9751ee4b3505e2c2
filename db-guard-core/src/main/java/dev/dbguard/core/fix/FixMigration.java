package dev.dbguard.core.fix;

import dev.dbguard.core.api.DbGuardException;
import dev.dbguard.core.migration.MigrationException;
import dev.dbguard.core.migration.SqlScriptReader;
import dev.dbguard.core.migration.SqlStatement;
import dev.dbguard.core.api.Finding;
import dev.dbguard.core.rules.BuiltInRules;
import dev.dbguard.core.rules.MigrationRule;
import dev.dbguard.core.rules.ProbeRule;
import dev.dbguard.core.rules.Rule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fix SQL of the current findings as the project's next Flyway migration, {@code V<version>__db_guard_fixes.sql},
 * and its rollback script {@code U<version>__db_guard_fixes.sql} (Flyway's undo naming), each statement under a
 * comment naming its finding. Only fixes that a later migration can apply as written are written; every other
 * selected finding is listed with the reason (see {@link #plan}).
 */
public final class FixMigration {

    /** The description part of the written files' names. */
    public static final String DESCRIPTION = "db_guard_fixes";
    public static final String UNDO_PREFIX = "U";

    /** A placeholder a person must fill in, such as {@code <value>} or {@code <condition>}. */
    private static final Pattern PLACEHOLDER = Pattern.compile("<[A-Za-z][A-Za-z _-]*>");
    private static final Pattern QUOTED = Pattern.compile("'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"");
    private static final Pattern COMMENTS = Pattern.compile("--[^\\n]*|/\\*.*?\\*/", Pattern.DOTALL);
    private static final Pattern READ_ONLY = Pattern.compile("(?i)^(?:SELECT|SHOW|EXPLAIN|VALUES|TABLE)\\b");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private FixMigration() {
    }

    /** One statement of a fix with the comments written around it in the fix text. */
    public record Chunk(String text, String statement) {
    }

    /** A finding, and the statements of its fix and of its rollback. */
    public record Block(Finding finding, List<Chunk> fix, List<Chunk> rollback) {
    }

    /**
     * A selected finding that is not written, and why.
     *
     * @param covered true when the fixes written for other findings on its table cover it
     */
    public record Skipped(Finding finding, String reason, boolean covered) {
        public Skipped(Finding finding, String reason) {
            this(finding, reason, false);
        }
    }

    /** What would be written: blocks in report order, and the selected findings left out. */
    public record Plan(List<Block> blocks, List<Skipped> skipped) {
        public Plan {
            blocks = List.copyOf(blocks);
            skipped = List.copyOf(skipped);
        }

        public boolean isEmpty() {
            return blocks.isEmpty();
        }
    }

    /** The two files written. */
    public record Written(Path migration, Path rollback) {
    }

    /**
     * Chooses what to write. A selected finding is left out, with its reason, when:
     * <ul>
     *   <li>db-guard has no fix, or no rollback, for it;</li>
     *   <li>its rule judges one migration (sections 4 to 6, 8): its fix is a change of that migration, and a later
     *       migration cannot undo what it does on the way;</li>
     *   <li>its fix holds a placeholder such as {@code <value>}, is only comments, or is only a query to review:
     *       it needs a human decision;</li>
     *   <li>it is an isolation probe finding on a table whose schema findings are fixed here: their fixes are the
     *       cause's, and the probe of the next check confirms them (the probe's own fix would repeat them);</li>
     *   <li>its fix cannot run inside a transaction ({@code CREATE INDEX CONCURRENTLY}) while others can: PostgreSQL
     *       and Flyway run a migration either in one transaction or not at all.</li>
     * </ul>
     */
    public static Plan plan(List<Finding> findings, FixSelection selection) {
        Map<String, Rule> rules = new LinkedHashMap<>();
        for (Rule rule : BuiltInRules.all()) {
            rules.put(rule.id(), rule);
        }
        List<Finding> selected = findings.stream().filter(selection::selects).sorted(Finding.REPORT_ORDER).toList();
        List<Skipped> skipped = new ArrayList<>();
        List<Block> schema = new ArrayList<>();
        List<Finding> probe = new ArrayList<>();
        for (Finding finding : selected) {
            Rule rule = rules.get(finding.rule());
            if (rule instanceof ProbeRule) {
                probe.add(finding);
                continue;
            }
            addBlock(finding, rule, schema, skipped);
        }
        Map<String, Set<String>> fixedTables = new LinkedHashMap<>();
        for (Block block : schema) {
            if (block.finding().table() != null) {
                fixedTables.computeIfAbsent(block.finding().table(), t -> new LinkedHashSet<>()).add(block.finding().rule());
            }
        }
        List<Block> blocks = new ArrayList<>(schema);
        for (Finding finding : probe) {
            Set<String> covering = fixedTables.get(finding.table());
            if (covering != null) {
                skipped.add(new Skipped(finding, "covered by the fixes of " + String.join(", ", covering) + " on "
                        + finding.table() + " written here; the next check's isolation probe confirms them", true));
                continue;
            }
            addBlock(finding, rules.get(finding.rule()), blocks, skipped);
        }
        blocks.sort((a, b) -> Finding.REPORT_ORDER.compare(a.finding(), b.finding()));
        boolean anyTransactional = blocks.stream().anyMatch(b -> !outsideTransaction(b));
        if (anyTransactional) {
            List<Block> kept = new ArrayList<>();
            for (Block block : blocks) {
                if (outsideTransaction(block)) {
                    skipped.add(new Skipped(block.finding(), "its fix cannot run inside a transaction (CONCURRENTLY)"
                            + " and the other fixes must: select it alone (-Ddbguard.fixRules=" + block.finding().rule()
                            + (block.finding().table() == null ? "" : " -Ddbguard.fixTables=" + block.finding().table())
                            + ") to write it as a migration of its own"));
                } else {
                    kept.add(block);
                }
            }
            blocks = kept;
        }
        skipped.sort((a, b) -> Finding.REPORT_ORDER.compare(a.finding(), b.finding()));
        return new Plan(blocks, skipped);
    }

    /** The migration file name for {@code version}: {@code <prefix><version>__db_guard_fixes.sql}. */
    public static String migrationName(String prefix, String version) {
        return prefix + version + "__" + DESCRIPTION + ".sql";
    }

    /** The rollback script name for {@code version}: {@code U<version>__db_guard_fixes.sql}. */
    public static String rollbackName(String version) {
        return UNDO_PREFIX + version + "__" + DESCRIPTION + ".sql";
    }

    /**
     * Fails, before anything runs, when either file already exists in {@code folder}: the fix goal never overwrites.
     *
     * @throws DbGuardException naming the file
     */
    public static void checkFree(Path folder, String prefix, String version) {
        for (String name : List.of(migrationName(prefix, version), rollbackName(version))) {
            Path file = folder.resolve(name);
            if (Files.exists(file)) {
                throw new DbGuardException(file + " already exists and db-guard never overwrites a migration: "
                        + "commit or remove it, then run db-guard:fix again");
            }
        }
    }

    /**
     * Writes the migration and its rollback script into {@code folder}, never over an existing file.
     *
     * @throws DbGuardException when a file exists or cannot be written; nothing is left half written
     */
    public static Written write(Plan plan, Path folder, String prefix, String version) {
        if (plan.isEmpty()) {
            throw new IllegalArgumentException("nothing to write");
        }
        checkFree(folder, prefix, version);
        Path migration = folder.resolve(migrationName(prefix, version));
        Path rollback = folder.resolve(rollbackName(version));
        createNew(migration, migrationText(plan, rollback.getFileName().toString()));
        try {
            createNew(rollback, rollbackText(plan, migration.getFileName().toString()));
        } catch (DbGuardException e) {
            try {
                Files.deleteIfExists(migration);
            } catch (IOException ignored) {
                // the first message says what failed; this file is named in it
            }
            throw e;
        }
        return new Written(migration, rollback);
    }

    /** The migration: each finding's fix under its comment, statements already written above left out. */
    public static String migrationText(Plan plan, String rollbackName) {
        StringBuilder text = new StringBuilder();
        text.append("-- Fixes of db-guard findings, written by db-guard:fix. Review them before committing:\n")
                .append("-- each statement stands under the finding it fixes. Rollback: ").append(rollbackName)
                .append('\n');
        Set<String> done = new HashSet<>();
        for (Block block : plan.blocks()) {
            text.append('\n').append(comment(block.finding()));
            appendChunks(text, block.fix(), done);
        }
        if (!plan.skipped().isEmpty()) {
            text.append("\n-- Selected but not written here (listed, not guessed):\n");
            for (Skipped skipped : plan.skipped()) {
                text.append(oneLine("-- " + describe(skipped.finding()) + ": " + skipped.reason())).append('\n');
            }
        }
        return text.toString();
    }

    /** The rollback script: each finding's rollback in reverse order, statements already written above left out. */
    public static String rollbackText(Plan plan, String migrationName) {
        StringBuilder text = new StringBuilder();
        text.append("-- Rollback of ").append(migrationName)
                .append(", written by db-guard:fix: each finding's rollback, in reverse order.\n");
        Set<String> done = new HashSet<>();
        List<Block> reversed = new ArrayList<>(plan.blocks());
        java.util.Collections.reverse(reversed);
        for (Block block : reversed) {
            text.append('\n').append(comment(block.finding()));
            appendChunks(text, block.rollback(), done);
        }
        return text.toString();
    }

    /** {@code rule (SEVERITY) on table, column: message [file:line]}. */
    public static String describe(Finding finding) {
        StringBuilder text = new StringBuilder(finding.rule()).append(" (").append(finding.severity()).append(')');
        if (finding.table() != null) {
            text.append(" on ").append(finding.table());
        }
        if (finding.column() != null) {
            text.append(", column ").append(finding.column());
        }
        text.append(": ").append(finding.message());
        if (finding.source() != null) {
            text.append(" [").append(finding.source().file()).append(':').append(finding.source().line()).append(']');
        }
        return text.toString();
    }

    private static String comment(Finding finding) {
        return oneLine("-- " + describe(finding)) + '\n';
    }

    private static void appendChunks(StringBuilder text, List<Chunk> chunks, Set<String> done) {
        int written = 0;
        for (Chunk chunk : chunks) {
            if (done.add(normalized(chunk.statement()))) {
                text.append(chunk.text()).append('\n');
                written++;
            }
        }
        if (written == 0) {
            text.append("-- (its statements are written above)\n");
        }
    }

    private static String oneLine(String text) {
        return WHITESPACE.matcher(text).replaceAll(" ").strip();
    }

    private static String normalized(String statement) {
        return WHITESPACE.matcher(statement).replaceAll(" ").strip();
    }

    private static boolean outsideTransaction(Block block) {
        return block.fix().stream().anyMatch(c -> requiresAutocommit(c.statement()))
                || block.rollback().stream().anyMatch(c -> requiresAutocommit(c.statement()));
    }

    private static boolean requiresAutocommit(String statement) {
        return SqlScriptReader.requiresAutocommit(new SqlStatement(0, 1, statement));
    }

    /** Adds the finding's block to {@code blocks}, or to {@code skipped} the reason it is not written. */
    private static void addBlock(Finding finding, Rule rule, List<Block> blocks, List<Skipped> skipped) {
        String reason = reasonNotWritten(finding, rule);
        if (reason != null) {
            skipped.add(new Skipped(finding, reason));
            return;
        }
        blocks.add(new Block(finding, chunks(finding.rule(), finding.fix()), chunks(finding.rule(), finding.rollback())));
    }

    /** Why the finding's fix cannot be written as it is; null when it can. */
    private static String reasonNotWritten(Finding finding, Rule rule) {
        if (finding.fix() == null || finding.fix().isBlank()) {
            return "db-guard has no fix for it";
        }
        if (rule instanceof MigrationRule) {
            String where = finding.source() == null ? "the migration that caused it" : finding.source().file();
            return "its fix is a change of " + where
                    + ": a later migration cannot undo what that migration does on the way";
        }
        if (finding.rollback() == null || finding.rollback().isBlank()) {
            return "db-guard knows no rollback for its fix";
        }
        List<Chunk> fix;
        List<Chunk> rollback;
        try {
            fix = chunks(finding.rule(), finding.fix());
            rollback = chunks(finding.rule(), finding.rollback());
        } catch (MigrationException e) {
            return "its fix is not complete SQL: " + e.getMessage();
        }
        if (fix.isEmpty()) {
            return "needs a human decision: its fix is advice in comments";
        }
        for (List<Chunk> chunks : List.of(fix, rollback)) {
            for (Chunk chunk : chunks) {
                Matcher placeholder = PLACEHOLDER.matcher(code(chunk.statement()));
                if (placeholder.find()) {
                    return "needs a human decision: its "
                            + (chunks == fix ? "fix" : "rollback") + " holds the placeholder " + placeholder.group();
                }
                if (SqlScriptReader.controlsTransaction(new SqlStatement(0, 1, chunk.statement()))) {
                    return "its fix controls transactions itself";
                }
            }
        }
        if (fix.stream().allMatch(c -> READ_ONLY.matcher(code(c.statement()).strip()).find())) {
            return "needs a human decision: its fix is a query to review, "
                    + "not a change";
        }
        return null;
    }

    /** The statement without its strings, quoted names and comments: where a placeholder would be code. */
    private static String code(String statement) {
        return COMMENTS.matcher(QUOTED.matcher(statement).replaceAll("''")).replaceAll(" ");
    }

    /**
     * The statements of a fix, each with the comment lines before it and a comment that follows its semicolon on
     * the same line.
     */
    static List<Chunk> chunks(String rule, String sql) {
        List<SqlStatement> statements = SqlScriptReader.split("fix of " + rule, sql);
        List<Chunk> chunks = new ArrayList<>();
        int from = 0;
        for (SqlStatement statement : statements) {
            int end = sql.indexOf(statement.sql(), from) + statement.sql().length();
            int semicolon = end;
            while (semicolon < sql.length() && Character.isWhitespace(sql.charAt(semicolon))) {
                semicolon++;
            }
            boolean terminated = semicolon < sql.length() && sql.charAt(semicolon) == ';';
            int stop = terminated ? semicolon + 1 : end;
            int lineEnd = sql.indexOf('\n', stop);
            lineEnd = lineEnd < 0 ? sql.length() : lineEnd;
            String rest = sql.substring(stop, lineEnd).strip();
            // a comment after the semicolon on the same line belongs to this statement
            if (rest.isEmpty() || rest.startsWith("--")) {
                stop = lineEnd;
            }
            String text = sql.substring(from, stop).strip();
            chunks.add(new Chunk(terminated ? text : text + ";", statement.sql()));
            from = stop;
        }
        return chunks;
    }

    private static void createNew(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new DbGuardException(file + " already exists and db-guard never overwrites a migration: "
                    + "commit or remove it, then run db-guard:fix again");
        } catch (IOException e) {
            throw new DbGuardException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
