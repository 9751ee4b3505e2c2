package dev.dbguard.core.report;

import dev.dbguard.core.api.ProbeCoverage;
import dev.dbguard.core.api.Finding;
import dev.dbguard.core.api.Severity;
import dev.dbguard.core.api.SourceRef;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportWriterTest {

    /** The JSON sample plus a health matrix and a finding whose text would break naive HTML. */
    static AnalysisResult sampleResult() {
        AnalysisResult base = JsonReportWriterTest.sampleResult();
        List<Finding> findings = new java.util.ArrayList<>(base.findings());
        findings.add(new Finding("policy-always-true", Severity.ERROR, "public.garages", null, "p<all>", new SourceRef(
                "V2__garages.sql", 9), "policy \"p<all>\" on public.garages is USING (true) & lets <script>alert(1)</script> through",
                "DROP POLICY \"p<all>\" ON public.garages;\nCREATE POLICY garages_tenant ON public.garages\n"
                        + "  USING (tenant_id = current_setting('app.tenant_id')::uuid);",
                "DROP POLICY garages_tenant ON public.garages;", false));
        List<TableHealth> tables = List.of(
                new TableHealth("public.garages", "tenant-scoped", 3, 4,
                        new TableHealth.TenantColumn("tenant_id", true, false, true), false, false, 1,
                        true, false, false, List.of(), List.of("opened_at"), List.of("label, nickname"),
                        Map.of("ERROR", 2, "WARNING", 0, "INFO", 0)),
                new TableHealth("public.tenants", "global", 2, 2, null, false, false, 0, true, true, false,
                        List.of(), List.of(), List.of(), Map.of("ERROR", 0, "WARNING", 0, "INFO", 0)));
        return new AnalysisResult(base.toolVersion(), base.postgresVersion(), base.migrations(), findings,
                base.millis(), tables);
    }

    @Test
    void thePageShowsTheProbeCoverageAndTheUnprovenTables() {
        String html = new HtmlReportWriter().render(sampleResult()
                .withProbe(new ProbeCoverage(3, 2, 1, List.of("public.settings"))));

        assertThat(html).contains("isolation probe: 2 of 3 tenant tables probed, 1 skipped")
                .contains("isolation of public.settings is unproven");
        assertThat(new HtmlReportWriter().render(sampleResult())).doesNotContain("isolation probe:");
    }

    @Test
    void everyPieceOfRunTextIsEscaped() {
        String html = new HtmlReportWriter().render(sampleResult());

        assertThat(html).doesNotContain("<script").doesNotContain("p<all>");
        assertThat(html).contains("lets &lt;script&gt;alert(1)&lt;/script&gt; through")
                .contains("policy &quot;p&lt;all&gt;&quot; on public.garages is USING (true) &amp; lets");
        assertThat(HtmlReportWriter.escape("a<b>&\"'")).isEqualTo("a&lt;b&gt;&amp;&quot;&#39;");
    }

    @Test
    void thePageHoldsSummaryMatrixFindingsByRuleAndMigrations() {
        String html = new HtmlReportWriter().render(sampleResult());

        assertThat(html).startsWith("<!DOCTYPE html>")
                .contains("<p class=\"summary count ERROR\">db-guard: 3 errors, 1 warning, 1 info in 2 migrations (1.8 s), 1 suppressed</p>")
                .contains("PostgreSQL 17.2");
        // matrix: a header per column, one row per table, a gap on a tenant table marked as such
        for (String header : HealthColumns.HEADERS) {
            assertThat(html).contains("<th>" + HtmlReportWriter.escape(header) + "</th>");
        }
        assertThat(html).contains("<td class=\"text\">public.garages</td><td class=\"text\">tenant-scoped</td>"
                + "<td class=\"num\">3</td><td class=\"num\">4</td><td class=\"text\">tenant_id</td>"
                + "<td class=\"yes\">yes</td><td class=\"no\">no</td><td class=\"yes\">yes</td>"
                + "<td class=\"no\">no</td><td class=\"no\">no</td><td class=\"num\">1</td>");
        // schema hygiene: a tenant table without updated_at is a gap, without deleted_at (off by default) is not;
        // a timestamp without time zone and synonym columns are named
        assertThat(html).contains("<td class=\"yes\">yes</td><td class=\"no\">no</td><td class=\"na\">no</td>"
                + "<td class=\"na\">-</td><td class=\"no\">opened_at</td><td class=\"no\">label, nickname</td>"
                + "<td class=\"num count ERROR\">2</td>");
        // the tenants table is global: RLS off is not a gap there
        assertThat(html).contains("<td class=\"text\">public.tenants</td><td class=\"text\">global</td>"
                + "<td class=\"num\">2</td><td class=\"num\">2</td><td class=\"na\">-</td>");
        // rules: the worst first, each with its documentation page; fixes and rollbacks as code blocks
        assertThat(html.indexOf("id=\"rule-policy-always-true\"")).isPositive()
                .isLessThan(html.indexOf("id=\"rule-app-role-owns-tables\""));
        assertThat(html.indexOf("id=\"rule-app-role-owns-tables\"")).isLessThan(html.indexOf("id=\"rule-naming-drift\""));
        assertThat(html).contains("<a href=\"docs/rules/rls-disabled.md\">docs/rules/rls-disabled.md</a>")
                .contains("public.garages \u2014 V2__garages.sql:1")
                .contains("<pre><code>ALTER TABLE public.garages ENABLE ROW LEVEL SECURITY;</code></pre>")
                .contains("<p class=\"label\">Rollback</p>\n<pre><code>ALTER TABLE public.garages DISABLE ROW LEVEL SECURITY;</code></pre>")
                .contains("<pre><code>DROP POLICY &quot;p&lt;all&gt;&quot; ON public.garages;\nCREATE POLICY garages_tenant");
        // the suppressed finding is listed apart, not among the findings
        assertThat(html).contains("<h3>Suppressed</h3>").doesNotContain("id=\"rule-tenant-column-unindexed\"");
        // migrations as applied
        assertThat(html).contains("<tr><td><code>V1__init.sql</code></td><td>1</td><td class=\"num\">12</td>"
                + "<td class=\"num\">31 ms</td></tr>")
                .contains("<tr><td><code>R__views.sql</code></td><td>-</td>");
        // self-contained: nothing fetched, nothing run
        assertThat(html).doesNotContain("<script").doesNotContain("<link").doesNotContain("src=")
                .doesNotContain("http");
    }

    @Test
    void writesTheFileIntoTheReportDirectory(@TempDir Path dir) throws IOException {
        Path file = new HtmlReportWriter().write(sampleResult(), dir.resolve("db-guard"));

        assertThat(file).isEqualTo(dir.resolve("db-guard").resolve("db-guard.html"));
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(new HtmlReportWriter().render(sampleResult()));
        try (var listing = Files.list(file.getParent())) {
            assertThat(listing).containsExactly(file);
        }
    }
}
