package com.connectsoft.factory.agent.domain;

import java.util.Objects;

/**
 * A skill as data ({@code skills/ConnectSoft.Skill.*.yaml}): what it does, the capability of the registry that runs it
 * (one Service Bus triggered function in Azure, one subscriber locally), and the JSON Schema texts its input and output
 * must satisfy whichever implementation (a chat model or the deterministic one) performs it.
 */
public record SkillDefinition(String id, String version, String description, String capability, String command,
                              String resultEvent, String produces, Guardrail guardrail, String inputSchema, String outputSchema, String file) {
    /** What an answer must pass besides its output schema. */
    public enum Guardrail {
        /** The output schema only. */
        SCHEMA,
        /** The answer is a blueprint: the blueprint reader and rules must accept it. */
        BLUEPRINT
    }

    public SkillDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(capability, "capability");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(resultEvent, "resultEvent");
        Objects.requireNonNull(guardrail, "guardrail");
        Objects.requireNonNull(produces, "produces");
        Objects.requireNonNull(inputSchema, "inputSchema");
        Objects.requireNonNull(outputSchema, "outputSchema");
    }

    public String ref() {
        return id + "@" + version;
    }
}
