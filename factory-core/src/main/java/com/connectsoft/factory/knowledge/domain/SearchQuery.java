package com.connectsoft.factory.knowledge.domain;

/**
 * What a user asks the index: text of 1 to {@link #MAX_CHARS} characters, at most {@link #MAX_LIMIT} hits. Built
 * through {@link #of}, which refuses anything else before any work is done.
 */
public record SearchQuery(String text, int limit) {
    public static final int MAX_CHARS = 500;
    public static final int MAX_LIMIT = 50;
    public static final int DEFAULT_LIMIT = 10;

    public SearchQuery {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the search text is empty: give a few words, e.g. \"patient appointments\"");
        }
        if (text.length() > MAX_CHARS) {
            throw new IllegalArgumentException("the search text has " + text.length() + " characters; at most " + MAX_CHARS
                    + " are searched: give a few words");
        }
        if (text.codePoints().anyMatch(cp -> Character.isISOControl(cp) && !Character.isWhitespace(cp))) {
            throw new IllegalArgumentException("the search text contains control characters");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("the limit is " + limit + ": give 1 to " + MAX_LIMIT);
        }
        text = text.strip();
    }

    public static SearchQuery of(String text, int limit) {
        return new SearchQuery(text, limit);
    }

    public static SearchQuery of(String text) {
        return new SearchQuery(text, DEFAULT_LIMIT);
    }
}
