package com.connectsoft.factory.template.domain;

import com.connectsoft.factory.shared.domain.Hashing;
import java.nio.charset.StandardCharsets;

/** A rendered file: its relative path ('/'-separated, inside the output directory) and its bytes. */
public record RenderedFile(String path, byte[] bytes) {
    public String contentHash() {
        return Hashing.contentHash(bytes);
    }

    public long lines() {
        String s = new String(bytes, StandardCharsets.UTF_8);
        return s.isEmpty() ? 0 : s.chars().filter(c -> c == '\n').count() + (s.endsWith("\n") ? 0 : 1);
    }
}
