package com.connectsoft.factory.project.domain;

import java.time.Instant;

/** One accepted version of a project's blueprint: its source is content-addressed; unchanged content keeps its version. */
public record BlueprintVersion(String tenantId, String projectId, String blueprintId, int version, String contentHash,
                               String format, String fileName, String storageRef, Instant createdAt) {
    public String key() {
        return blueprintId + "@" + version;
    }
}
