package com.connectsoft.factory.build.adapter.azure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Blobs by URL path, reached with any SAS query; a number of failures can be asked for. */
final class MemorySasBlobs implements SasBlobs {
    final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    final List<String> urls = new CopyOnWriteArrayList<>();
    final AtomicInteger failNext = new AtomicInteger();

    static String path(String url) {
        return URI.create(url).getPath();
    }

    @Override
    public long download(String url, Path target, long max) {
        urls.add(url);
        fail();
        byte[] b = blobs.get(path(url));
        if (b == null) {
            throw new IllegalStateException("404");
        }
        if (b.length > max) {
            throw new TooLarge(max);
        }
        try {
            Files.write(target, b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.length;
    }

    @Override
    public void upload(String url, byte[] bytes) {
        urls.add(url);
        fail();
        blobs.put(path(url), bytes.clone());
    }

    private void fail() {
        if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new UncheckedIOException(new IOException("connection reset (https://acct.blob.core.windows.net/x?sig=SECRET)"));
        }
    }
}
