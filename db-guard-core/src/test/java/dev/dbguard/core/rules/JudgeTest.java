package dev.dbguard.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbguard.core.api.GuardConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A phase runs for the enabled rules that need it, and only when the configuration meets all their needs. */
class JudgeTest {

    private static final GuardConfig PLAIN = GuardConfig.builder().migration(Path.of("migrations")).build();
    private static final GuardConfig WITH_ROLE = GuardConfig.builder().migration(Path.of("migrations"))
            .migrationRole("migrator").build();

    @Test
    void theDefaultsNeedTheRehearsalAndTheProbe() {
        Judge judge = new Judge(PLAIN, RuleSettings.parse(Map.of()));
        assertThat(judge.wants(Need.REHEARSAL)).isTrue();
        assertThat(judge.wants(Need.PROBE)).isTrue();
    }

    @Test
    void noEnabledRuleNeedingAPhaseMeansItDoesNotRun() {
        Map<String, String> off = new HashMap<>();
        for (Rule rule : BuiltInRules.all()) {
            if (rule.needs().contains(Need.REHEARSAL) || rule.needs().contains(Need.PROBE)) {
                off.put(rule.id(), "off");
            }
        }
        Judge judge = new Judge(WITH_ROLE, RuleSettings.parse(off));
        assertThat(judge.wants(Need.REHEARSAL)).isFalse();
        assertThat(judge.wants(Need.PROBE)).isFalse();
        assertThat(judge.wants(Need.SCHEMA)).isTrue();
    }

    @Test
    void aRuleWhoseNeedsTheConfigurationCannotMeetAsksForNothing() {
        Map<String, String> onlyBackfill = new HashMap<>();
        for (Rule rule : BuiltInRules.all()) {
            if (rule.needs().contains(Need.REHEARSAL) && !rule.id().equals("backfill-blocked-by-rls")) {
                onlyBackfill.put(rule.id(), "off");
            }
        }
        assertThat(new Judge(PLAIN, RuleSettings.parse(onlyBackfill)).wants(Need.REHEARSAL)).isFalse();
        assertThat(new Judge(WITH_ROLE, RuleSettings.parse(onlyBackfill)).wants(Need.REHEARSAL)).isTrue();
    }

    @Test
    void everyRuleNeedsItsKindsInput() {
        for (Rule rule : BuiltInRules.all()) {
            Need kind = rule instanceof SchemaRule ? Need.SCHEMA : rule instanceof MigrationRule ? Need.MIGRATIONS
                    : Need.PROBE;
            assertThat(rule.needs()).as(rule.id()).contains(kind);
        }
    }
}
