package com.connectsoft.factory.project.domain;

import java.time.Instant;

/** A factory project: the SaaS product being produced, with its own git repository. */
public record Project(String tenantId, String projectId, String name, String description, Instant createdAt, Instant updatedAt) {
}
