package com.connectsoft.factory.template.domain;

import java.util.Optional;

/**
 * One file of a template package: its source in the package, its target path pattern, an optional list to repeat
 * over, and the language it is written in ({@code escape}), which decides how values are escaped in it.
 */
public record TemplateFile(String source, String target, Optional<String> foreach, OutputLanguage language) {
}
