package com.connectsoft.factory.knowledge.adapter.embedding;

import com.connectsoft.factory.knowledge.domain.Embedder;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * all-MiniLM-L6-v2 in process (LangChain4j, ONNX runtime; the weights are in the jar, nothing is downloaded), 384
 * dimensions. The model is loaded on the first {@link #embed} (about 2 s), once per process.
 */
public final class MiniLmEmbedder implements Embedder {
    private static final Logger LOG = Logger.getLogger(MiniLmEmbedder.class.getName());
    public static final int DIMENSIONS = 384;
    /** What is embedded of a long text: the model reads 256 word pieces at most anyway. */
    static final int MAX_CHARS = 2_000;

    private volatile EmbeddingModel model;

    @Override
    public int dimensions() {
        return DIMENSIONS;
    }

    @Override
    public boolean loaded() {
        return model != null;
    }

    @Override
    public float[] embed(String text) {
        String t = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        float[] v = model().embed(t.isBlank() ? "-" : t).content().vector();
        return normalized(v);
    }

    private EmbeddingModel model() {
        EmbeddingModel m = model;
        if (m == null) {
            synchronized (this) {
                if (model == null) {
                    long started = System.nanoTime();
                    model = new AllMiniLmL6V2EmbeddingModel();
                    LOG.log(Level.FINE, "embedding-model-loaded model=all-MiniLM-L6-v2 ms={0}", (System.nanoTime() - started) / 1_000_000);
                }
                m = model;
            }
        }
        return m;
    }

    static float[] normalized(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += x * x;
        }
        double norm = Math.sqrt(sum);
        if (norm == 0) {
            return v;
        }
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / norm);
        }
        return out;
    }
}
