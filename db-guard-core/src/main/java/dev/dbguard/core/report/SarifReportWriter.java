package dev.dbguard.core.report;

import dev.dbguard.core.api.Finding;
import dev.dbguard.core.api.Severity;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import dev.dbguard.core.rules.BuiltInRules;
import dev.dbguard.core.rules.Rule;
import dev.dbguard.core.rules.RuleDefinition;
import dev.dbguard.core.rules.RuleDocs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes {@code db-guard.sarif}, SARIF 2.1.0 for code scanning (GitHub, GitLab, IDE viewers): one {@code rule} per
 * built-in rule with its summary, rationale and documentation page; one {@code result} per finding, pointing at the
 * migration line relative to the project root, its level from the severity, a {@code suppressions} entry when it is
 * suppressed (kind {@code inSource} for a {@code -- db-guard:ignore} comment, {@code external} for the baseline), and
 * a fingerprint made of the rule and the object (never a line), so code scanning tracks an alert across edits.
 * The same result gives the same bytes.
 */
public final class SarifReportWriter implements ReportWriter {

    public static final String FILE_NAME = "db-guard.sarif";
    public static final String SCHEMA_URI =
            "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    /** The key of the fingerprint in {@code partialFingerprints}; the version changes if the key's recipe does. */
    public static final String FINGERPRINT = "dbGuardFindingKey/v1";
    /** Relative artifact URIs are relative to the checkout root, which code scanning calls {@code %SRCROOT%}. */
    static final String SRCROOT = "%SRCROOT%";

    private static final JsonFactory FACTORY = new JsonFactory();

    @Override
    public Path write(AnalysisResult result, ReportContext context) {
        return ReportFiles.write(context.reportDirectory(), FILE_NAME, toBytes(result, context), "SARIF report");
    }

