package com.connectsoft.factory.template.domain;

import com.connectsoft.factory.shared.domain.Hashing;

/** A rendered file: its relative path ('/'-separated, inside the output directory) and its bytes. */
public record RenderedFile(String path, byte[] bytes) {
    public String contentHash() {
        return Hashing.contentHash(bytes);
    }

    /** Lines of the UTF-8 text: newlines, plus one for a last line without one (a newline byte is never part of another character). */
    public long lines() {
        long newlines = 0;
        for (byte b : bytes) {
            if (b == '\n') {
                newlines++;
            }
        }
        return bytes.length == 0 ? 0 : newlines + (bytes[bytes.length - 1] == '\n' ? 0 : 1);
    }
}
