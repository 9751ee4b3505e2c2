package dev.dbguard.core.api;

/** The db-guard version: written into reports and part of every analysis fingerprint. */
public final class DbGuardVersion {

    /** The version written into reports. */
    public static final String VALUE = "0.1.0";

    private DbGuardVersion() {
    }
}
