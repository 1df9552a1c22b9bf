package dev.stalecheck;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Layering: the model's value packages know nothing of the machine, and the machine nothing of run or cli; the
 * replay fast path beside the model is split like Caffeine's simulator (readers, simulators, reporters); presets
 * are configuration; the packages form no cycle.
 */
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

    @Test
    void presetsAreConfigurationOnly() {
        classes().that().resideInAPackage("dev.stalecheck.preset..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.stalecheck.preset..",
                        "dev.stalecheck.config..", "dev.stalecheck.util..", "java..")
                .check(MAIN);
    }

    @Test
    void replayIsAFastPathBesideTheModelNotOnIt() {
        // It shares the configuration and presets, never the model's state, the search, the scenario language or
        // the scenario reports; the cost model sits on it, not under it.
        noClasses().that().resideInAPackage("dev.stalecheck.replay..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.stalecheck.machine..",
                        "dev.stalecheck.cache..", "dev.stalecheck.memory..", "dev.stalecheck.mmu..",
                        "dev.stalecheck.program..", "dev.stalecheck.explore..", "dev.stalecheck.check..",
                        "dev.stalecheck.run..", "dev.stalecheck.scenario..", "dev.stalecheck.result..",
                        "dev.stalecheck.report..", "dev.stalecheck.cost..", "dev.stalecheck.cli..")
                .check(MAIN);
    }

    @Test
    void replayReadsThenSimulatesThenReports() {
        // Trace readers know nothing of what consumes their batches; simulators nothing of how their statistics
        // are printed or streamed to them; reporters see only the statistics records. The driver (the replay
        // package itself) sits on all three.
        noClasses().that().resideInAPackage("dev.stalecheck.replay.trace..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.stalecheck.replay",
                        "dev.stalecheck.replay.simulator..", "dev.stalecheck.replay.report..", "dev.stalecheck.config..",
                        "dev.stalecheck.preset..")
                .check(MAIN);
        noClasses().that().resideInAPackage("dev.stalecheck.replay.simulator..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.stalecheck.replay",
                        "dev.stalecheck.replay.report..")
                .check(MAIN);
        noClasses().that().resideInAPackage("dev.stalecheck.replay.report..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.stalecheck.replay",
                        "dev.stalecheck.replay.trace..", "dev.stalecheck.config..")
                .check(MAIN);
    }

    @Test
    void costPricesOnTheFastPathAlone() {
        noClasses().that().resideInAPackage("dev.stalecheck.cost..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.stalecheck.machine..",
                        "dev.stalecheck.explore..", "dev.stalecheck.check..", "dev.stalecheck.run..",
                        "dev.stalecheck.scenario..", "dev.stalecheck.result..", "dev.stalecheck.report..",
                        "dev.stalecheck.cli..", "dev.stalecheck.replay", "dev.stalecheck.replay.report..")
                .check(MAIN);
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.stalecheck.(**)").should().beFreeOfCycles().check(MAIN);
    }
}
