package com.connectsoft.factory.knowledge.domain;

/** What a knowledge document describes. */
public enum DocumentKind {
    BLUEPRINT("blueprint"),
    MODULE("module"),
    RUN("run"),
    TEMPLATE("template"),
    JDL_SAMPLE("jdl-sample");

    private final String key;

    DocumentKind(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static DocumentKind ofKey(String key) {
        for (DocumentKind k : values()) {
            if (k.key.equals(key)) {
                return k;
            }
        }
        throw new IllegalArgumentException("no document kind '" + key + "'");
    }
}
