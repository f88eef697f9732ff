package com.connectsoft.factory.run.vocabulary;

import java.util.Locale;

/**
 * A value of the run's vocabulary with a stable external name: its key in JSON, in stored records, in the HTTP API and
 * on the CLI. The Java constant is what code compares; a misspelt one does not compile.
 */
public interface Keyed {
    String key();

    /** The constant of {@code type} whose key (or constant name) is {@code text}. */
    static <E extends Enum<E> & Keyed> E parse(Class<E> type, String text) {
        if (text != null) {
            for (E e : type.getEnumConstants()) {
                if (e.key().equals(text) || e.name().equals(text) || e.name().equals(text.toUpperCase(Locale.ROOT).replace('-', '_'))) {
                    return e;
                }
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a " + type.getSimpleName() + " (one of "
                + java.util.Arrays.stream(type.getEnumConstants()).map(Keyed::key).toList() + ")");
    }
}
