package com.connectsoft.factory.blueprint.domain;

import com.connectsoft.factory.blueprint.domain.ParseOutcome;

/**
 * Turns the bytes of one input file (YAML blueprint, JDL ...) into a blueprint or a list of located problems. The
 * bytes are untrusted: a reader never spends more than a bounded time and memory on them, whatever they hold
 * (size, nesting, node counts, aliases, pattern work), and refuses what is over a bound with a located problem.
 * Stateless and thread-safe.
 */
public interface BlueprintReader {
    /** Largest input accepted, in bytes. */
    int MAX_BYTES = 1024 * 1024;

    boolean accepts(String fileName);

    /** The format name recorded with each blueprint version ("yaml", "jdl"). */
    String format();

    ParseOutcome read(String fileName, byte[] content);
}
