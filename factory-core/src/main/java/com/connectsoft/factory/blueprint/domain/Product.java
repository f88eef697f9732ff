package com.connectsoft.factory.blueprint.domain;

import java.util.Optional;

/** What the generated SaaS is called, and the Java package its modules live under. */
public record Product(String name, Optional<String> description, String javaPackage) {
}
