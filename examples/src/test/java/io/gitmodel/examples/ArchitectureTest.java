package io.gitmodel.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The examples are what a team would copy: they use the library's exported API only. */
class ArchitectureTest {
    @Test
    void theExamplesUseTheExportedApiOnly() {
        noClasses().should().dependOnClassesThat().resideInAPackage("io.gitmodel.registry.internal..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.gitmodel.examples"));
    }
}
