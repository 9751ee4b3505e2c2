package dev.dbguard.core.report;

import dev.dbguard.core.api.InvalidParameterException;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The report files db-guard can write, by the name users give in {@code formats}. */
public enum ReportFormat {
    JSON("json", JsonReportWriter.FILE_NAME),
    SARIF("sarif", SarifReportWriter.FILE_NAME),
    JUNIT("junit", JUnitReportWriter.FILE_NAME),
    HTML("html", "db-guard.html");

    /** The default of {@code formats}. */
    public static final String DEFAULT = "json,sarif,junit,html";

    private final String id;
    private final String fileName;

    ReportFormat(String id, String fileName) {
        this.id = id;
        this.fileName = fileName;
    }

    public String id() {
        return id;
    }

    public String fileName() {
        return fileName;
    }

    /** The names {@code formats} accepts, comma-separated: {@code json, sarif, junit, html}. */
    public static String accepted() {
        return Arrays.stream(values()).map(ReportFormat::id).collect(Collectors.joining(", "));
    }

    /**
     * Parses format names in any case, blanks ignored; each value may itself be comma-separated (a user property).
     *
     * @throws InvalidParameterException naming {@code formats}, the unknown value and the accepted ones
     */
    public static Set<ReportFormat> parse(Collection<String> values) {
        Set<ReportFormat> formats = EnumSet.noneOf(ReportFormat.class);
        for (String value : values) {
            if (value == null) {
                continue;
            }
            for (String part : value.split(",")) {
                String name = part.trim().toLowerCase(Locale.ROOT);
                if (name.isEmpty()) {
                    continue;
                }
                formats.add(Arrays.stream(values()).filter(f -> f.id.equals(name)).findFirst()
                        .orElseThrow(() -> new InvalidParameterException("formats",
                                "unknown report format '" + part.trim() + "': use " + accepted())));
            }
        }
        return formats;
    }
}
