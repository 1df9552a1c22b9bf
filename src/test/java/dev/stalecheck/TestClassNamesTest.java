package dev.stalecheck;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.junit.platform.commons.annotation.Testable;

/**
 * Surefire runs only the classes its includes name (pom.xml): every test method, JUnit's or jqwik's, must sit in a
 * class whose top-level name ends in Test, Tests, TestCase or Properties, or starts with Test, or it never runs.
 */
class TestClassNamesTest {
    private static final JavaClasses TESTS = new ClassFileImporter()
            .withImportOption(new ImportOption.OnlyIncludeTests())
            .importPackages("dev.stalecheck");

    @Test
    void everyTestMethodIsInAClassSurefireRuns() {
        // @Test, @ParameterizedTest, @TestFactory, jqwik's @Property and @Example are all meta-annotated @Testable.
        methods().that().areMetaAnnotatedWith(Testable.class)
                .should().beDeclaredInClassesThat()
                .haveNameMatching(".*\\.(Test[^.$]*|[^.$]*(Test|Tests|TestCase|Properties))(\\$.*)?")
                .check(TESTS);
    }
}
