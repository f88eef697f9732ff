package com.connectsoft.factory.agent.domain;

import java.util.List;
import java.util.Objects;

/**
 * An agent as data ({@code agents/ConnectSoft.Agent.*.yaml}): a versioned definition binding skills (performed in
 * this order), the policy for the model that performs them, and what it may read and write.
 */
public record AgentDefinition(String id, String version, String description, List<String> skills, ModelPolicy modelPolicy,
                              PermissionScope permissions, String file) {
    public AgentDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        skills = List.copyOf(skills);
        Objects.requireNonNull(modelPolicy, "modelPolicy");
        Objects.requireNonNull(permissions, "permissions");
    }

    public String ref() {
        return id + "@" + version;
    }
}
