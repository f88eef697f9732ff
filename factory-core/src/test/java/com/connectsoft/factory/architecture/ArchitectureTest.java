package com.connectsoft.factory.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Domain and application code stays free of Azure, Functions, Spring and LangChain4j, and domains of adapters. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar")) // other modules' tests, on the classpath as test-jars
            .importPackages("com.connectsoft.factory");

    @Test
    void domainAndApplicationDoNotDependOnPlatformFrameworks() {
        noClasses().that().resideInAnyPackage("..domain..", "..application..")
                .should().dependOnClassesThat().resideInAnyPackage("com.azure..", "com.microsoft.azure..", "org.springframework..",
                        "dev.langchain4j..", "com.pulumi..")
                .check(CLASSES);
    }

    @Test
    void domainsDoNotDependOnAdapters() {
        noClasses().that().resideInAPackage("..domain..")
                .should().dependOnClassesThat().resideInAnyPackage("..adapter..", "..records..", "..app..", "..cli..", "..sqlite..",
                        "..embedded..", "..filesystem..")
                .check(CLASSES);
    }
}
