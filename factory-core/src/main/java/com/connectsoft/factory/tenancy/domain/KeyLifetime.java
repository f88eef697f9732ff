package com.connectsoft.factory.tenancy.domain;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How long a new API key lives, written {@code <n>d} or {@code <n>h} (e.g. {@code 90d}); between 1 hour and 2 years. */
public final class KeyLifetime {
    public static final Duration MIN = Duration.ofHours(1);
    public static final Duration MAX = Duration.ofDays(730);
    private static final Pattern FORMAT = Pattern.compile("([1-9][0-9]{0,5})([dh])");

    private KeyLifetime() {
    }

    /** The lifetime, or {@link IllegalArgumentException} saying what is accepted (the input is not repeated). */
    public static Duration parse(String text) {
        Matcher m = text == null ? null : FORMAT.matcher(text.trim());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("the key lifetime must be a number of days or hours, e.g. 90d or 12h");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = m.group(2).equals("d") ? Duration.ofDays(n) : Duration.ofHours(n);
        if (d.compareTo(MIN) < 0 || d.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("the key lifetime must be between 1h and 730d");
        }
        return d;
    }
}
