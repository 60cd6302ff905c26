package io.gitmodel.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The command line is a thin layer over the library's public API. module-info.java already makes
 * the compiler refuse the library's internal packages; this test says so in words, and also keeps
 * Git and the process's streams and exit out of the commands.
 */
class ArchitectureTest {
    private static JavaClasses cli;

    @BeforeAll
    static void importCli() {
        cli = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.gitmodel.cli");
    }

    @Test
    void theCliUsesTheExportedApiOnly() {
        noClasses().should().dependOnClassesThat().resideInAPackage("io.gitmodel.registry.internal..")
                .because("internals are not part of the API; what the CLI needs, the library offers publicly")
                .check(cli);
    }

    @Test
    void onlyMainTouchesGitTheProcessStreamsAndExit() {
        noClasses().that().doNotHaveSimpleName("Main").should().dependOnClassesThat().resideInAPackage("org.eclipse.jgit..")
                .because("commands call the library, which does the Git work").check(cli);
        noClasses().that().doNotHaveSimpleName("Main").should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err").orShould().callMethod(System.class, "exit", int.class)
                .because("commands print through picocli's writers so tests and embedders can capture them").check(cli);
    }
}
