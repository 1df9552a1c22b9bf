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
                        "dev.stalecheck.memory..", "dev.stalecheck.util..", "dev.stalecheck.program..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.stalecheck.machine..", "dev.stalecheck.run..",
                        "dev.stalecheck.cli..", "dev.stalecheck.preset..")
                .check(MAIN);
    }

    @Test
    void machineDoesNotDependOnRunOrCli() {
        noClasses().that().resideInAPackage("dev.stalecheck.machine..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.stalecheck.run..", "dev.stalecheck.cli..")
                .check(MAIN);
    }
}
