package dev.dbguard.core.rules;

import dev.dbguard.core.api.DbGuardException;
import dev.dbguard.core.api.RunListener;
import dev.dbguard.core.journal.AppliedScript;
import dev.dbguard.core.migration.SqlStatement;
import dev.dbguard.core.api.Finding;
import dev.dbguard.core.api.SourceRef;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Inline suppression: {@code -- db-guard:ignore <rule-id> <reason>} on the line (or comment block) before a
 * statement. The finding stays in the reports, marked suppressed, and no longer fails the build. A suppression
 * without a reason or naming an unknown rule is an error: a silent typo would hide nothing and look like it did.
 */
public final class Suppressions {

    private static final Pattern IGNORE = Pattern.compile("^\\s*--\\s*db-guard:ignore\\b(.*)$");

    /** One suppression: the rule it names, the statement it applies to, and why. */
    public record Suppression(String rule, SourceRef statement, int commentLine, String reason) {
    }

    private final List<Suppression> suppressions;

    private Suppressions(List<Suppression> suppressions) {
        this.suppressions = List.copyOf(suppressions);
    }

    public List<Suppression> all() {
        return suppressions;
    }

    /** The suppressions in the scripts; {@code texts} are their contents, in the same order. */
    public static Suppressions read(List<AppliedScript> scripts, List<String> texts) {
        List<Suppression> found = new ArrayList<>();
        for (AppliedScript script : scripts) {
            String file = script.migration().file();
            // line ends as SqlScriptReader counts them: \r\n, \r and \n each end one line; a BOM is no text
            List<String> lines = List.of(texts.get(script.index()).replaceFirst("^\uFEFF", "").split("\r\n|\r|\n", -1));
            for (int i = 0; i < lines.size(); i++) {
                Matcher matcher = IGNORE.matcher(lines.get(i));
                int line = i + 1;
                if (!matcher.matches() || insideStatement(script.statements(), line)) {
                    continue;
                }
                String[] words = matcher.group(1).trim().split("\\s+", 2);
                String rule = words[0];
                if (rule.isEmpty()) {
                    throw new DbGuardException(file + ":" + line + ": db-guard:ignore names no rule: write "
                            + "-- db-guard:ignore <rule-id> <why this is safe>");
                }
                if (!BuiltInRules.ids().contains(rule)) {
                    throw new DbGuardException(file + ":" + line + ": db-guard:ignore names an unknown rule '" + rule
                            + "'; known ids are listed in docs/rules/README.md");
                }
                if (words.length < 2 || words[1].isBlank()) {
                    throw new DbGuardException(file + ":" + line + ": db-guard:ignore " + rule
                            + " gives no reason: write why it is safe after the rule id, for the next reader");
                }
                SqlStatement next = script.statements().stream().filter(s -> s.line() > line).findFirst()
                        .orElseThrow(() -> new DbGuardException(file + ":" + line
                                + ": db-guard:ignore " + rule + " has no statement after it"));
                found.add(new Suppression(rule, new SourceRef(file, next.line()), line, words[1].trim()));
            }
        }
        return new Suppressions(found);
    }

    private static boolean insideStatement(List<SqlStatement> statements, int line) {
        for (SqlStatement statement : statements) {
            int end = statement.line() + (int) statement.sql().chars().filter(c -> c == '\n').count();
            if (statement.line() < line && line <= end) {
                return true;
            }
        }
        return false;
    }

    /** The findings with the suppressed ones marked; warns about suppressions that matched nothing. */
    public List<Finding> apply(List<Finding> findings, RunListener listener) {
        List<Finding> result = new ArrayList<>(findings.size());
        boolean[] used = new boolean[suppressions.size()];
        for (Finding finding : findings) {
            Finding marked = finding;
            for (int i = 0; i < suppressions.size(); i++) {
                Suppression s = suppressions.get(i);
                if (s.rule().equals(finding.rule()) && s.statement().equals(finding.source())) {
                    marked = finding.asSuppressed();
                    used[i] = true;
                }
            }
            result.add(marked);
        }
        for (int i = 0; i < suppressions.size(); i++) {
            if (!used[i]) {
                Suppression s = suppressions.get(i);
                listener.warning(s.statement().file() + ":" + s.commentLine() + ": db-guard:ignore " + s.rule()
                        + " suppresses nothing: the statement after it has no such finding; remove the comment");
            }
        }
        return result;
    }
}
