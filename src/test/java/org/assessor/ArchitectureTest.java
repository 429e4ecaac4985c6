package org.assessor;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packages are the pipeline's stages, each allowed to use only the stages below it:
 * input and facts at the bottom; ruleset (framework, register, rules: compile, cache, lint, describe); evidence
 * (fixtures into facts); engine (a session, the derivation); result (the facade and the one result model); explain;
 * impact and casebook; report (renders only); draft (reports into draft fixtures, codings at the desk); batch; govern (people, proposals in git, the audit trail); serve (the workbench's web server); cli on top. No cycles, no upward imports.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.assessor");
    }

    @Test
    void eachStageUsesOnlyTheStagesBelowIt() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("input").definedBy("org.assessor.input..")
                .layer("facts").definedBy("org.assessor.facts..")
                .layer("ruleset").definedBy("org.assessor.ruleset..")
                .layer("evidence").definedBy("org.assessor.evidence..")
                .layer("engine").definedBy("org.assessor.engine..")
                .layer("result").definedBy("org.assessor.result..")
                .layer("explain").definedBy("org.assessor.explain..")
                .layer("impact").definedBy("org.assessor.impact..")
                .layer("casebook").definedBy("org.assessor.casebook..")
                .layer("report").definedBy("org.assessor.report..")
                .layer("draft").definedBy("org.assessor.draft..")
                .layer("batch").definedBy("org.assessor.batch..")
                .layer("govern").definedBy("org.assessor.govern..")
                .layer("serve").definedBy("org.assessor.serve..")
                .layer("cli").definedBy("org.assessor.cli..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("serve").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("govern").mayOnlyBeAccessedByLayers("serve", "cli")
                .whereLayer("draft").mayOnlyBeAccessedByLayers("serve", "cli")
                .whereLayer("batch").mayOnlyBeAccessedByLayers("serve", "cli")
                .whereLayer("report").mayOnlyBeAccessedByLayers("batch", "serve", "cli")
                .whereLayer("casebook").mayOnlyBeAccessedByLayers("report", "batch", "serve", "cli")
                .whereLayer("impact").mayOnlyBeAccessedByLayers("report", "draft", "batch", "serve", "cli")
                .whereLayer("explain").mayOnlyBeAccessedByLayers("impact", "casebook", "report", "batch", "serve", "cli")
                .whereLayer("result").mayOnlyBeAccessedByLayers("explain", "impact", "casebook", "report", "draft", "batch",
                        "serve", "cli")
                .whereLayer("engine").mayOnlyBeAccessedByLayers("result", "explain", "impact", "casebook", "report",
                        "batch", "govern", "serve", "cli")
                .whereLayer("evidence").mayOnlyBeAccessedByLayers("engine", "result", "explain", "impact", "casebook",
                        "report", "draft", "batch", "serve", "cli")
                .whereLayer("ruleset").mayOnlyBeAccessedByLayers("evidence", "engine", "result", "explain", "impact",
                        "casebook", "report", "draft", "batch", "govern", "serve", "cli")
                .whereLayer("facts").mayNotAccessAnyLayer()
                .whereLayer("input").mayNotAccessAnyLayer()
                .check(classes);
    }

    @Test
    void noPackageCycles() {
        slices().matching("org.assessor.(*)..").should().beFreeOfCycles().check(classes);
    }
}
