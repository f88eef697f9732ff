package com.connectsoft.factory.knowledge.domain;

/** A document found, best first; {@code scope} is the key of the scope it belongs to (the caller's tenant, or platform). */
public record SearchHit(String id, DocumentKind kind, String title, String source, String snippet, String scope, double score) {
}
