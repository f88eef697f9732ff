package com.connectsoft.factory.integration.adapter;

import com.connectsoft.factory.shared.domain.TenantId;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How many events a tenant's webhooks may deliver a minute, all its webhooks together ({@code FACTORY_WEBHOOK_EVENTS_PER_MINUTE},
 * default {@value #DEFAULT_PER_MINUTE}): each event becomes stored records and work on the bus, so one tenant (or a leaked
 * webhook credential) cannot fill the disk or the processors. A delivery that does not fit is refused whole (Event Grid
 * retries it later); nothing of it is taken. One limiter per tenant (resilience4j), per process: a function app scaled to
 * several instances allows that many times the rate.
 */
public final class WebhookRates {
    public static final String SETTING = "FACTORY_WEBHOOK_EVENTS_PER_MINUTE";
    public static final int DEFAULT_PER_MINUTE = 600;
    public static final Duration PERIOD = Duration.ofMinutes(1);

    private final int perMinute;
    private final RateLimiterRegistry limiters;

    public WebhookRates(int perMinute) {
        if (perMinute < 1) {
            throw new IllegalArgumentException(SETTING + " must be at least 1, not " + perMinute);
        }
        this.perMinute = perMinute;
        this.limiters = RateLimiterRegistry.of(RateLimiterConfig.custom().limitForPeriod(perMinute).limitRefreshPeriod(PERIOD)
                .timeoutDuration(Duration.ZERO).build());
    }

    /** From the settings: {@value #SETTING}, a whole number from 1 to 1,000,000, else the default. */
    public static WebhookRates from(Map<String, String> env) {
        String value = Optional.ofNullable(env.get(SETTING)).map(String::trim).orElse("");
        if (value.isEmpty()) {
            return new WebhookRates(DEFAULT_PER_MINUTE);
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= 1_000_000) {
                return new WebhookRates(n);
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(SETTING + "=" + value + " is not a number of events: give a whole number from 1 to 1000000 "
                + "(default " + DEFAULT_PER_MINUTE + ")");
    }

    public int perMinute() {
        return perMinute;
    }

    /** Takes {@code events} of the tenant's allowance for this minute; false, taking nothing, when they do not fit. */
    public boolean admit(TenantId tenant, int events) {
        if (events <= 0) {
            return true;
        }
        return events <= perMinute && limiters.rateLimiter(tenant.value()).acquirePermission(events);
    }
}
