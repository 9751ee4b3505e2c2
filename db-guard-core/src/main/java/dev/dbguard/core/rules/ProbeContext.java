package dev.dbguard.core.rules;

import dev.dbguard.core.probe.ProbeOutcome;

/** What a probe rule judges: the isolation probe's observations, on the final schema they were made on. */
public record ProbeContext(SchemaContext schema, ProbeOutcome outcome) {
}
