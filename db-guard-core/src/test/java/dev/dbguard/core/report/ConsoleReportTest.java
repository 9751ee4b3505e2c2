package dev.dbguard.core.report;

import dev.dbguard.core.api.ProbeCoverage;
import dev.dbguard.core.api.AppliedMigration;
import dev.dbguard.core.api.Finding;
import dev.dbguard.core.api.Severity;
import dev.dbguard.core.api.SourceRef;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dbguard.core.report.ConsoleReport.Line;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleReportTest {

    @Test
    void groupsByTableWithNoTableLastAndFixesIndented() {
        List<Line> lines = ConsoleReport.lines(JsonReportWriterTest.sampleResult());

        assertThat(lines).extracting(Line::text).containsExactly(
                "public.garages",
                "  ERROR   rls-disabled           V2__garages.sql:1  RLS is disabled on public.garages",
                "          fix: ALTER TABLE public.garages ENABLE ROW LEVEL SECURITY;",
                "public.vehicle_events",
                "  ERROR   tenant-column-missing  V3__events.sql:4   public.vehicle_events has no tenant column",
                "          fix: ALTER TABLE public.vehicle_events ADD COLUMN tenant_id uuid;",
                "public.vehicles",
                "  INFO    naming-drift           V1__init.sql:12    synonym columns label, nickname, display_name",
                "          fix: SELECT count(*) FROM public.vehicles WHERE label <> nickname;",
                "(no table)",
                "  WARNING app-role-owns-tables                      role app owns tenant tables",
                "db-guard: 2 errors, 1 warning, 1 info in 2 migrations (1.8 s), 1 suppressed");
    }

    @Test
    void theProbeCoverageAndEachUnprovenTableHaveTheirOwnLineBeforeTheSummary() {
        AnalysisResult result = JsonReportWriterTest.sampleResult()
                .withProbe(new ProbeCoverage(70, 68, 2, List.of("public.settings")));

        List<Line> lines = ConsoleReport.lines(result);

        assertThat(lines.subList(lines.size() - 3, lines.size())).extracting(Line::text).containsExactly(
                "isolation probe: 68 of 70 tenant tables probed, 2 skipped",
                "isolation of public.settings is unproven: the probe skipped it and no static rule found a fault in its "
                        + "row level security",
                "db-guard: 2 errors, 1 warning, 1 info in 2 migrations (1.8 s), 1 suppressed");
        assertThat(lines.get(lines.size() - 2).level()).isEqualTo(Severity.WARNING);
    }

    @Test
    void everyLineCarriesTheLevelToLogItAt() {
        List<Line> lines = ConsoleReport.lines(JsonReportWriterTest.sampleResult());

        assertThat(lines).filteredOn(l -> l.text().contains("rls-disabled"))
                .extracting(Line::level).containsExactly(Severity.ERROR);
        assertThat(lines).filteredOn(l -> l.text().contains("fix: ALTER TABLE public.garages"))
                .extracting(Line::level).containsExactly(Severity.ERROR);
        assertThat(lines).filteredOn(l -> l.text().contains("naming-drift"))
                .extracting(Line::level).containsExactly(Severity.INFO);
        assertThat(lines).filteredOn(l -> l.text().equals("(no table)"))
                .extracting(Line::level).containsExactly(Severity.WARNING);
        // the summary is as loud as the worst finding
        assertThat(lines.get(lines.size() - 1).level()).isEqualTo(Severity.ERROR);
    }

    @Test
    void multiLineFixesStayIndentedUnderTheirFinding() {
        Finding finding = new Finding("tenant-column-missing", Severity.ERROR, "public.reminders", null, null,
                new SourceRef("V4__reminders.sql", 3), "public.reminders has no tenant column",
                "ALTER TABLE public.reminders ADD COLUMN tenant_id uuid;\nUPDATE public.reminders r SET tenant_id = v.tenant_id\n  FROM public.vehicles v WHERE v.id = r.vehicle_id;\n",
                null, false);
        AnalysisResult result = new AnalysisResult("0.1.0", "17.2", List.of(), List.of(finding), 0);

        List<String> texts = ConsoleReport.lines(result).stream().map(Line::text).toList();

        assertThat(texts).containsExactly(
                "public.reminders",
                "  ERROR   tenant-column-missing  V4__reminders.sql:3  public.reminders has no tenant column",
                "          fix: ALTER TABLE public.reminders ADD COLUMN tenant_id uuid;",
                "               UPDATE public.reminders r SET tenant_id = v.tenant_id",
                "                 FROM public.vehicles v WHERE v.id = r.vehicle_id;",
                "db-guard: 1 error, 0 warnings in 0 migrations (0.0 s)");
    }

    @Test
    void summaryCountsAreSingularOrPluralAndSuppressedOnlyWhenPresent() {
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            findings.add(finding("rls-disabled", Severity.ERROR, "public.t" + i, false));
        }
        findings.add(finding("tenant-column-unindexed", Severity.WARNING, "public.a", false));
        findings.add(finding("tenant-column-unindexed", Severity.WARNING, "public.b", false));
        findings.add(finding("naming-drift", Severity.INFO, "public.c", false));
        List<AppliedMigration> seven = Collections.nCopies(7, new AppliedMigration("V1__x.sql", "1", 1, 1));

        assertThat(ConsoleReport.summary(new AnalysisResult("0.1.0", "17.2", seven, findings, 1800)))
                .isEqualTo("db-guard: 3 errors, 2 warnings, 1 info in 7 migrations (1.8 s)");

        List<Finding> withSuppressed = new ArrayList<>(findings);
        withSuppressed.add(finding("rls-disabled", Severity.ERROR, "public.x", true));
        withSuppressed.add(finding("rls-disabled", Severity.ERROR, "public.y", true));
        assertThat(ConsoleReport.summary(new AnalysisResult("0.1.0", "17.2", seven, withSuppressed, 1800)))
                .isEqualTo("db-guard: 3 errors, 2 warnings, 1 info in 7 migrations (1.8 s), 2 suppressed");

        List<AppliedMigration> one = List.of(new AppliedMigration("V1__x.sql", "1", 1, 1));
        assertThat(ConsoleReport.summary(new AnalysisResult("0.1.0", "17.2", one, List.of(), 42)))
                .isEqualTo("db-guard: 0 errors, 0 warnings in 1 migration (0.0 s)");
    }

    @Test
    void piecesCarryTheirStyleSoAConsoleCanColourThem() {
        List<Line> lines = ConsoleReport.lines(JsonReportWriterTest.sampleResult());

        Line finding = lines.stream().filter(l -> l.text().contains("rls-disabled")).findFirst().orElseThrow();
        assertThat(finding.segments()).extracting(ConsoleReport.Segment::style).containsExactly(
                ConsoleReport.Style.PLAIN, ConsoleReport.Style.SEVERITY, ConsoleReport.Style.RULE,
                ConsoleReport.Style.PLACE, ConsoleReport.Style.PLAIN);
        assertThat(finding.segments().get(1).text().strip()).isEqualTo("ERROR");
        assertThat(finding.segments().get(1).severity()).isEqualTo(Severity.ERROR);
        assertThat(lines.get(0).segments()).extracting(ConsoleReport.Segment::style)
                .containsExactly(ConsoleReport.Style.TABLE);
        assertThat(lines.get(lines.size() - 1).segments()).extracting(ConsoleReport.Segment::style)
                .containsExactly(ConsoleReport.Style.SUMMARY);
        Line fix = lines.stream().filter(l -> l.text().contains("fix: ALTER TABLE public.garages")).findFirst()
                .orElseThrow();
        assertThat(fix.segments().get(1)).isEqualTo(new ConsoleReport.Segment(ConsoleReport.Style.FIX,
                "ALTER TABLE public.garages ENABLE ROW LEVEL SECURITY;", Severity.ERROR));
    }

    @Test
    void suppressedFindingsAreCountedButNotListed() {
        AnalysisResult result = new AnalysisResult("0.1.0", "17.2", List.of(),
                List.of(finding("rls-disabled", Severity.ERROR, "public.garages", true)), 0);

        List<Line> lines = ConsoleReport.lines(result);

        assertThat(lines).extracting(Line::text)
                .containsExactly("db-guard: 0 errors, 0 warnings in 0 migrations (0.0 s), 1 suppressed");
        assertThat(lines.get(0).level()).isEqualTo(Severity.INFO);
    }

    private static Finding finding(String rule, Severity severity, String table, boolean suppressed) {
        return new Finding(rule, severity, table, null, null, null, rule + " on " + table, null, null, suppressed);
    }
}
