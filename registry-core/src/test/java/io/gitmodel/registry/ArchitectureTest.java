package io.gitmodel.registry;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The structure of the library, enforced: what the API may use, how the internal layers depend
 * on each other, and that the internals stay as hidden as Java allows. (module-info.java makes
 * the compiler refuse internal packages to other modules; these rules hold inside the module.)
 * Each rule's {@code check} fails the test with an AssertionError naming every violation; the
 * import is asserted to hold the library, and every layer a rule names to hold classes, so that
 * no rule can pass by judging nothing.
 */
class ArchitectureTest {
    private static final String API = "io.gitmodel.registry";
    private static final String ERRORS = "io.gitmodel.registry.errors";
    private static final String INTERNAL = "io.gitmodel.registry.internal..";

    private static JavaClasses library;

    /** The internal layers the rules below name. */
    private static final List<String> LAYERS = List.of("format", "lfs", "config", "capture", "sign", "policy", "store",
            "stage", "index", "verify", "query", "sync", "transport", "migrate");

    @BeforeAll
    static void importLibrary() {
        library = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(API);
        assertTrue(library.contain(Registry.class), "the library's classes were imported");
    }

    @Test
    void everyLayerTheRulesNameHasClassesToJudge() {
        for (String layer : LAYERS) {
            String pkg = "io.gitmodel.registry.internal." + layer;
            assertTrue(library.stream().anyMatch(c -> c.getPackageName().equals(pkg) || c.getPackageName().startsWith(pkg + ".")),
                    pkg + " has no classes: a rule naming it would judge nothing");
        }
    }

    @Test
    void theApiDoesNotReachIntoTransportDirectly() {
        noClasses().that().resideInAnyPackage(API, ERRORS)
                .should().dependOnClassesThat().resideInAPackage("..registry.internal.transport..")
                .because("commands go through internal.sync, which composes transport with the store and stages")
                .check(library);
    }

    @Test
    void exceptionsDependOnNothingElseOfTheLibrary() {
        noClasses().that().resideInAPackage(ERRORS)
                .should().dependOnClassesThat().resideInAnyPackage(API, INTERNAL)
                .because("exceptions carry plain data, so any layer can throw them")
                .check(library);
    }

    @Test
    void apiValuesAreFreeOfGit() {
        noClasses().that().resideInAPackage(API).and().areTopLevelClasses().and(recordsOrEnums())
                .should().dependOnClassesThat().resideInAPackage("org.eclipse.jgit..")
                .because("values are plain data a caller can use without knowing Git")
                .check(library);
    }

    @Test
    void thePolicyKnowsNothingOfGitOrStorage() {
        noClasses().that().resideInAPackage("..internal.policy..")
                .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.jgit..", "..internal.store..",
                        "..internal.stage..", "..internal.sync..", "..internal.transport..", "..internal.format..")
                .because("the rules are evaluated on values, so requests, verification and hooks can share them")
                .check(library);
    }

    @Test
    void lowerLayersDoNotDependOnHigherOnes() {
        noClasses().that().resideInAnyPackage("..internal.format..", "..internal.lfs..", "..internal.config..",
                        "..internal.capture..", "..internal.sign..")
                .should().dependOnClassesThat().resideInAnyPackage("..internal.store..", "..internal.stage..",
                        "..internal.sync..", "..internal.transport..", "..internal.query..")
                .check(library);
        noClasses().that().resideInAPackage("..internal.store..")
                .should().dependOnClassesThat().resideInAnyPackage("..internal.stage..", "..internal.sync..",
                        "..internal.transport..", "..internal.query..", "..internal.policy..")
                .check(library);
        noClasses().that().resideInAnyPackage("..internal.stage..", "..internal.transport..")
                .should().dependOnClassesThat().resideInAnyPackage("..internal.sync..", "..internal.query..",
                        "..internal.index..")
                .check(library);
        noClasses().that().resideInAnyPackage("..internal.store..", "..internal.format..", "..internal.sign..")
                .should().dependOnClassesThat().resideInAPackage("..internal.index..")
                .because("the index is derived from the stored registry, above the store and the stage branches")
                .check(library);
        noClasses().that().resideInAPackage("..internal.index..")
                .should().dependOnClassesThat().resideInAnyPackage("..internal.sync..", "..internal.query..",
                        "..internal.verify..", "..internal.policy..")
                .check(library);
        noClasses().that().resideInAPackage("..internal.migrate..")
                .should().dependOnClassesThat().resideInAnyPackage("..internal.store..", "..internal.stage..",
                        "..internal.index..", "..internal.sync..", "..internal.query..", "..internal.verify..")
                .because("reading another tool's registry needs only Git and the formats; the API replays it")
                .check(library);
        noClasses().that().resideInAPackage(INTERNAL)
                .should().dependOnClassesThat(commandsOfTheApi())
                .because("internals serve the API; only the API's values flow into them")
                .check(library);
    }

    @Test
    void internalPackagesHaveNoCycles() {
        slices().matching("io.gitmodel.registry.internal.(*)..").should().beFreeOfCycles().check(library);
    }

    @Test
    void theLibraryNeitherPrintsNorExits() {
        GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(library);
        GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.check(library);
        noClasses().should().callMethod(System.class, "exit", int.class).check(library);
    }

    /**
     * Internal classes are public only where another package needs them: a public internal class
     * used by its own package alone should be package-private.
     */
    @Test
    void internalClassesArePublicOnlyWhereAnotherPackageUsesThem() {
        // read by verification and the pre-receive hook next; public now so the shape is settled
        Set<String> allowed = Set.of("io.gitmodel.registry.internal.policy.Rule", "io.gitmodel.registry.internal.policy.Violation");
        classes().that().resideInAPackage(INTERNAL).and().haveModifier(JavaModifier.PUBLIC).and().areTopLevelClasses()
                .and(DescribedPredicate.describe("not allowed", (JavaClass c) -> !allowed.contains(c.getName())))
                .should(beUsedFromAnotherPackage())
                .check(library);
    }

    private static DescribedPredicate<JavaClass> recordsOrEnums() {
        return DescribedPredicate.describe("records or enums", c -> c.isRecord() || c.isEnum());
    }

    private static DescribedPredicate<JavaClass> commandsOfTheApi() {
        return DescribedPredicate.describe("commands or the facade of the API", c -> c.getPackageName().equals(API)
                && (c.getSimpleName().endsWith("Command") || c.getSimpleName().equals("Registry")));
    }

    private static ArchCondition<JavaClass> beUsedFromAnotherPackage() {
        return new ArchCondition<>("be used from another package") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                boolean outside = false;
                for (Dependency d : c.getDirectDependenciesToSelf()) {
                    JavaClass user = d.getOriginClass();
                    outside |= !user.getPackageName().equals(c.getPackageName());
                }
                if (!outside) {
                    events.add(SimpleConditionEvent.violated(c, c.getName() + " is public but only its own package uses it"));
                }
            }
        };
    }
}
