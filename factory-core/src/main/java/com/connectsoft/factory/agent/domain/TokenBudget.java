package com.connectsoft.factory.agent.domain;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The token cap of one run (a proposal and the run it starts): tokens used so far, and whether a call estimated at
 * {@code estimate} tokens would cross the cap. Shared by the tasks of the run, thread-safe.
 */
public final class TokenBudget {
    private final long cap;
    private final AtomicLong used = new AtomicLong();

    public TokenBudget(long cap) {
        if (cap < 0) {
            throw new IllegalArgumentException("a token cap is never negative, was " + cap);
        }
        this.cap = cap;
    }

    public long cap() {
        return cap;
    }

    public long used() {
        return used.get();
    }

    public boolean wouldCross(long estimate) {
        return used.get() + estimate > cap;
    }

    public void spend(TokenUse tokens) {
        used.addAndGet(tokens.total());
    }
}
