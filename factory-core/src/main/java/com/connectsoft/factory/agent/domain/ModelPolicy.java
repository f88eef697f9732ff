package com.connectsoft.factory.agent.domain;

import java.time.Duration;

/**
 * How an agent's skills use a chat model: at most {@code maxOutputTokens} per answer, {@code timeout} per call,
 * {@code correctionRounds} rounds of corrections after the first answer (the blueprint rules are the guardrail),
 * {@code retries} more calls when the endpoint fails or times out (each within the token cap), and
 * whether the deterministic implementation stands in when no model is configured.
 */
public record ModelPolicy(int maxOutputTokens, Duration timeout, int correctionRounds, int retries, boolean deterministicFallback) {
    public static final int MAX_CORRECTION_ROUNDS = 3;
    public static final int MAX_RETRIES = 3;

    public ModelPolicy {
        if (maxOutputTokens < 1 || maxOutputTokens > 32_000) {
            throw new IllegalArgumentException("maxOutputTokens must be 1-32000, was " + maxOutputTokens);
        }
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("timeout must be more than 0 and at most 10 minutes, was " + timeout);
        }
        if (retries < 0 || retries > MAX_RETRIES) {
            throw new IllegalArgumentException("retries must be 0-" + MAX_RETRIES + ", was " + retries);
        }
        if (correctionRounds < 0 || correctionRounds > MAX_CORRECTION_ROUNDS) {
            throw new IllegalArgumentException("correctionRounds must be 0-" + MAX_CORRECTION_ROUNDS + ", was " + correctionRounds);
        }
    }
}
