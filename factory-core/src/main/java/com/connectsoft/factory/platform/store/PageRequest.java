package com.connectsoft.factory.platform.store;

import java.util.Optional;

/** Page size (1..1000) and the continuation token of the previous page, if any. */
public record PageRequest(int limit, Optional<String> continuation) {
    public PageRequest {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("page limit must be between 1 and 1000, was " + limit);
        }
    }

    public static PageRequest first(int limit) {
        return new PageRequest(limit, Optional.empty());
    }

    public static PageRequest after(int limit, String continuation) {
        return new PageRequest(limit, Optional.of(continuation));
    }
}
