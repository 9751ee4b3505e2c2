package dev.dbguard.core.rules.dataloss;

import dev.dbguard.core.rehearsal.RehearsalOutcome;
import dev.dbguard.core.api.Finding;
import dev.dbguard.core.api.Severity;
import dev.dbguard.core.rules.MigrationContext;
import dev.dbguard.core.rules.MigrationRule;
import dev.dbguard.core.rules.Need;
import dev.dbguard.core.rules.RuleDefinition;
import dev.dbguard.core.rules.Section;
import java.util.List;

@RuleDefinition(id = "rollback-broken", severity = Severity.ERROR, section = Section.DATA_LOSS,
        needs = Need.REHEARSAL,
        summary = "applying a migration and then its rollback fails, or does not give back the schema that existed before")
public final class RollbackBrokenRule implements MigrationRule {

    /** Differences listed in the message; the rest are counted. */
    private static final int SHOWN = 8;

    @Override
    public List<Finding> check(MigrationContext context) {
        return context.rehearsal()
                .map(RehearsalOutcome.Step::rollback)
                .filter(r -> r.kind() == RehearsalOutcome.Rollback.Kind.FAILED
                        || r.kind() == RehearsalOutcome.Rollback.Kind.DIFFERENT
                        || r.kind() == RehearsalOutcome.Rollback.Kind.REAPPLY_FAILED)
                .map(r -> List.of(finding(context, r)))
                .orElse(List.of());
    }

    private Finding finding(MigrationContext context, RehearsalOutcome.Rollback rollback) {
        String file = context.step().file();
        String what = switch (rollback.kind()) {
            case FAILED -> "its rollback " + rollback.script() + " fails after it: "
                    + FailsOnExistingDataRule.postgresError(rollback.failure()) + " (" + rollback.failure().file()
                    + ":" + rollback.failure().line() + ")";
            case REAPPLY_FAILED -> "applying it again after its rollback " + rollback.script() + " fails: "
                    + FailsOnExistingDataRule.postgresError(rollback.failure());
            default -> "its rollback " + rollback.script() + " does not restore the schema: "
                    + String.join("; ", rollback.differences().subList(0, Math.min(SHOWN, rollback.differences().size())))
                    + (rollback.differences().size() > SHOWN
                    ? " (and " + (rollback.differences().size() - SHOWN) + " more)" : "")
                    + " ('-' was there before " + file + ", '+' is there after the rollback)";
        };
        return context.finding(this)
                .at(context.atMigration())
                .message(file + ": " + what)
                .fix("-- make " + rollback.script() + " undo exactly what " + file + " does, in reverse order,"
                        + " so that up, down and up again all succeed", null)
                .build();
    }
}
