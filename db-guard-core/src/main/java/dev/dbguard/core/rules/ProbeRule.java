package dev.dbguard.core.rules;

/**
 * A rule whose findings come from running queries against the migrated database rather than from reading it:
 * the isolation probe ({@link dev.dbguard.core.probe.IsolationProbe}) fills tenant tables with synthetic rows
 * and reports under these ids. The rule class carries the id, severity and summary like every other rule; the
 * probe runs when at least one of them is enabled.
 */
public non-sealed interface ProbeRule extends Rule {
}
