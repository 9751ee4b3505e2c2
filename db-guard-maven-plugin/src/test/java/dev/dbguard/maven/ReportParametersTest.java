package dev.dbguard.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbguard.core.report.ReportFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The formats and baseline parameters, without Maven running. */
class ReportParametersTest {

    @TempDir
    Path basedir;

    private CheckMojo mojo() {
        CheckMojo mojo = new CheckMojo(null);
        MavenProject project = new MavenProject();
        project.setFile(basedir.resolve("pom.xml").toFile());
        mojo.project = project;
        mojo.formats = List.of(ReportFormat.DEFAULT);
        mojo.baseline = basedir.resolve("db-guard-baseline.json").toFile();
        return mojo;
    }

    @Test
    void formatsDefaultToEveryFormatAndAcceptAList() throws Exception {
        CheckMojo mojo = mojo();
        assertThat(mojo.reportFormats()).containsExactly(ReportFormat.values());
        mojo.formats = List.of("sarif", " JUnit ");
        assertThat(mojo.reportFormats()).containsExactly(ReportFormat.SARIF, ReportFormat.JUNIT);
        mojo.formats = null;
        assertThat(mojo.reportFormats()).containsExactly(ReportFormat.values());
    }

    @Test
    void anUnknownFormatNamesTheParameterAndTheAcceptedValues() {
        CheckMojo mojo = mojo();
        mojo.formats = List.of("json", "xml");
        assertThatThrownBy(mojo::reportFormats).isInstanceOf(MojoExecutionException.class)
                .hasMessage("Invalid parameter formats (dbguard.formats): unknown report format 'xml': "
                        + "use json, sarif, junit, html");
    }

    @Test
    void noBaselineFileMeansNoBaseline() throws Exception {
        assertThat(mojo().readBaseline()).isEmpty();
    }

    @Test
    void aMalformedBaselineNamesTheParameterAndTheFile() throws Exception {
        CheckMojo mojo = mojo();
        Files.writeString(mojo.baseline.toPath(), "[1, 2]");
        assertThatThrownBy(mojo::readBaseline).isInstanceOf(MojoExecutionException.class)
                .hasMessage("Invalid parameter baseline (dbguard.baseline): malformed baseline file "
                        + mojo.baseline.toPath() + ": it is not a JSON object; fix it or write it again with "
                        + "mvn db-guard:baseline");
    }

    @Test
    void aValidBaselineIsRead() throws Exception {
        CheckMojo mojo = mojo();
        Files.writeString(mojo.baseline.toPath(), """
                {"tool": "db-guard", "format": 1, "findings": [
                  {"rule": "rls-disabled", "table": "public.vehicles", "column": null, "object": null, "migration": null}
                ]}
                """);
        assertThat(mojo.readBaseline()).hasValueSatisfying(b -> assertThat(b.entries()).hasSize(1));
    }
}
