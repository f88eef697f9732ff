package com.connectsoft.factory.knowledge.domain;

/** Turns text into a unit-length vector (port); the embedded one runs all-MiniLM-L6-v2 in process. */
public interface Embedder {
    int dimensions();

    float[] embed(String text);

    /** Whether the model is loaded already (loading it takes seconds; indexing defers vectors until it is). */
    boolean loaded();
}
