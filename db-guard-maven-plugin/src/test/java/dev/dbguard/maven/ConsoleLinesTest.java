package dev.dbguard.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbguard.core.report.AnalysisResult;
import dev.dbguard.core.api.AppliedMigration;
import dev.dbguard.core.report.ConsoleReport;
import dev.dbguard.core.api.Finding;
import dev.dbguard.core.api.Severity;
import dev.dbguard.core.api.SourceRef;
import java.util.List;
import org.apache.maven.shared.utils.logging.MessageUtils;
import org.junit.jupiter.api.Test;

class ConsoleLinesTest {

    @Test
    void withoutColoursEveryLineIsExactlyTheCoreText() {
        // batch mode (-B) and a build without Jansi print no colour: the text must be the core's, piece for piece
        MessageUtils.setColorEnabled(false);
        AnalysisResult result = new AnalysisResult("0.1.0", "17.2",
                List.of(new AppliedMigration("V1__init.sql", "1", 3, 12)),
                List.of(new Finding("rls-disabled", Severity.ERROR, "public.notes", null, null,
                                new SourceRef("V1__init.sql", 2), "RLS is disabled on public.notes",
                                "ALTER TABLE public.notes ENABLE ROW LEVEL SECURITY;\nALTER TABLE public.notes FORCE ROW LEVEL SECURITY;",
                                null, false),
                        new Finding("app-role-owns-tables", Severity.WARNING, null, null, "app", null,
                                "role app owns tenant tables", null, null, false)),
                1800);

        List<ConsoleReport.Line> lines = ConsoleReport.lines(result);

        assertThat(lines).hasSize(7);
        for (ConsoleReport.Line line : lines) {
            assertThat(ConsoleLines.render(line)).isEqualTo(line.text());
        }
        assertThat(ConsoleLines.render(lines.get(lines.size() - 1)))
                .isEqualTo("db-guard: 1 error, 1 warning in 1 migration (1.8 s)");
    }
}
