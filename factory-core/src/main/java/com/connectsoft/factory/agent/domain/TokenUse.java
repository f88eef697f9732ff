package com.connectsoft.factory.agent.domain;

/** Tokens a model call (or a task, summed) used; the deterministic skills use none. */
public record TokenUse(long input, long output) {
    public static final TokenUse NONE = new TokenUse(0, 0);

    public TokenUse {
        if (input < 0 || output < 0) {
            throw new IllegalArgumentException("token counts are never negative");
        }
    }

    public long total() {
        return input + output;
    }

    public TokenUse plus(TokenUse o) {
        return new TokenUse(input + o.input, output + o.output);
    }
}
