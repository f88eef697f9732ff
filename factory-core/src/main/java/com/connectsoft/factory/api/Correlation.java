package com.connectsoft.factory.api;

import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** The correlation id of a request: the caller's {@code X-Correlation-Id} when it is well-formed, else a new one. */
public final class Correlation {
    public static final String HEADER = "X-Correlation-Id";
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    private Correlation() {
    }

    public static String of(Optional<String> header) {
        return header.map(String::trim).filter(h -> WELL_FORMED.matcher(h).matches()).orElseGet(Correlation::mint);
    }

    static String mint() {
        byte[] b = new byte[10];
        ThreadLocalRandom.current().nextBytes(b);
        return "corr-" + HexFormat.of().formatHex(b);
    }
}
