package com.connectsoft.factory.project.domain;

import java.time.Instant;

/** Accepted blueprint content that is not a version yet: the store gives it its number when it records it. */
public record BlueprintDraft(String tenantId, String projectId, String blueprintId, String contentHash, String format,
                             String fileName, String storageRef, Instant createdAt) {
    public BlueprintVersion numbered(int version) {
        return new BlueprintVersion(tenantId, projectId, blueprintId, version, contentHash, format, fileName, storageRef, createdAt);
    }
}
