package com.connectsoft.factory.template.domain;

import java.util.Objects;

/**
 * Text the factory itself wrote for one output language from validated data (a Java expression, a JSON schema):
 * the one kind of value a template places unescaped, and only in a file of that language.
 */
public record Fragment(OutputLanguage language, String text) {
    public Fragment {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(text, "text");
    }

    public static Fragment java(String code) {
        return new Fragment(OutputLanguage.JAVA, code);
    }

    public static Fragment json(String json) {
        return new Fragment(OutputLanguage.JSON, json);
    }

    @Override
    public String toString() {
        return text;
    }
}
