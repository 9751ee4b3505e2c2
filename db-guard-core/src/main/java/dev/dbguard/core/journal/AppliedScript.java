package dev.dbguard.core.journal;

import dev.dbguard.core.migration.Migration;
import dev.dbguard.core.migration.SqlStatement;
import java.util.List;

/** A migration and its statements, at position {@code index} in the order applied. */
public record AppliedScript(int index, Migration migration, List<SqlStatement> statements) {

    public AppliedScript {
        statements = List.copyOf(statements);
    }
}
