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

@RuleDefinition(id = BackfillBlockedByRlsRule.ID, severity = Severity.ERROR, section = Section.MIGRATION_ROLE,
        needs = {Need.REHEARSAL, Need.MIGRATION_ROLE},
        summary = "A backfill changes fewer rows as the migration role than as a superuser, or fails under row level security")
public final class BackfillBlockedByRlsRule implements MigrationRule {

    public static final String ID = "backfill-blocked-by-rls";

    @Override
    public List<Finding> check(MigrationContext context) {
        String role = context.config().migrationRole();
        List<Finding> findings = new ArrayList<>();
        if (role == null) {
            return findings;
        }
        // the rehearsal, with both tenants' rows, is the judge; the main run, on empty tables, still sees a
        // policy that fails as soon as it is planned (one-argument current_setting), which matters when the
        // rehearsal did not reach this migration
        List<RoleEvent> events = new ArrayList<>(context.rehearsal().map(s -> s.blockedByRls()).orElse(List.of()));
        int rehearsed = events.size();
        if (context.rehearsal().isEmpty()) {
            for (RoleEvent event : context.asMigrationRole()) {
                if (event.kind() == RoleEvent.Kind.BLOCKED_BY_RLS) {
                    events.add(event);
                }
            }
        }
        for (int i = 0; i < events.size(); i++) {
            RoleEvent event = events.get(i);
            String where = i < rehearsed ? " (data rehearsal, with synthetic rows of two tenants)"
                    : " (on the empty tables of the main run)";
            if (event.key() == null) {
                continue;
            }
            Optional<StatementEffect> effect = context.statement(event.key().statement());
            String table = MigrationNeedsSuperuserRule.table(event, effect);
            String what = MigrationRunner.preview(event.sql());
            String outcome = event.error() != null
                    ? "fails as " + role + " with " + event.error() + (event.superuserRows() == null ? ""
                            : ", and changes " + event.superuserRows() + " rows as a superuser")
                            + ": a policy on the rows it reads or writes cannot be evaluated for that role, so in "
                            + "production the migration fails once the table holds rows"
                    : "changes " + event.roleRows() + " of " + event.superuserRows() + " rows as " + role
                            + " (all " + event.superuserRows() + " as a superuser): row level security hides the "
                            + "other rows from that role, so in production the backfill silently skips them and "
                            + "reports success";
            findings.add(context.finding(this)
                    .table(table)
                    .at(effect.map(context::at).orElse(context.atMigration()))
                    .message(context.step().file() + ": " + what + " " + outcome
                            + where)
                    .fix("-- run the backfill with the row level security that applies to it satisfied:\n"
                                    + "-- a policy for the migration role, e.g.\n"
                                    + "CREATE POLICY migrator_backfill ON " + (table == null ? "<table>" : table)
                                    + " TO " + role + " USING (true) WITH CHECK (true);\n"
                                    + "-- or SET LOCAL the setting the policy reads before the statement,\n"
                                    + "-- or a BYPASSRLS migration role, if that is what production has",
                            null)
                    .build());
        }
        return findings;
    }
}
