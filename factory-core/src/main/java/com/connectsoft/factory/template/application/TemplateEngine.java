package com.connectsoft.factory.template.application;

import java.util.Map;

/**
 * Renders template text against plain data (maps, lists, strings, numbers, booleans). Implementations must not
 * run code from templates or call methods on the data.
 */
public interface TemplateEngine {
    /** @throws TemplateError when the template is malformed or names a value the data does not have */
    String render(String name, String template, Map<String, Object> data);

    final class TemplateError extends RuntimeException {
        public TemplateError(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
