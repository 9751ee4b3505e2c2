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

@RuleDefinition(id = "rollback-missing", severity = Severity.WARNING, section = Section.DATA_LOSS,
        needs = Need.REHEARSAL,
        summary = "rollback scripts are expected (requireRollback) and a migration has none")
public final class RollbackMissingRule implements MigrationRule {

    @Override
    public List<Finding> check(MigrationContext context) {
        return context.rehearsal()
                .map(RehearsalOutcome.Step::rollback)
                .filter(r -> r.kind() == RehearsalOutcome.Rollback.Kind.MISSING)
                .map(r -> List.of(context.finding(this)
                        .at(context.atMigration())
                        .message(context.step().file() + " has no rollback script: requireRollback expects U"
                                + context.step().script().migration().version() + "__<description>.sql that undoes it")
                        .fix("-- write U" + context.step().script().migration().version()
                                + "__undo.sql with the statements that restore the schema as it was before "
                                + context.step().file(), null)
                        .build()))
                .orElse(List.of());
    }
}
