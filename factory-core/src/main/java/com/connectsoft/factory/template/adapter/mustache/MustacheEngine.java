package com.connectsoft.factory.template.adapter.mustache;

import com.connectsoft.factory.template.domain.TemplateEngine;
import com.connectsoft.factory.template.domain.Fragment;
import com.connectsoft.factory.template.domain.OutputLanguage;
import com.samskivert.mustache.BasicCollector;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Logic-less Mustache (JMustache) with a reflection-free collector: templates can read map entries and iterate
 * lists, nothing else; partials are refused; a missing value is an error, not an empty string. Every
 * {@code {{value}}} is escaped for the language of the file being rendered; unescaped output ({@code {{{value}}}},
 * {@code {{&value}}}) and delimiter changes are refused, and a {@link Fragment} is placed as it is only in a file of
 * its own language.
 */
public final class MustacheEngine implements TemplateEngine {
    private static final Pattern UNESCAPED = Pattern.compile("\\{\\{\\s*([{&=])");
    private final Map<OutputLanguage, Mustache.Compiler> compilers = new EnumMap<>(OutputLanguage.class);

    public MustacheEngine() {
        Mustache.Compiler base = Mustache.compiler()
                .withCollector(new BasicCollector() {
                    @Override
                    public <K, V> Map<K, V> createFetcherCache() {
                        return new ConcurrentHashMap<>();
                    }
                })
                .withLoader(name -> {
                    throw new MustacheException("partials ({{> " + name + "}}) are not allowed in governed templates");
                })
                .withFormatter(value -> value instanceof Fragment f ? new FragmentText(f) : String.valueOf(value));
        for (OutputLanguage language : OutputLanguage.values()) {
            compilers.put(language, base.withEscaper(new Mustache.Escaper() {
                @Override
                public String escape(String raw) {
                    return language.escape(raw);
                }

                @Override
                public CharSequence escape(CharSequence raw) {
                    if (raw instanceof FragmentText f) {
                        if (f.fragment.language() != language) {
                            throw new MustacheException("a " + f.fragment.language().key() + " fragment cannot be placed in a "
                                    + language.key() + " file");
                        }
                        return f.fragment.text();
                    }
                    return language.escape(raw.toString());
                }
            }));
        }
    }

    @Override
    public String render(String name, String template, Map<String, Object> data, OutputLanguage language) {
        Matcher unescaped = UNESCAPED.matcher(template);
        if (unescaped.find()) {
            int line = (int) template.substring(0, unescaped.start()).chars().filter(c -> c == '\n').count() + 1;
            throw new TemplateError(name + ":" + line + ": " + (unescaped.group(1).equals("=") ? "changing delimiters" : "unescaped output")
                    + " is not allowed in governed templates: every value is escaped for the file's language", null);
        }
        try {
            return compilers.get(language).compile(template).execute(data);
        } catch (MustacheException e) {
            throw new TemplateError(name + ": " + e.getMessage(), e);
        }
    }

    /** A fragment on its way from the formatter to the escaper, which alone decides whether it may be placed. */
    private record FragmentText(Fragment fragment) implements CharSequence {
        @Override
        public int length() {
            return fragment.text().length();
        }

        @Override
        public char charAt(int index) {
            return fragment.text().charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return fragment.text().subSequence(start, end);
        }

        @Override
        public String toString() {
            return fragment.text();
        }
    }
}
