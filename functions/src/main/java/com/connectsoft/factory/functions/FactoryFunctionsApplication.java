package com.connectsoft.factory.functions;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/**
 * The function app's Spring application. The Functions Java worker finds it through {@code MAIN_CLASS} (or the
 * jar's Main-Class) with Spring Cloud Function's {@code AzureFunctionInstanceInjector}, starts it once per worker,
 * and takes every function class from it, so the triggers get the capability beans by constructor injection.
 */
@SpringBootApplication
@Import(FactoryFunctionsConfiguration.class)
public class FactoryFunctionsApplication {
    public static void main(String[] args) {
        SpringApplication.run(FactoryFunctionsApplication.class, args);
    }
}
