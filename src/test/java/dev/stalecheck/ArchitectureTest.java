package dev.stalecheck;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Layering: the model's value packages know nothing of the machine, and the machine nothing of run or cli. */
class ArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(new ImportOption.DoNotIncludeTests())
            .importPackages("dev.stalecheck");

    @Test
    void valuePackagesDoNotDependOnTheMachineOrAbove() {
        noClasses().that().resideInAnyPackage("dev.stalecheck.config..", "dev.stalecheck.cache..",
                        "dev.stalecheck.memory..", "dev.stalecheck.util..", "dev.stalecheck.program..",
                        "dev.stalecheck.mmu..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.stalecheck.machine..", "dev.stalecheck.run..",
                        "dev.stalecheck.cli..", "dev.stalecheck.preset..")
                .check(MAIN);
    }

    @Test
    void machineDoesNotDependOnDriversFrontEndOrReporting() {
        noClasses().that().resideInAPackage("dev.stalecheck.machine..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.stalecheck.run..", "dev.stalecheck.cli..",
                        "dev.stalecheck.explore..", "dev.stalecheck.check..", "dev.stalecheck.report..",
                        "dev.stalecheck.result..", "dev.stalecheck.scenario..")
                .check(MAIN);
    }

    @Test
    void searchAndGradingDoNotDependOnPrintersOrTheCommandLine() {
        noClasses().that().resideInAnyPackage("dev.stalecheck.explore..", "dev.stalecheck.check..",
                        "dev.stalecheck.run..", "dev.stalecheck.scenario..", "dev.stalecheck.result..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.stalecheck.report..", "dev.stalecheck.cli..")
                .check(MAIN);
    }

    @Test
    void theExplorerKnowsNothingOfTheLanguage() {
        noClasses().that().resideInAPackage("dev.stalecheck.explore..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.stalecheck.scenario..")
                .check(MAIN);
    }
}
