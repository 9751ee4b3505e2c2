package dev.dbguard.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The {@code mvn site} page the site-report it-project built (maven-invoker-plugin runs it just before this test,
 * in the same phase), loaded in headless Chromium with the site's skin: no console error, no missing resource, the
 * analysis on the page, and a screenshot in {@code target/browser/}. Skipped, saying so, without Chromium or when
 * the it-project did not run ({@code -Dinvoker.test} chose others, or {@code -Dinvoker.skip}).
 */
@Tag("browser")
class SitePageBrowserIT {

    private static final Path PROJECT = Path.of("target", "it", "site-report");
    private static final Path OUT = Path.of("target", "browser");

    @Test
    void theSitePageLoadsCleanlyWithTheSkinAndShowsTheAnalysis() throws IOException {
        Optional<Path> executable = HeadlessChromium.find();
        assumeTrue(executable.isPresent(), "Chromium is not installed at " + HeadlessChromium.DEBIAN_CHROMIUM
                + ": the browser check of the site page is skipped (apt-get install chromium to run it)");
        Path page = PROJECT.resolve("target/site/db-guard.html");
        assumeTrue(Files.isRegularFile(page), "the site-report it-project did not run, so there is no " + page);
        JsonNode report = new ObjectMapper().readTree(PROJECT.resolve("target/db-guard/db-guard.json").toFile());
        HeadlessChromium chromium = new HeadlessChromium(executable.get(), OUT.resolve("work"));

        HeadlessChromium.Run loaded = chromium.dumpDom(page);

        assertThat(loaded.exitCode()).as("chromium --dump-dom, stderr:%n%s", loaded.stderr()).isZero();
        assertThat(loaded.consoleErrors()).as("console errors of %s", page).isEmpty();
        String dom = loaded.stdout();
        assertThat(HeadlessChromium.unloadableResources(page, dom)).as("resources of %s", page).isEmpty();
        assertThat(dom).contains("Schema health", "Migrations as applied", "public.service_notes",
                "public.vehicles", "public.tenants");
        for (JsonNode finding : report.get("findings")) {
            String rule = finding.get("rule").asText();
            assertThat(dom).contains(rule).contains("docs/rules/" + rule + ".md");
        }
        for (JsonNode migration : report.get("migrations")) {
            assertThat(dom).contains(migration.get("file").asText());
        }

        Path png = OUT.resolve("site-db-guard.png");
        Files.deleteIfExists(png);
        HeadlessChromium.Run shot = chromium.screenshot(page, png);
        assertThat(shot.exitCode()).as("chromium --screenshot, stderr:%n%s", shot.stderr()).isZero();
        assertThat(shot.consoleErrors()).isEmpty();
        assertThat(Files.readAllBytes(png)).startsWith(0x89, 'P', 'N', 'G').hasSizeGreaterThan(10_000);
    }
}
