package com.connectsoft.factory.knowledge.application;

import com.connectsoft.factory.knowledge.domain.KnowledgeScope;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON shape of a search, as {@code factory search --json} and {@code GET /api/v1/search} answer it. */
public final class SearchResults {
    private SearchResults() {
    }

    public static Map<String, Object> body(SearchKnowledge.Outcome.Found found) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("tenantId", found.tenant().value());
        out.put("query", found.query().text());
        out.put("tookMs", found.millis());
        out.put("hits", found.hits().stream().map(h -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", h.id());
            m.put("kind", h.kind().key());
            m.put("title", h.title());
            m.put("source", h.source());
            m.put("scope", h.scope().equals(KnowledgeScope.PLATFORM_KEY) ? "platform" : "tenant");
            m.put("score", h.score());
            m.put("snippet", h.snippet());
            return m;
        }).toList());
        return out;
    }
}
