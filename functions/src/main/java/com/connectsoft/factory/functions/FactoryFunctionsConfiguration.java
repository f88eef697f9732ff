package com.connectsoft.factory.functions;

import com.connectsoft.factory.api.FactoryApi;
import com.connectsoft.factory.app.Capabilities;
import com.connectsoft.factory.app.FactoryApp;
import com.connectsoft.factory.app.FactorySettings;
import com.connectsoft.factory.capability.Capability;
import com.connectsoft.factory.capability.CapabilityRegistry;
import com.connectsoft.factory.tenancy.adapter.entra.EntraSettings;
import com.connectsoft.factory.tenancy.adapter.entra.EntraSignIn;
import com.connectsoft.factory.tenancy.adapter.entra.EntraTokenVerifier;
import com.connectsoft.factory.tenancy.application.TokenSignIn;
import java.nio.file.Path;
import java.util.function.Function;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Composition of the function app: the factory on the adapters its settings select (Cosmos DB, Service Bus, Blob
 * Storage and Key Vault in Azure; see local.settings.sample.json), and one Spring Cloud Function bean per
 * capability of the registry, named after it. The Functions host receives the messages, so nothing is dispatched
 * locally here.
 */
@Configuration(proxyBeanMethods = false)
public class FactoryFunctionsConfiguration {

    @Bean
    FactorySettings factorySettings() {
        Path home = Path.of(settings().getOrDefault("FACTORY_HOME", System.getProperty("user.dir")));
        return FactorySettings.from(settings(), Path.of(System.getProperty("java.io.tmpdir")), home);
    }

    /** App settings (environment variables), over which FACTORY_* system properties win (tests, benchmarks). */
    static java.util.Map<String, String> settings() {
        java.util.Map<String, String> all = new java.util.HashMap<>(System.getenv());
        System.getProperties().stringPropertyNames().stream().filter(n -> n.startsWith("FACTORY_"))
                .forEach(n -> all.put(n, System.getProperty(n)));
        return all;
    }

    /** The build jobs of FACTORY_BUILD_RUNNER=azure-job: Blob Storage and Service Bus as the settings name them. */
    @Bean
    BuildJobsConnector buildJobsConnector() {
        return com.connectsoft.factory.build.adapter.azure.AzureBuildJobs::connect;
    }

    /**
     * The factory. With FACTORY_BUILD_RUNNER=azure-job (what the stack sets in Azure) its build runner refuses to build:
     * build-validate hands each module to a build job, and no path through this app runs generated code.
     */
    @Bean(destroyMethod = "close")
    FactoryApp factoryApp(FactorySettings settings, BuildJobsConnector buildJobs) {
        java.time.Clock clock = java.time.Clock.systemUTC();
        com.connectsoft.factory.build.domain.BuildRunner builds = settings.build().jobs().isPresent()
                ? new com.connectsoft.factory.build.adapter.azure.LocalBuildsRefused()
                : com.connectsoft.factory.build.adapter.BuildRunners.maven(settings.build(), settings.dataDir().resolve("builds").resolve(".sandbox"));
        com.connectsoft.factory.app.FactoryPlatform platform = com.connectsoft.factory.app.FactoryPlatform.select(settings, clock);
        // runs execute as Durable Functions orchestrations, reached through each invocation's durable client
        return new FactoryApp(settings, builds, clock, platform,
                backend -> new com.connectsoft.factory.functions.durable.InvocationOrchestrations(platform.store(), clock), buildJobs::connect);
    }

    @Bean
    Capabilities capabilities(FactoryApp app) {
        return app.capabilities;
    }

    /**
     * Entra ID sign-in when {@code FACTORY_ENTRA_AUDIENCE} is set (the stack provisions it with the issuer and the key
     * set's URL): access tokens are validated in process and their directory must be linked to a tenant. Without
     * it, only tenant API keys sign in.
     */
    @Bean
    TokenSignIn tokenSignIn(FactoryApp app) {
        // an EntraSignIn is AutoCloseable: Spring closes it with the context (its key fetcher's watchdog thread)
        return EntraSettings.from(settings()).<TokenSignIn>map(s -> new EntraSignIn(new EntraTokenVerifier(s, java.time.Clock.systemUTC()),
                app.directoryLinks, app.tenants)).orElseGet(TokenSignIn::none);
    }

    /** The API: tenant API keys, and Entra ID access tokens when configured; X-MS-CLIENT-PRINCIPAL is refused. */
    @Bean
    FactoryApi factoryApi(FactoryApp app, TokenSignIn tokenSignIn) {
        return new FactoryApi(app, com.connectsoft.factory.platform.secrets.SecretsSelection.adminKey(settings()), tokenSignIn);
    }

    /** One {@code Function<Envelope, List<Envelope>>} bean per capability, named after it (e.g. {@code template-render}). */
    @Bean
    static BeanDefinitionRegistryPostProcessor capabilityBeans() {
        return new BeanDefinitionRegistryPostProcessor() {
            @Override
            public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
                for (Capability c : CapabilityRegistry.all()) {
                    registry.registerBeanDefinition(c.name(), BeanDefinitionBuilder.genericBeanDefinition(Function.class)
                            .setFactoryMethodOnBean("bean", "capabilities").addConstructorArgValue(c.name()).getBeanDefinition());
                }
            }

            @Override
            public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
            }
        };
    }
}
