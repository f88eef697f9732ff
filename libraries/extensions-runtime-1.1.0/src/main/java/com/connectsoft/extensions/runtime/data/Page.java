package com.connectsoft.extensions.runtime.data;

import java.util.List;

/** One page of a list; {@code continuationToken} is null on the last page. */
public record Page<T>(List<T> items, String continuationToken) {
    public Page {
        items = List.copyOf(items);
    }

    /**
     * The page size a request asks for with {@code limit}: {@code defaultSize} when absent or not a whole number,
     * else clamped to 1..{@code maxSize}.
     */
    public static int limit(String raw, int defaultSize, int maxSize) {
        if (raw == null) {
            return defaultSize;
        }
        try {
            return Math.max(1, Math.min(maxSize, Integer.parseInt(raw.trim())));
        } catch (NumberFormatException e) {
            return defaultSize;
        }
    }
}
