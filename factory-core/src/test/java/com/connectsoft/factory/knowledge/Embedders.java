package com.connectsoft.factory.knowledge;

import com.connectsoft.factory.knowledge.adapter.embedding.MiniLmEmbedder;
import com.connectsoft.factory.knowledge.domain.Embedder;

/** The real all-MiniLM-L6-v2 model, loaded once for all the knowledge tests of a JVM. */
final class Embedders {
    static final MiniLmEmbedder SHARED = new MiniLmEmbedder();

    private Embedders() {
    }

    /** The shared model, reporting itself unloaded until something is embedded through this instance. */
    static Embedder fresh() {
        return new Embedder() {
            private volatile boolean used;

            @Override
            public int dimensions() {
                return SHARED.dimensions();
            }

            @Override
            public float[] embed(String text) {
                used = true;
                return SHARED.embed(text);
            }

            @Override
            public boolean loaded() {
                return used;
            }
        };
    }
}
