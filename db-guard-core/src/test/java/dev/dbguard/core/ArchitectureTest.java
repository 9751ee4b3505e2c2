package dev.dbguard.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The core's packages in layers (docs/architecture.md), checked on its compiled classes: a package may use the
 * packages below it, never one above, so no two packages depend on each other.
 */
class ArchitectureTest {

    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.dbguard.core");
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.dbguard.core.(*)..").should().beFreeOfCycles().check(core);
    }

    @Test
    void theCoreUsesNothingFromMaven() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.apache.maven..", "org.codehaus.plexus..",
                "org.eclipse.aether..").check(core);
    }

    @Test
    void layersReadDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("cache").definedBy("dev.dbguard.core.cache..")
                .layer("top").definedBy("dev.dbguard.core")
                .layer("fix").definedBy("dev.dbguard.core.fix..")
                .layer("report").definedBy("dev.dbguard.core.report..")
                .layer("rules").definedBy("dev.dbguard.core.rules..")
                .layer("probe").definedBy("dev.dbguard.core.probe..")
                .layer("rehearsal").definedBy("dev.dbguard.core.rehearsal..")
                .layer("format").definedBy("dev.dbguard.core.format..")
                .layer("history").definedBy("dev.dbguard.core.history..")
                .layer("role").definedBy("dev.dbguard.core.role..")
                .layer("postgres").definedBy("dev.dbguard.core.postgres..")
                .layer("journal").definedBy("dev.dbguard.core.journal..")
                .layer("synthetic").definedBy("dev.dbguard.core.synthetic..")
                .layer("migration").definedBy("dev.dbguard.core.migration..")
                .layer("tenancy").definedBy("dev.dbguard.core.tenancy..")
                .layer("api").definedBy("dev.dbguard.core.api..")
                .layer("catalog").definedBy("dev.dbguard.core.catalog..")
                .whereLayer("cache").mayNotBeAccessedByAnyLayer()
                .whereLayer("top").mayOnlyBeAccessedByLayers("cache")
                .whereLayer("fix").mayOnlyBeAccessedByLayers("top")
                .whereLayer("report").mayOnlyBeAccessedByLayers("top", "fix", "cache")
                .whereLayer("rules").mayOnlyBeAccessedByLayers("top", "fix", "report")
                .whereLayer("probe").mayOnlyBeAccessedByLayers("top", "rules")
                .whereLayer("rehearsal").mayOnlyBeAccessedByLayers("top", "cache", "rules")
                .whereLayer("format").mayOnlyBeAccessedByLayers("top")
                .whereLayer("history").mayOnlyBeAccessedByLayers("top", "rehearsal", "rules", "report", "fix")
                .whereLayer("role").mayOnlyBeAccessedByLayers("top", "rehearsal", "rules")
                .whereLayer("postgres").mayOnlyBeAccessedByLayers("top", "cache", "format", "role", "rehearsal", "probe")
                .whereLayer("journal").mayOnlyBeAccessedByLayers("top", "cache", "format", "history", "role",
                        "rehearsal", "rules", "report", "fix")
                .whereLayer("synthetic").mayOnlyBeAccessedByLayers("rehearsal", "probe")
                .check(core);
    }
}
