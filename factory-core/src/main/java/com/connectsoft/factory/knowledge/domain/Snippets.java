package com.connectsoft.factory.knowledge.domain;

import java.util.Locale;

/** A short excerpt of a document's text around the first word of the query it contains. */
public final class Snippets {
    static final int LENGTH = 160;

    private Snippets() {
    }

    public static String of(String text, String query) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String lower = text.toLowerCase(Locale.ROOT);
        int at = -1;
        for (String word : query.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (word.length() >= 3) {
                int i = lower.indexOf(word);
                if (i >= 0 && (at < 0 || i < at)) {
                    at = i;
                }
            }
        }
        int start = at < 0 ? 0 : Math.max(0, at - 40);
        int end = Math.min(text.length(), start + LENGTH);
        String s = text.substring(start, end).replaceAll("\\s+", " ").strip();
        return (start > 0 ? "…" : "") + s + (end < text.length() ? "…" : "");
    }
}
