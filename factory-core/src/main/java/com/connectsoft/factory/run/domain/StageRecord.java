package com.connectsoft.factory.run.domain;

import java.time.Instant;

/** One stage of a run: when it ran, how long, and how it ended. */
public record StageRecord(String name, String status, Instant startedAt, Instant endedAt, long durationMs, String detail) {
}
