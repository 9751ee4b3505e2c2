package dev.dbguard.core.rules.role;

import dev.dbguard.core.history.StatementEffect;
import dev.dbguard.core.migration.MigrationRunner;
import dev.dbguard.core.api.Finding;
import dev.dbguard.core.api.Severity;
import dev.dbguard.core.role.RoleEvent;
import dev.dbguard.core.rules.MigrationContext;
import dev.dbguard.core.rules.MigrationRule;
import dev.dbguard.core.rules.Need;
import dev.dbguard.core.rules.RuleDefinition;
import dev.dbguard.core.rules.Section;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@RuleDefinition(id = "migration-needs-superuser", severity = Severity.ERROR, section = Section.MIGRATION_ROLE,
        needs = Need.MIGRATION_ROLE,
        summary = "A migration needs a superuser, which the production migration role is not")
public final class MigrationNeedsSuperuserRule implements MigrationRule {

    @Override
    public List<Finding> check(MigrationContext context) {
        String role = context.config().migrationRole();
        List<Finding> findings = new ArrayList<>();
        if (role == null) {
            return findings;
        }
        for (RoleEvent event : context.asMigrationRole()) {
            if (event.kind() != RoleEvent.Kind.NEEDS_SUPERUSER) {
                continue;
            }
            Optional<StatementEffect> effect = context.statement(event.key().statement());
            findings.add(context.finding(this)
                    .table(table(event, effect))
                    .at(effect.map(context::at).orElse(context.atMigration()))
                    .message(context.step().file() + " needs a superuser: as " + role + ", which production's "
                            + "migrations run as, PostgreSQL rejects " + MigrationRunner.preview(event.sql()) + " with "
                            + event.error() + ". It succeeds only as a superuser, which a managed PostgreSQL never "
                            + "grants; db-guard applied it as one so the later migrations are still judged")
                    .fix("-- do it as the role production has, or once outside the migrations by the platform's "
                                    + "administrator:\n-- a trusted extension (CREATE EXTENSION pgcrypto) or one "
                                    + "created from the provider's console,\n-- objects the migration role owns or "
                                    + "is a member of the owner of (GRANT owner_role TO " + role + "),\n-- no event "
                                    + "triggers, ALTER SYSTEM or server settings in migrations",
                            null)
                    .build());
        }
        return findings;
    }

    /** The table the statement changes: the one PostgreSQL's catalogue named, else the one the journal saw it alter. */
    static String table(RoleEvent event, Optional<StatementEffect> effect) {
        if (event.table() != null) {
            return event.table();
        }
        return effect.flatMap(e -> e.changes().stream().findFirst()).map(c -> c.table()).orElse(null);
    }
}
