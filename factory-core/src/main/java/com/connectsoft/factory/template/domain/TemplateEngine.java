package com.connectsoft.factory.template.domain;

import com.connectsoft.factory.template.domain.OutputLanguage;
import java.util.Map;

/**
 * Renders template text against plain data (maps, lists, strings, numbers, booleans, fragments). Implementations must
 * not run code from templates or call methods on the data, and must escape every value for {@code language} (a
 * {@link com.connectsoft.factory.template.domain.Fragment} of that language is placed as it is); a template cannot
 * ask for a value unescaped.
 */
public interface TemplateEngine {
    /** @throws TemplateError when the template is malformed, asks for unescaped output, or names a value the data lacks */
    String render(String name, String template, Map<String, Object> data, OutputLanguage language);

    final class TemplateError extends RuntimeException {
        public TemplateError(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
