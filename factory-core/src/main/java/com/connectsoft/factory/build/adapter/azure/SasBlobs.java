package com.connectsoft.factory.build.adapter.azure;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobClientBuilder;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.options.BlobInputStreamOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Blobs reached with nothing but a SAS URL (the build job's only access to storage). */
public interface SasBlobs {
    /** The blob's bytes into {@code target} (a new file); at most {@code max} bytes, else {@link TooLarge}. Returns the size. */
    long download(String url, Path target, long max);

    /** Creates or overwrites the blob with {@code bytes}. */
    void upload(String url, byte[] bytes);

    /** The blob is larger than the caller would read. */
    final class TooLarge extends RuntimeException {
        TooLarge(long max) {
            super("the blob is larger than " + max + " bytes");
        }
    }

    /** Through the Blob Storage SDK, signed by the URL's SAS only. */
    static SasBlobs azure() {
        return new SasBlobs() {
            private BlobClient blob(String url) {
                return new BlobClientBuilder().endpoint(url).buildClient();
            }

            @Override
            public long download(String url, Path target, long max) {
                long written = 0;
                byte[] buffer = new byte[64 << 10];
                try (InputStream in = blob(url).openInputStream(new BlobInputStreamOptions().setRange(new BlobRange(0, max + 1)));
                     OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                             LinkOption.NOFOLLOW_LINKS)) {
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        written += n;
                        if (written > max) {
                            throw new TooLarge(max);
                        }
                        out.write(buffer, 0, n);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot store the download in " + target.getFileName(), e);
                }
                return written;
            }

            @Override
            public void upload(String url, byte[] bytes) {
                blob(url).upload(BinaryData.fromBytes(bytes), true);
            }
        };
    }
}
