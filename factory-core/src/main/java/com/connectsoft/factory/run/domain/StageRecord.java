package com.connectsoft.factory.run.domain;

import com.connectsoft.factory.run.vocabulary.Stage;
import com.connectsoft.factory.run.vocabulary.StageStatus;
import java.time.Instant;

/** One stage of a run: when it ran, how long, and how it ended. */
public record StageRecord(Stage name, StageStatus status, Instant startedAt, Instant endedAt, long durationMs, String detail) {
}
