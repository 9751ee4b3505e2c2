package dev.dbguard.core.rules;

import dev.dbguard.core.api.Finding;
import java.util.List;

/**
 * A rule judged on what the isolation probe ({@link dev.dbguard.core.probe.IsolationProbe}) saw when it filled the
 * tenant tables with synthetic rows and read and wrote across two tenants as the application's role. The probe
 * observes; the rule decides what a finding says, where it points and how to fix it.
 */
public non-sealed interface ProbeRule extends Rule {

    List<Finding> check(ProbeContext context);
}
