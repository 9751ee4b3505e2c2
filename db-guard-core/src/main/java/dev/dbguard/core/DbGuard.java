package dev.dbguard.core;

import dev.dbguard.core.report.AnalysisResult;

/**
 * The whole analysis in one straight line: provision a throwaway PostgreSQL, apply every migration one
 * at a time, snapshot the catalogue, run the rules, return the findings. Always stops the PostgreSQL it
 * started.
 */
public final class DbGuard {

    /**
     * Runs the analysis.
     *
     * @throws DbGuardException with a message fit for a person when the run cannot complete (a migration
     *                          PostgreSQL rejects, unreadable files, a server that will not start)
     */
    public AnalysisResult run(GuardConfig config, RunListener listener) {
        throw new UnsupportedOperationException("being written in this session");
    }
}
