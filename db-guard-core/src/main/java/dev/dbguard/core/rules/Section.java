package dev.dbguard.core.rules;

/** The sections of docs/RULES.md. */
public enum Section {
    TENANT_ISOLATION("Tenant isolation"),
    ROW_LEVEL_SECURITY("Row level security"),
    ISOLATION_PROOF("Isolation proof"),
    MIGRATION_ORDERING("Migration ordering"),
    DATA_LOSS("Data loss"),
    LOCKING("Locking"),
    SCHEMA_HYGIENE("Schema hygiene"),
    MIGRATION_ROLE("The production migration role");

    private final String title;

    Section(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
