package dev.dbguard.core.report;

import dev.dbguard.core.api.FailThreshold;
import dev.dbguard.core.api.Finding;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes {@code TEST-db-guard.xml} in the shape of Surefire's JUnit XML reports, which CI systems show in their
 * test tabs. One test case per rule and table examined (class name {@code db-guard.<rule-id>}, name the table; a
 * finding about no table, such as a role or a function, is a test case named after that object):
 * <ul>
 *   <li>{@code <failure>} when the case has an unsuppressed finding at or above {@code failOnSeverity}: exactly what
 *       fails the build, so the test tab and the build agree;</li>
 *   <li>{@code <skipped>} when every finding of the case is suppressed (inline comment or baseline): known and
 *       accepted, neither passed nor failed;</li>
 *   <li>passed otherwise; findings below {@code failOnSeverity} are listed in the case's {@code <system-out>}.</li>
 * </ul>
 * The suite's {@code tests}, {@code failures} and {@code skipped} count those cases; {@code errors} is always 0
 * (a run that cannot complete writes no report).
 */
public final class JUnitReportWriter implements ReportWriter {

    public static final String FILE_NAME = "TEST-db-guard.xml";
    public static final String SUITE_NAME = "db-guard";
    static final String NO_TABLE = "(no table)";

    @Override
    public Path write(AnalysisResult result, ReportContext context) {
        return ReportFiles.write(context.reportDirectory(), FILE_NAME, toBytes(result, context), "JUnit XML report");
    }

    /** One test case: a rule and the table (or object) it examined, with its findings. */
    record TestCase(String rule, String name, List<Finding> findings) {
    }

    public byte[] toBytes(AnalysisResult result, ReportContext context) {
        List<TestCase> cases = testCases(result);
        FailThreshold failOn = context.failOn();
        int failures = 0;
        int skipped = 0;
        for (TestCase testCase : cases) {
            if (failing(testCase, failOn).isEmpty()) {
                if (allSuppressed(testCase)) {
                    skipped++;
                }
            } else {
                failures++;
            }
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", SUITE_NAME);
            xml.writeAttribute("tests", Integer.toString(cases.size()));
            xml.writeAttribute("failures", Integer.toString(failures));
            xml.writeAttribute("errors", "0");
            xml.writeAttribute("skipped", Integer.toString(skipped));
            xml.writeAttribute("time", seconds(result.millis()));
            xml.writeCharacters("\n  ");
            xml.writeStartElement("properties");
            property(xml, "db-guard.version", result.toolVersion());
            property(xml, "postgres", result.postgresVersion());
            property(xml, "failOnSeverity", failOn.toString());
            xml.writeCharacters("\n  ");
            xml.writeEndElement();
            for (TestCase testCase : cases) {
                writeCase(xml, testCase, failOn);
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot build the JUnit XML report: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** Every rule × examined table, plus a case for each finding's rule and table not among them; sorted. */
    static List<TestCase> testCases(AnalysisResult result) {
        Map<String, Map<String, List<Finding>>> byRule = new TreeMap<>();
        for (Map.Entry<String, SortedSet<String>> rule : result.examined().entrySet()) {
            Map<String, List<Finding>> tables = byRule.computeIfAbsent(rule.getKey(), r -> new TreeMap<>());
            for (String table : rule.getValue()) {
                tables.put(table, new ArrayList<>());
            }
        }
        for (Finding finding : result.findings()) {
            byRule.computeIfAbsent(finding.rule(), r -> new TreeMap<>())
                    .computeIfAbsent(caseName(finding), t -> new ArrayList<>())
                    .add(finding);
        }
        List<TestCase> cases = new ArrayList<>();
        byRule.forEach((rule, tables) -> tables.forEach((name, findings) ->
                cases.add(new TestCase(rule, name, List.copyOf(findings)))));
        return cases;
    }

    private static String caseName(Finding finding) {
        if (finding.table() != null) {
            return finding.table();
        }
        return finding.object() != null ? finding.object() : NO_TABLE;
    }

    private static List<Finding> failing(TestCase testCase, FailThreshold failOn) {
        return testCase.findings().stream().filter(f -> !f.suppressed() && failOn.fails(f.severity())).toList();
    }

    private static boolean allSuppressed(TestCase testCase) {
        return !testCase.findings().isEmpty() && testCase.findings().stream().allMatch(Finding::suppressed);
    }

    private static void writeCase(XMLStreamWriter xml, TestCase testCase, FailThreshold failOn)
            throws XMLStreamException {
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("name", testCase.name());
        xml.writeAttribute("classname", SUITE_NAME + "." + testCase.rule());
        xml.writeAttribute("time", "0");
        List<Finding> failing = failing(testCase, failOn);
        if (!failing.isEmpty()) {
            xml.writeCharacters("\n    ");
            xml.writeStartElement("failure");
            Finding first = failing.get(0);
            xml.writeAttribute("message", failing.size() == 1 ? first.message()
                    : failing.size() + " findings; first: " + first.message());
            xml.writeAttribute("type", first.severity().name());
            xml.writeCharacters(describe(testCase.findings()));
            xml.writeEndElement();
        } else if (allSuppressed(testCase)) {
            xml.writeCharacters("\n    ");
            xml.writeStartElement("skipped");
            xml.writeAttribute("message", "suppressed: " + testCase.findings().get(0).message());
            xml.writeEndElement();
        } else if (!testCase.findings().isEmpty()) {
            xml.writeCharacters("\n    ");
            xml.writeStartElement("system-out");
            xml.writeCharacters(describe(testCase.findings()));
            xml.writeEndElement();
        }
        if (!testCase.findings().isEmpty()) {
            xml.writeCharacters("\n  ");
        }
        xml.writeEndElement();
    }

    /** Each finding: severity, place, message, fix; suppressed ones marked. */
    private static String describe(List<Finding> findings) {
        StringBuilder text = new StringBuilder();
        for (Finding finding : findings) {
            text.append(finding.suppressed() ? "suppressed " : "").append(finding.severity().name())
                    .append(' ').append(finding.rule());
            if (finding.source() != null) {
                text.append(' ').append(finding.source());
            }
            text.append(": ").append(finding.message()).append('\n');
            if (finding.fix() != null && !finding.fix().isBlank()) {
                text.append("fix:\n").append(finding.fix().strip()).append('\n');
            }
        }
        return text.toString();
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeCharacters("\n    ");
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", name);
        xml.writeAttribute("value", value == null ? "" : value);
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

}
