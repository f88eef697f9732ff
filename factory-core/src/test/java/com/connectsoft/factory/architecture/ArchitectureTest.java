package com.connectsoft.factory.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The shape of the code: each capability is a package with its whole story (domain, application, adapters, one
 * wiring class), layered; capabilities meet only through each other's domain; domain code is free of JSON
 * libraries, the Durable Task SDK and every platform framework; the Durable Task SDK's internals stay in one class.
 */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar")) // other modules' tests, on the classpath as test-jars
            .importPackages("com.connectsoft.factory");

    /** Every capability package under {@code com.connectsoft.factory}. */
    static final List<String> CAPABILITIES = List.of("agent", "artifact", "audit", "billing", "blueprint", "build", "deploy", "feedback", "generation",
            "governance", "integration", "knowledge", "library", "preview", "project", "publish", "run", "template", "tenancy", "usage");

    private static String pkg(String capability) {
        return "com.connectsoft.factory." + capability;
    }

    @TestFactory
    List<DynamicTest> eachCapabilityIsLayeredDomainApplicationAdapterWiring() {
        return CAPABILITIES.stream().map(c -> DynamicTest.dynamicTest(c, () -> layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true)
                .layer("Wiring").definedBy(pkg(c))
                .layer("Adapter").definedBy(pkg(c) + ".adapter..")
                .layer("Application").definedBy(pkg(c) + ".application..")
                .layer("Domain").definedBy(pkg(c) + ".domain..")
                .whereLayer("Wiring").mayNotBeAccessedByAnyLayer()
                .whereLayer("Adapter").mayOnlyBeAccessedByLayers("Wiring")
                .whereLayer("Application").mayOnlyBeAccessedByLayers("Wiring", "Adapter")
                .whereLayer("Domain").mayOnlyBeAccessedByLayers("Wiring", "Adapter", "Application")
                .check(CLASSES))).toList();
    }

    @TestFactory
    List<DynamicTest> noCapabilityReachesIntoAnothersApplicationOrAdapters() {
        return CAPABILITIES.stream().map(c -> DynamicTest.dynamicTest(c, () -> {
            String[] others = CAPABILITIES.stream().filter(o -> !o.equals(c))
                    .flatMap(o -> java.util.stream.Stream.of(pkg(o) + ".application..", pkg(o) + ".adapter..")).toArray(String[]::new);
            noClasses().that().resideInAnyPackage(pkg(c) + ".domain..", pkg(c) + ".application..", pkg(c) + ".adapter..")
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .because("capabilities meet through each other's domain (model and ports); only wiring composes them")
                    .check(CLASSES);
        })).toList();
    }

    @Test
    void capabilitiesDoNotDependOnTheirCallers() {
        noClasses().that().resideInAnyPackage(CAPABILITIES.stream().map(c -> pkg(c) + "..").toArray(String[]::new))
                .should().dependOnClassesThat().resideInAnyPackage("com.connectsoft.factory.app..", "com.connectsoft.factory.api..",
                        "com.connectsoft.factory.cli..", "com.connectsoft.factory.bench..", "com.connectsoft.factory.functions..")
                .check(CLASSES);
    }

    @Test
    void domainAndApplicationDoNotDependOnPlatformFrameworks() {
        noClasses().that().resideInAnyPackage("..domain..", "..application..")
                .should().dependOnClassesThat().resideInAnyPackage("com.azure..", "com.microsoft.azure..", "org.springframework..",
                        "dev.langchain4j..", "com.pulumi..")
                .check(CLASSES);
    }

    /**
     * Domain code (and the run's vocabulary) holds no JSON trees or mappers and no Durable Task types: payloads are
     * {@code Payload} text, read by the platform's codec. Jackson's annotations (a dependency-free jar) may name a
     * value's wire form.
     */
    @Test
    void domainHasNoJsonLibraryOrDurableTaskTypes() {
        noClasses().that().resideInAnyPackage("..domain..", "com.connectsoft.factory.run.vocabulary..")
                .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml.jackson.databind..", "com.fasterxml.jackson.core..",
                        "com.microsoft.durabletask..", "com.google.protobuf..")
                .check(CLASSES);
    }

    @Test
    void domainsDoNotDependOnAdapters() {
        noClasses().that().resideInAPackage("..domain..")
                .should().dependOnClassesThat().resideInAnyPackage("..adapter..", "..app..", "..cli..", "..sqlite..",
                        "..embedded..", "..filesystem..")
                .check(CLASSES);
    }

    /** The SDK's {@code implementation} packages (its wire protocol) are used by the local durable backend alone. */
    @Test
    void durableTaskInternalsStayInTheLocalBackend() {
        DescribedPredicate<JavaClass> localBackend = DescribedPredicate.describe("the local durable backend",
                c -> c.getName().equals("com.connectsoft.factory.orchestration.local.LocalDurableBackend")
                        || c.getName().startsWith("com.connectsoft.factory.orchestration.local.LocalDurableBackend$"));
        noClasses().that(DescribedPredicate.not(localBackend))
                .should().dependOnClassesThat().resideInAPackage("com.microsoft.durabletask.implementation..")
                .check(CLASSES);
    }

    @Test
    void everyCapabilityPackageIsListed() {
        List<String> found = CLASSES.stream().map(JavaClass::getPackageName)
                .filter(p -> p.matches("com\\.connectsoft\\.factory\\.[a-z]+\\.(domain|application|adapter)(\\..*)?"))
                .map(p -> p.split("\\.")[3]).filter(c -> !c.equals("shared")).distinct().sorted().toList();
        org.junit.jupiter.api.Assertions.assertEquals(CAPABILITIES.stream().sorted().toList(), found,
                "a capability package with domain/application/adapter code is missing from CAPABILITIES (or one listed has none)");
    }
}
