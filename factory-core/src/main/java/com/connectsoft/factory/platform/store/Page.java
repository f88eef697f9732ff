package com.connectsoft.factory.platform.store;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** One page of results; {@code continuation} is present when more items follow. */
public record Page<T>(List<T> items, Optional<String> continuation) {
    public Page {
        items = List.copyOf(items);
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), continuation);
    }
}
