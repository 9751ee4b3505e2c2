package dev.dbguard.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dbguard.core.DbGuard;
import dev.dbguard.core.api.GuardConfig;
import dev.dbguard.core.api.RunListener;
import dev.dbguard.core.report.AnalysisResult;
import dev.dbguard.core.api.Finding;
import dev.dbguard.core.report.HtmlReportWriter;
import dev.dbguard.core.report.TableHealth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The standalone {@code db-guard.html} of a real analysis (the site-report it-project's migrations), loaded in
 * headless Chromium: it must load with no console error, hold the content, and leave a screenshot in
 * {@code target/browser/} for a person to look at. Skipped, saying so, where Chromium is not installed.
 */
@Tag("browser")
class HtmlReportBrowserTest {

    private static final Path OUT = Path.of("target", "browser");
    private static final Path MIGRATIONS = Path.of("..", "it-projects", "site-report", "src", "main", "resources",
            "db", "migration");

    @Test
    void theStandalonePageLoadsCleanlyAndShowsTheAnalysis() throws IOException {
        Optional<Path> executable = HeadlessChromium.find();
        assumeTrue(executable.isPresent(), "Chromium is not installed at " + HeadlessChromium.DEBIAN_CHROMIUM
                + ": the browser check of db-guard.html is skipped (apt-get install chromium to run it)");
        HeadlessChromium chromium = new HeadlessChromium(executable.get(), OUT.resolve("work"));

        AnalysisResult result = new DbGuard().run(GuardConfig.builder().migration(MIGRATIONS)
                .appRole("garage_app").reportDirectory(OUT).build(), RunListener.SILENT);
        Path page = new HtmlReportWriter().write(result, OUT);

        HeadlessChromium.Run loaded = chromium.dumpDom(page);
        assertThat(loaded.exitCode()).as("chromium --dump-dom, stderr:%n%s", loaded.stderr()).isZero();
        assertThat(loaded.consoleErrors()).as("console errors of %s", page).isEmpty();
        String dom = loaded.stdout();
        assertThat(HeadlessChromium.unloadableResources(page, dom)).as("resources of %s", page).isEmpty();
        assertThat(dom).contains("<h2 id=\"health\">Schema health</h2>", "<h2 id=\"findings\">Findings</h2>",
                "<h2 id=\"migrations\">Migrations as applied</h2>");
        for (TableHealth table : result.tables()) {
            assertThat(dom).contains("<td class=\"text\">" + table.table() + "</td>");
        }
        for (Finding finding : result.findings()) {
            assertThat(dom).contains("id=\"rule-" + finding.rule() + "\"");
        }
        assertThat(result.findings()).extracting(Finding::rule).contains("rls-disabled", "tenant-column-nullable");

        Path png = OUT.resolve("db-guard-html.png");
        Files.deleteIfExists(png);
        HeadlessChromium.Run shot = chromium.screenshot(page, png);
        assertThat(shot.exitCode()).as("chromium --screenshot, stderr:%n%s", shot.stderr()).isZero();
        assertThat(shot.consoleErrors()).isEmpty();
        assertThat(png).isRegularFile();
        assertThat(Files.readAllBytes(png)).startsWith(0x89, 'P', 'N', 'G').hasSizeGreaterThan(10_000);
    }

    @Test
    void aPageWithAnErrorIsCaught() throws IOException {
        // the console scan must see what it is there to see, or a clean result above would mean nothing
        Optional<Path> executable = HeadlessChromium.find();
        assumeTrue(executable.isPresent(), "Chromium is not installed at " + HeadlessChromium.DEBIAN_CHROMIUM);
        HeadlessChromium chromium = new HeadlessChromium(executable.get(), OUT.resolve("work"));
        Files.createDirectories(OUT);
        Path broken = Files.writeString(OUT.resolve("broken.html"), "<!DOCTYPE html><html><head><title>x</title>"
                + "<link rel=\"stylesheet\" href=\"missing.css\"></head><body><p><a href=\"elsewhere.html\">x</a></p>"
                + "<script>notDefinedAnywhere();</script></body></html>");

        HeadlessChromium.Run loaded = chromium.dumpDom(broken);

        assertThat(loaded.consoleErrors()).as("stderr:%n%s", loaded.stderr())
                .anyMatch(line -> line.contains("notDefinedAnywhere"));
        assertThat(HeadlessChromium.unloadableResources(broken, loaded.stdout()))
                .containsExactly("missing.css (no such file)");
    }
}
