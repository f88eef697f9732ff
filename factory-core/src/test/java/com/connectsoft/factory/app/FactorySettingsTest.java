package com.connectsoft.factory.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which adapters the settings select, and the errors a half-done Azure configuration gets. */
class FactorySettingsTest {
    private static final Path DIR = Path.of("/tmp/factory-settings-test");

    private static FactorySettings from(Map<String, String> env) {
        return FactorySettings.from(env, DIR, DIR);
    }

    @Test
    void withoutAzureSettingsTheEmbeddedStoreAndBusAreUsed() {
        FactorySettings s = from(Map.of());
        assertTrue(s.azureState().isEmpty());
        assertEquals(DIR.resolve(".factory-data"), s.dataDir());
        assertTrue(s.withDataDir(DIR.resolve("x")).azureState().isEmpty());
    }

    @Test
    void cosmosAndServiceBusTogetherSelectAzureWithDefaultDatabaseAndContainer() {
        FactorySettings s = from(Map.of("FACTORY_COSMOS_ENDPOINT", "https://acct.documents.azure.com:443/",
                "FACTORY_SERVICEBUS_NAMESPACE", "ns.servicebus.windows.net"));
        FactorySettings.AzureState azure = s.azureState().orElseThrow();
        assertEquals(new FactorySettings.AzureState("https://acct.documents.azure.com:443/", Optional.empty(), "factory", "factory",
                "ns.servicebus.windows.net"), azure);
        assertEquals(s.azureState(), s.withDataDir(DIR.resolve("y")).withTemplatesDir(DIR).azureState(), "kept by the with-ers");
    }

    @Test
    void onlyOneOfThemIsAClearErrorNamingTheMissingSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> from(Map.of("FACTORY_COSMOS_ENDPOINT", "https://acct.documents.azure.com:443/")));
        assertTrue(e.getMessage().startsWith("FACTORY_COSMOS_ENDPOINT is set but FACTORY_SERVICEBUS_NAMESPACE is not"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> from(Map.of("FACTORY_SERVICEBUS_NAMESPACE", "ns.servicebus.windows.net")));
        assertTrue(e.getMessage().startsWith("FACTORY_SERVICEBUS_NAMESPACE is set but FACTORY_COSMOS_ENDPOINT is not"), e.getMessage());
        assertTrue(e.getMessage().contains("Set both, or neither"), e.getMessage());
    }

    @Test
    void aMalformedEndpointOrTimeoutIsNamedWithAnExample() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> from(Map.of(
                "FACTORY_COSMOS_ENDPOINT", "acct.documents.azure.com", "FACTORY_SERVICEBUS_NAMESPACE", "ns.servicebus.windows.net")));
        assertTrue(e.getMessage().contains("https://<account>.documents.azure.com"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> from(Map.of("FACTORY_BUILD_TIMEOUT_SECONDS", "ten")));
        assertTrue(e.getMessage().startsWith("FACTORY_BUILD_TIMEOUT_SECONDS is 'ten'"), e.getMessage());
    }

    @Test
    void buildsGoToBuildJobsOnlyWhenAskedAndWithEverythingTheyNeed() {
        assertTrue(from(Map.of()).build().jobs().isEmpty(), "local builds by default");
        assertTrue(from(Map.of("FACTORY_BUILD_RUNNER", "local")).build().jobs().isEmpty());
        FactorySettings s = from(Map.of("FACTORY_BUILD_RUNNER", "Azure-Job", "FACTORY_BUILD_JOBS_NAMESPACE", "build-ns.servicebus.windows.net",
                "FACTORY_BLOB_ENDPOINT", "https://acct.blob.core.windows.net"));
        assertEquals(new com.connectsoft.factory.build.domain.BuildSettings.BuildJobs("build-ns.servicebus.windows.net", "build-jobs"), s.build().jobs().orElseThrow());
        assertEquals(s.build().jobs(), s.withDataDir(DIR.resolve("z")).build().jobs(), "kept by the with-ers");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> from(Map.of("FACTORY_BUILD_RUNNER", "azure-job",
                "FACTORY_BLOB_ENDPOINT", "https://acct.blob.core.windows.net")));
        assertTrue(e.getMessage().startsWith("FACTORY_BUILD_RUNNER is azure-job but FACTORY_BUILD_JOBS_NAMESPACE is not set"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> from(Map.of("FACTORY_BUILD_RUNNER", "azure-job",
                "FACTORY_BUILD_JOBS_NAMESPACE", "build-ns.servicebus.windows.net")));
        assertTrue(e.getMessage().contains("neither FACTORY_BLOB_ENDPOINT nor FACTORY_BLOB_CONNECTION_STRING"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> from(Map.of("FACTORY_BUILD_RUNNER", "docker")));
        assertTrue(e.getMessage().startsWith("FACTORY_BUILD_RUNNER is 'docker': use local"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> from(Map.of("FACTORY_BUILD_RUNNER", "azure-job",
                "FACTORY_BUILD_JOBS_NAMESPACE", "ns", "FACTORY_BLOB_ENDPOINT", "https://a", "FACTORY_BUILD_JOBS_CONTAINER", "Build_Jobs")));
        assertTrue(e.getMessage().startsWith("FACTORY_BUILD_JOBS_CONTAINER is 'Build_Jobs'"), e.getMessage());
    }

    @Test
    void anUnansweredApprovalEscalatesAsConfiguredAndNeverAfterItsDeadline() {
        Path dir = Path.of("/tmp/x");
        var standard = FactorySettings.from(Map.of(), dir, dir).steps();
        assertEquals(2 * 24 * 3600, standard.escalateAfterSeconds());
        assertEquals("approvers-escalation", standard.escalationGroup());
        var set = FactorySettings.from(Map.of("FACTORY_APPROVAL_TIMEOUT_SECONDS", "120", "FACTORY_APPROVAL_ESCALATE_AFTER_SECONDS", "60",
                "FACTORY_APPROVAL_ESCALATION_GROUP", "security-leads"), dir, dir).steps();
        assertEquals(60, set.escalateAfterSeconds());
        assertEquals("security-leads", set.escalationGroup());
        assertEquals(false, FactorySettings.from(Map.of("FACTORY_APPROVAL_ESCALATE_AFTER_SECONDS", "0"), dir, dir).steps().escalates());
        assertEquals(false, FactorySettings.from(Map.of("FACTORY_APPROVAL_TIMEOUT_SECONDS", "3600"), dir, dir).steps().escalates(),
                "a deadline shorter than the default escalation drops it");
        IllegalArgumentException late = assertThrows(IllegalArgumentException.class, () -> FactorySettings.from(Map.of(
                "FACTORY_APPROVAL_TIMEOUT_SECONDS", "120", "FACTORY_APPROVAL_ESCALATE_AFTER_SECONDS", "300"), dir, dir));
        assertTrue(late.getMessage().contains("before its deadline"), late.getMessage());
    }
}
