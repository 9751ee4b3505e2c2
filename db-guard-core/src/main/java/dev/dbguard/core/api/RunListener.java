package dev.dbguard.core.api;

/**
 * Where a run tells a person what it is doing. The Maven plugin maps this onto Maven's log; tests use
 * {@link #SILENT} or collect the lines.
 */
public interface RunListener {

    RunListener SILENT = new RunListener() {
        @Override
        public void progress(String message) {
        }

        @Override
        public void warning(String message) {
        }
    };

    /** Long work under way: provisioning, each migration, the probe. */
    void progress(String message);

    /** Something the user should look at that does not stop the run (a BOM stripped, an empty file). */
    void warning(String message);
}
