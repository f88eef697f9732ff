package com.connectsoft.factory.agent.application;

import com.connectsoft.factory.agent.domain.SkillDefinition;
import com.connectsoft.factory.platform.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A skill's JSON Schemas, compiled once per schema text: what an input or answer breaks, as located problems. */
public final class SkillContract {
    /** Problems listed for one answer; the rest are counted. */
    public static final int MAX_PROBLEMS = 20;
    private static final Map<String, JsonSchema> COMPILED = new ConcurrentHashMap<>();

    private SkillContract() {
    }

    /** Compiles a schema text, or says what is wrong with it (loading a definition). */
    public static JsonSchema compile(String schemaText) {
        return COMPILED.computeIfAbsent(schemaText, t -> JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(Json.read(t)));
    }

    public static List<String> checkInput(SkillDefinition skill, JsonNode input) {
        return check(compile(skill.inputSchema()), input);
    }

    public static List<String> checkOutput(SkillDefinition skill, JsonNode output) {
        return check(compile(skill.outputSchema()), output);
    }

    static List<String> check(JsonSchema schema, JsonNode value) {
        List<ValidationMessage> messages = new ArrayList<>(schema.validate(value));
        messages.sort(Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString()).thenComparing(ValidationMessage::getMessage));
        List<String> out = new ArrayList<>();
        for (ValidationMessage m : messages) {
            if (out.size() == MAX_PROBLEMS) {
                out.add((messages.size() - MAX_PROBLEMS) + " more schema problems are not shown");
                break;
            }
            out.add("schema: " + m.getMessage());
        }
        return out;
    }
}
