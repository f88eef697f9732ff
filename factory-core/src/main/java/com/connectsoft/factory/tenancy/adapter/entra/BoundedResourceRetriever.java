package com.connectsoft.factory.tenancy.adapter.entra;

import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Fetches the signing keys with a hard deadline on the whole exchange (connect, headers and body: a watchdog drops
 * the connection when it runs out, so a server that trickles bytes cannot hold the caller) and a size limit. No
 * redirects are followed; anything but 200 is an error.
 */
final class BoundedResourceRetriever implements ResourceRetriever, AutoCloseable {
    private final Duration deadline;
    private final int maxBytes;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "jwks-fetch-watchdog");
        t.setDaemon(true);
        return t;
    });

    BoundedResourceRetriever(Duration deadline, int maxBytes) {
        this.deadline = deadline;
        this.maxBytes = maxBytes;
    }

    @Override
    public Resource retrieveResource(URL url) throws IOException {
        HttpURLConnection c = (HttpURLConnection) url.openConnection();
        int millis = (int) Math.max(1, deadline.toMillis());
        c.setConnectTimeout(millis);
        c.setReadTimeout(millis);
        c.setInstanceFollowRedirects(false);
        c.setUseCaches(false);
        c.setRequestProperty("Accept", "application/json");
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> kill = watchdog.schedule(() -> {
            expired.set(true);
            c.disconnect();
        }, millis, TimeUnit.MILLISECONDS);
        try {
            int status = c.getResponseCode();
            if (status != HttpURLConnection.HTTP_OK) {
                throw new IOException("the key set at " + url + " answered HTTP " + status);
            }
            long declared = c.getContentLengthLong();
            if (declared > maxBytes) {
                throw new IOException("the key set at " + url + " is " + declared + " bytes, more than " + maxBytes);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (InputStream in = c.getInputStream()) {
                byte[] buf = new byte[8192];
                int n;
                while ((n = in.read(buf)) != -1) {
                    if (out.size() + n > maxBytes) {
                        throw new IOException("the key set at " + url + " is more than " + maxBytes + " bytes");
                    }
                    out.write(buf, 0, n);
                }
            }
            if (expired.get()) {
                throw new IOException("fetching the key set at " + url + " took longer than " + deadline.toMillis() + " ms");
            }
            return new Resource(out.toString(StandardCharsets.UTF_8), c.getContentType());
        } catch (IOException e) {
            if (expired.get()) {
                throw new IOException("fetching the key set at " + url + " took longer than " + deadline.toMillis() + " ms", e);
            }
            throw e;
        } finally {
            kill.cancel(false);
            c.disconnect();
        }
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }
}
