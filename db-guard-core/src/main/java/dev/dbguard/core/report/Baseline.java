package dev.dbguard.core.report;

import dev.dbguard.core.api.Finding;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbguard.core.api.DbGuardException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The findings a project has accepted so it can adopt db-guard on a legacy schema and fail only on new ones (the
 * idea of ArchUnit's FreezingArchRule). Each entry is a {@link FindingKey}: rule and object, never a line, so
 * editing a migration does not wake an old finding. Entries form a multiset: two equal findings need two entries.
 * The file is sorted, so the same findings give the same bytes and a diff shows exactly what changed.
 */
public final class Baseline {

    public static final String FILE_NAME = "db-guard-baseline.json";
    /** The file format's version, written into the file. */
    static final int FORMAT = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = new JsonFactory();

    private final List<FindingKey> entries;

    private Baseline(List<FindingKey> entries) {
        this.entries = entries.stream().sorted().toList();
    }

    /** The baseline that accepts every unsuppressed finding of {@code result}. */
    public static Baseline of(AnalysisResult result) {
        return new Baseline(result.findings().stream().filter(f -> !f.suppressed()).map(FindingKey::of).toList());
    }

    public List<FindingKey> entries() {
        return entries;
    }

    /** What applying a baseline did. */
    public record Applied(AnalysisResult result, Set<Finding> baselined, List<FindingKey> stale) {
    }

    /**
     * Marks each unsuppressed finding that an entry accepts as suppressed (one entry, one finding, in report order).
     * Entries that accept no finding are {@link Applied#stale()}: the problem was fixed, remove them.
     */
    public Applied apply(AnalysisResult result) {
        Map<FindingKey, Integer> remaining = new TreeMap<>();
        for (FindingKey entry : entries) {
            remaining.merge(entry, 1, Integer::sum);
        }
        List<Finding> findings = new ArrayList<>();
        Set<Finding> baselined = new HashSet<>();
        for (Finding finding : result.findings()) {
            FindingKey key = FindingKey.of(finding);
            if (!finding.suppressed() && remaining.getOrDefault(key, 0) > 0) {
                remaining.merge(key, -1, Integer::sum);
                Finding accepted = finding.asSuppressed();
                findings.add(accepted);
                baselined.add(accepted);
            } else {
                findings.add(finding);
            }
        }
        List<FindingKey> stale = new ArrayList<>();
        remaining.forEach((key, count) -> {
            for (int i = 0; i < count; i++) {
                stale.add(key);
            }
        });
        return new Applied(result.withFindings(findings), Set.copyOf(baselined), List.copyOf(stale));
    }

    /**
     * Reads a baseline file.
     *
     * @throws DbGuardException naming the file and what is wrong, when it cannot be read or is not a baseline
     */
    public static Baseline read(Path file) {
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new DbGuardException("baseline file " + file + " does not exist: create it with "
                    + "mvn db-guard:baseline", e);
        } catch (JsonProcessingException e) {
            throw malformed(file, "it is not valid JSON (" + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ")");
        } catch (IOException e) {
            throw new DbGuardException("cannot read the baseline file " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw malformed(file, "it is not a JSON object");
        }
        JsonNode format = root.get("format");
        if (format != null && !(format.isInt() && format.asInt() == FORMAT)) {
            throw malformed(file, "format " + format + " is not " + FORMAT + ", the format this db-guard reads");
        }
        JsonNode findings = root.get("findings");
        if (findings == null || !findings.isArray()) {
            throw malformed(file, "it has no \"findings\" array");
        }
        List<FindingKey> entries = new ArrayList<>();
        for (int i = 0; i < findings.size(); i++) {
            JsonNode entry = findings.get(i);
            String where = "findings[" + i + "]";
            if (!entry.isObject()) {
                throw malformed(file, where + " is not an object");
            }
            String rule = text(file, entry, "rule", where);
            if (rule == null || rule.isBlank()) {
                throw malformed(file, where + " has no \"rule\"");
            }
            entries.add(new FindingKey(rule, text(file, entry, "table", where), text(file, entry, "column", where),
                    text(file, entry, "object", where), text(file, entry, "migration", where)));
        }
        return new Baseline(entries);
    }

    /** Writes the baseline to {@code file}, creating its folder; returns the file. */
    public Path write(Path file) {
        Path folder = file.toAbsolutePath().getParent();
        return ReportFiles.write(folder, file.getFileName().toString(), toBytes(), "baseline file");
    }

    /** The file's bytes: entries sorted, every key present, "\n" line ends. */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
            json.setPrettyPrinter(new DefaultPrettyPrinter(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
                    .withObjectIndenter(indenter)
                    .withArrayIndenter(indenter));
            json.writeStartObject();
            json.writeStringField("tool", JsonReportWriter.TOOL_NAME);
            json.writeNumberField("format", FORMAT);
            json.writeArrayFieldStart("findings");
            for (FindingKey entry : entries) {
                json.writeStartObject();
                json.writeStringField("rule", entry.rule());
                json.writeStringField("table", entry.table());
                json.writeStringField("column", entry.column());
                json.writeStringField("object", entry.object());
                json.writeStringField("migration", entry.migration());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen on a byte array
        }
        return out.toByteArray();
    }

    private static String text(Path file, JsonNode entry, String key, String where) {
        JsonNode value = entry.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw malformed(file, where + "." + key + " is " + value + ", not a string or null");
        }
        return value.asText();
    }

    private static DbGuardException malformed(Path file, String what) {
        return new DbGuardException("malformed baseline file " + file + ": " + what
                + "; fix it or write it again with mvn db-guard:baseline");
    }
}
