package com.connectsoft.factory.knowledge.domain;

import com.connectsoft.factory.shared.domain.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One searchable document. {@code id} is stable for what it describes (e.g. {@code blueprint:bp-shop}, {@code
 * module:run-…/module-orders}), so indexing it again replaces it. {@code source} says where it came from (a run id, a
 * template ref, a file name) for the reader.
 */
public record KnowledgeDocument(String id, DocumentKind kind, String title, String text, String source) {
    public static final int MAX_ID = 300;
    public static final int MAX_TITLE = 300;
    /** Longer texts are cut here: the index is for finding things, not for storing them. */
    public static final int MAX_TEXT = 32_000;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@/+-]*");

    public KnowledgeDocument {
        Objects.requireNonNull(kind, "kind");
        if (id == null || id.length() > MAX_ID || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("knowledge document id '" + id + "' must be 1-" + MAX_ID
                    + " letters, digits or . _ : @ / + -");
        }
        title = cut(Objects.requireNonNullElse(title, id), MAX_TITLE);
        text = cut(Objects.requireNonNullElse(text, ""), MAX_TEXT);
        source = cut(Objects.requireNonNullElse(source, ""), MAX_TITLE);
    }

    /** A hash of what is searchable: the same document indexed again is recognised and left as it is. */
    public String contentHash() {
        return Hashing.sha256Hex((kind.key() + "\n" + title + "\n" + source + "\n" + text).getBytes(StandardCharsets.UTF_8));
    }

    private static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end);
    }
}
