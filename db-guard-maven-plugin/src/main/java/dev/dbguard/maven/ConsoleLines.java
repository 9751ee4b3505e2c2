package dev.dbguard.maven;

import dev.dbguard.core.report.ConsoleReport;
import dev.dbguard.core.api.Severity;
import org.apache.maven.shared.utils.logging.MessageBuilder;
import org.apache.maven.shared.utils.logging.MessageUtils;

/**
 * Colours the core's console lines through Maven's own {@link MessageBuilder}, so they follow {@code --color} and
 * batch mode ({@code -B} prints plain text) like Maven's own output.
 */
final class ConsoleLines {

    private ConsoleLines() {
    }

    static String render(ConsoleReport.Line line) {
        MessageBuilder out = MessageUtils.buffer();
        for (ConsoleReport.Segment segment : line.segments()) {
            String text = segment.text();
            switch (segment.style()) {
                case TABLE, RULE -> out.strong(text);
                case SEVERITY, SUMMARY -> bySeverity(out, segment.severity(), text);
                case PLACE, FIX -> out.project(text);
                case PLAIN -> out.a(text);
            }
        }
        return out.toString();
    }

    private static void bySeverity(MessageBuilder out, Severity severity, String text) {
        if (severity == null) {
            out.a(text);
            return;
        }
        switch (severity) {
            case ERROR -> out.failure(text);
            case WARNING -> out.warning(text);
            case INFO -> out.success(text);
        }
    }
}
