package com.connectsoft.factory.functions;

import com.connectsoft.factory.api.FactoryApi;
import com.connectsoft.factory.app.Capabilities;
import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.app.FactorySettings;
import com.connectsoft.factory.capability.Capability;
import com.connectsoft.factory.capability.CapabilityRegistry;
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
        return s -> com.connectsoft.factory.build.adapter.azure.AzureBuildJobs.connect(s.build(), s.blobConnectionString(), s.blobEndpoint(),
                s.steps().stepTimeout());
    }

    /**
     * The factory. With FACTORY_BUILD_RUNNER=azure-job (what the stack sets in Azure) its build runner refuses to build:
     * build-validate hands each module to a build job, and no path through this app runs generated code.
     */
    @Bean(destroyMethod = "close")
    Factory factory(FactorySettings settings, BuildJobsConnector buildJobs) {
        java.time.Clock clock = java.time.Clock.systemUTC();
        com.connectsoft.factory.app.FactoryPlatform platform = com.connectsoft.factory.app.FactoryPlatform.select(settings, clock);
        Factory.Builder factory = Factory.with(settings).clock(clock).platform(platform)
                // runs execute as Durable Functions orchestrations, reached through each invocation's durable client; the
                // events raised on them are deduplicated through the store
                .durableFunctions(new com.connectsoft.factory.functions.durable.InvocationOrchestrations(platform.store(), clock))
                .buildJobs(buildJobs::connect);
        if (settings.build().jobs().isPresent()) {
            factory.builds(new com.connectsoft.factory.build.adapter.azure.LocalBuildsRefused());
        }
        return factory.open();
    }

    @Bean
    Capabilities capabilities(Factory factory) {
        return factory.capabilities();
    }

    /**
     * Entra ID sign-in when {@code FACTORY_ENTRA_AUDIENCE} is set (the stack provisions it with the issuer and the key
     * set's URL): access tokens are validated in process and their directory must be linked to a tenant. Without
     * it, only tenant API keys sign in. An Entra sign-in is AutoCloseable: Spring closes it with the context.
     */
    @Bean
    TokenSignIn tokenSignIn(Factory factory) {
        return factory.tenancy().tokenSignIn(settings(), java.time.Clock.systemUTC());
    }

    /**
     * The API: tenant API keys, and Entra ID access tokens when configured (and the web app's Entra ID sign-in with
     * FACTORY_ENTRA_SPA_CLIENT_ID); X-MS-CLIENT-PRINCIPAL is refused.
     */
    @Bean
    FactoryApi factoryApi(Factory factory, TokenSignIn tokenSignIn) {
        return new FactoryApi(factory, com.connectsoft.factory.platform.secrets.SecretsSelection.adminKey(settings()), tokenSignIn,
                com.connectsoft.factory.tenancy.adapter.entra.BrowserSignIn.from(settings()));
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
