package com.connectsoft.factory.template.domain;

import java.util.Optional;

/** One file of a template package: its source in the package, its target path pattern, and an optional list to repeat over. */
public record TemplateFile(String source, String target, Optional<String> foreach) {
}
