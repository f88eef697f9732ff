package com.connectsoft.factory.knowledge.domain;

import java.util.List;

/**
 * Writes documents into one scope. Idempotent: upserting a document with an id already in the scope replaces it (the
 * index keeps one), and an unchanged document is left as it is; deleting a missing id is a no-op.
 */
public interface KnowledgeWriter {
    KnowledgeScope scope();

    void upsert(List<KnowledgeDocument> documents);

    default void upsert(KnowledgeDocument document) {
        upsert(List.of(document));
    }

    /** @return whether a document with that id was there */
    boolean delete(String id);

    /** How many documents the scope holds. */
    int count();
}