    public byte[] toBytes(AnalysisResult result, ReportContext context) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
            json.setPrettyPrinter(new DefaultPrettyPrinter(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
                    .withObjectIndenter(indenter)
                    .withArrayIndenter(indenter));
            writeLog(json, result, context);
            json.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen on a byte array
        }
        return out.toByteArray();
    }

    private static void writeLog(JsonGenerator json, AnalysisResult result, ReportContext context) throws IOException {
        List<Rule> rules = BuiltInRules.all();
        Map<String, Integer> ruleIndex = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            ruleIndex.put(rules.get(i).id(), i);
        }

        json.writeStartObject();
        json.writeStringField("$schema", SCHEMA_URI);
        json.writeStringField("version", "2.1.0");
        json.writeArrayFieldStart("runs");
        json.writeStartObject();

        json.writeObjectFieldStart("tool");
        json.writeObjectFieldStart("driver");
        json.writeStringField("name", JsonReportWriter.TOOL_NAME);
        json.writeStringField("version", result.toolVersion());
        json.writeStringField("informationUri", RuleDocs.BASE_URI);
        json.writeArrayFieldStart("rules");
        for (Rule rule : rules) {
            writeRule(json, rule.definition());
        }
        json.writeEndArray();
        json.writeEndObject();
        json.writeEndObject();

        json.writeArrayFieldStart("results");
        Map<String, Integer> seen = new HashMap<>();
        for (Finding finding : result.findings()) {
            writeResult(json, finding, ruleIndex.get(finding.rule()), fingerprint(finding, seen), context);
        }
        json.writeEndArray();

        json.writeObjectFieldStart("properties");
        json.writeStringField("postgres", result.postgresVersion());
        json.writeNumberField("migrations", result.migrations().size());
        json.writeEndObject();

        json.writeEndObject();
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void writeRule(JsonGenerator json, RuleDefinition rule) throws IOException {
        String rationale = RuleDocs.rationale(rule.id()).orElse(rule.summary() + ".");
        json.writeStartObject();
        json.writeStringField("id", rule.id());
        json.writeStringField("name", pascalCase(rule.id()));
        json.writeObjectFieldStart("shortDescription");
        json.writeStringField("text", rule.summary());
        json.writeEndObject();
        json.writeObjectFieldStart("fullDescription");
        json.writeStringField("text", rationale);
        json.writeEndObject();
        json.writeStringField("helpUri", RuleDocs.uri(rule.id()));
        json.writeObjectFieldStart("help");
        json.writeStringField("text", rule.summary() + ". " + rationale + " See " + RuleDocs.uri(rule.id()));
        var page = RuleDocs.page(rule.id());
        if (page.isPresent()) {
            json.writeStringField("markdown", page.get());
        }
        json.writeEndObject();
        json.writeObjectFieldStart("defaultConfiguration");
        json.writeBooleanField("enabled", rule.onByDefault());
        json.writeStringField("level", level(rule.severity()));
        json.writeEndObject();
        json.writeObjectFieldStart("properties");
        json.writeArrayFieldStart("tags");
        json.writeString("postgresql");
        json.writeString(rule.section().title().toLowerCase(Locale.ROOT));
        json.writeEndArray();
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void writeResult(JsonGenerator json, Finding finding, Integer ruleIndex, String fingerprint,
                                    ReportContext context) throws IOException {
        json.writeStartObject();
        json.writeStringField("ruleId", finding.rule());
        if (ruleIndex != null) {
            json.writeNumberField("ruleIndex", ruleIndex);
        }
        json.writeStringField("level", level(finding.severity()));
        json.writeObjectFieldStart("message");
        json.writeStringField("text", finding.message());
        json.writeEndObject();

        String logicalName = finding.table() != null ? finding.table() : finding.object();
        if (finding.source() != null || logicalName != null) {
            json.writeArrayFieldStart("locations");
            json.writeStartObject();
            if (finding.source() != null) {
                json.writeObjectFieldStart("physicalLocation");
                json.writeObjectFieldStart("artifactLocation");
                json.writeStringField("uri", context.projectRelative(finding.source().file()));
                json.writeStringField("uriBaseId", SRCROOT);
                json.writeEndObject();
                json.writeObjectFieldStart("region");
                json.writeNumberField("startLine", Math.max(1, finding.source().line()));
                json.writeEndObject();
                json.writeEndObject();
            }
            if (logicalName != null) {
                json.writeArrayFieldStart("logicalLocations");
                json.writeStartObject();
                json.writeStringField("fullyQualifiedName", finding.column() != null && finding.table() != null
                        ? finding.table() + "." + finding.column() : logicalName);
                json.writeStringField("kind", finding.table() != null ? (finding.column() != null ? "member" : "type")
                        : "object");
                json.writeEndObject();
                json.writeEndArray();
            }
            json.writeEndObject();
            json.writeEndArray();
        }

        json.writeObjectFieldStart("partialFingerprints");
        json.writeStringField(FINGERPRINT, fingerprint);
        json.writeEndObject();

        if (finding.suppressed()) {
            boolean baselined = context.baselined().contains(finding);
            json.writeArrayFieldStart("suppressions");
            json.writeStartObject();
            json.writeStringField("kind", baselined ? "external" : "inSource");
            json.writeStringField("status", "accepted");
            json.writeStringField("justification", baselined
                    ? "listed in the db-guard baseline file"
                    : "-- db-guard:ignore comment in the migration");
            json.writeEndObject();
            json.writeEndArray();
        }

        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("severity", finding.severity().name());
        properties.put("table", finding.table());
        properties.put("column", finding.column());
        properties.put("object", finding.object());
        properties.put("fix", finding.fix());
        properties.put("rollback", finding.rollback());
        json.writeObjectFieldStart("properties");
        for (Map.Entry<String, String> property : properties.entrySet()) {
            if (property.getValue() != null) {
                json.writeStringField(property.getKey(), property.getValue());
            }
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    /** The finding's key; findings sharing a key are numbered in report order ({@code key#2}) so each stays distinct. */
    private static String fingerprint(Finding finding, Map<String, Integer> seen) {
        String key = FindingKey.of(finding).text();
        int occurrence = seen.merge(key, 1, Integer::sum);
        return occurrence == 1 ? key : key + "#" + occurrence;
    }

    static String level(Severity severity) {
        return switch (severity) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }

    private static String pascalCase(String id) {
        StringBuilder name = new StringBuilder();
        for (String part : id.split("-")) {
            if (!part.isEmpty()) {
                name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return name.toString();
    }
}
