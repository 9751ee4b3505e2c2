package dev.dbguard.core.report;

import dev.dbguard.core.api.ProbeCoverage;
import dev.dbguard.core.api.AppliedMigration;
import dev.dbguard.core.api.Finding;
import dev.dbguard.core.api.Severity;
import dev.dbguard.core.api.SourceRef;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code db-guard.json}, the report that scripts and other tools read. Its shape is a contract
 * (docs/DESIGN.md): every key always present, null where unknown, keys in the documented order,
 * findings in {@link Finding#REPORT_ORDER}, "\n" line ends, so the same result gives the same bytes.
 */
public final class JsonReportWriter {

    public static final String FILE_NAME = "db-guard.json";
    public static final String TOOL_NAME = "db-guard";

    private static final JsonFactory FACTORY = new JsonFactory();

    /** Writes {@code <reportDirectory>/db-guard.json}, creating the directory; returns the file written. */
    public Path write(AnalysisResult result, Path reportDirectory) {
        return ReportFiles.write(reportDirectory, FILE_NAME, toBytes(result), "JSON report");
    }

    /** The report as UTF-8 bytes. */
    public byte[] toBytes(AnalysisResult result) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(result, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen on a byte array
        }
        return out.toByteArray();
    }

    /** Writes the report to {@code out} as UTF-8; does not close {@code out}. */
    public void write(AnalysisResult result, OutputStream out) throws IOException {
        try (JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
            json.setPrettyPrinter(new DefaultPrettyPrinter(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
                    .withObjectIndenter(indenter)
                    .withArrayIndenter(indenter));

            json.writeStartObject();

            json.writeObjectFieldStart("tool");
            json.writeStringField("name", TOOL_NAME);
            json.writeStringField("version", result.toolVersion());
            json.writeEndObject();

            json.writeStringField("postgres", result.postgresVersion());

            json.writeArrayFieldStart("migrations");
            for (AppliedMigration migration : result.migrations()) {
                json.writeStartObject();
                json.writeStringField("file", migration.file());
                json.writeStringField("version", migration.version());
                json.writeNumberField("statements", migration.statements());
                json.writeNumberField("millis", migration.millis());
                json.writeEndObject();
            }
            json.writeEndArray();

            json.writeArrayFieldStart("findings");
            for (Finding finding : sorted(result.findings())) {
                json.writeStartObject();
                json.writeStringField("rule", finding.rule());
                json.writeStringField("severity", finding.severity().name());
                json.writeStringField("table", finding.table());
                json.writeStringField("column", finding.column());
                SourceRef source = finding.source();
                json.writeStringField("file", source == null ? null : source.file());
                if (source == null) {
                    json.writeNullField("line");
                } else {
                    json.writeNumberField("line", source.line());
                }
                json.writeStringField("message", finding.message());
                json.writeStringField("fix", finding.fix());
                json.writeStringField("rollback", finding.rollback());
                json.writeBooleanField("suppressed", finding.suppressed());
                json.writeEndObject();
            }
            json.writeEndArray();

            ProbeCoverage probe = result.probe();
            if (probe == null) {
                json.writeNullField("probe");
            } else {
                json.writeObjectFieldStart("probe");
                json.writeNumberField("tenantTables", probe.tenantTables());
                json.writeNumberField("probed", probe.probed());
                json.writeNumberField("skipped", probe.skipped());
                json.writeEndObject();
            }

            // written key by key: AnalysisResult#summary is a sorted map, the contract's order is by severity
            Map<String, Integer> summary = result.summary();
            json.writeObjectFieldStart("summary");
            for (Severity severity : Severity.values()) {
                json.writeNumberField(severity.name(), summary.getOrDefault(severity.name(), 0));
            }
            json.writeNumberField("suppressed", summary.getOrDefault("suppressed", 0));
            json.writeEndObject();

            json.writeEndObject();
            json.writeRaw('\n');
        }
    }

    private static List<Finding> sorted(List<Finding> findings) {
        // AnalysisResult already sorts; sorting again keeps this writer's promise whatever the caller built
        return findings.stream().sorted(Finding.REPORT_ORDER).toList();
    }
}
