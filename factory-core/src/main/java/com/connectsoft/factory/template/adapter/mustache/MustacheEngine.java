package com.connectsoft.factory.template.adapter.mustache;

import com.connectsoft.factory.template.application.TemplateEngine;
import com.samskivert.mustache.BasicCollector;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logic-less Mustache (JMustache) with a reflection-free collector: templates can read map entries and iterate
 * lists, nothing else; partials are refused; a missing value is an error, not an empty string.
 */
public final class MustacheEngine implements TemplateEngine {
    private final Mustache.Compiler compiler = Mustache.compiler()
            .escapeHTML(false)
            .withCollector(new BasicCollector() {
                @Override
                public <K, V> Map<K, V> createFetcherCache() {
                    return new ConcurrentHashMap<>();
                }
            })
            .withLoader(name -> {
                throw new MustacheException("partials ({{> " + name + "}}) are not allowed in governed templates");
            });

    @Override
    public String render(String name, String template, Map<String, Object> data) {
        try {
            return compiler.compile(template).execute(data);
        } catch (MustacheException e) {
            throw new TemplateError(name + ": " + e.getMessage(), e);
        }
    }
}
