package com.connectsoft.factory.platform.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The one configured JSON mapper: ISO-8601 times, unknown fields tolerated (additive contracts). */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(payloadModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private Json() {
    }

    /** A {@link com.connectsoft.factory.shared.domain.Payload} is written as the JSON value it holds and read back from one. */
    private static com.fasterxml.jackson.databind.Module payloadModule() {
        com.fasterxml.jackson.databind.module.SimpleModule m = new com.fasterxml.jackson.databind.module.SimpleModule("payload");
        m.addSerializer(com.connectsoft.factory.shared.domain.Payload.class,
                new com.fasterxml.jackson.databind.JsonSerializer<com.connectsoft.factory.shared.domain.Payload>() {
                    @Override
                    public void serialize(com.connectsoft.factory.shared.domain.Payload value, com.fasterxml.jackson.core.JsonGenerator gen,
                                          com.fasterxml.jackson.databind.SerializerProvider serializers) throws java.io.IOException {
                        gen.writeTree(MAPPER.readTree(value.json()));
                    }
                });
        m.addDeserializer(com.connectsoft.factory.shared.domain.Payload.class,
                new com.fasterxml.jackson.databind.JsonDeserializer<com.connectsoft.factory.shared.domain.Payload>() {
                    @Override
                    public com.connectsoft.factory.shared.domain.Payload deserialize(com.fasterxml.jackson.core.JsonParser p,
                            com.fasterxml.jackson.databind.DeserializationContext ctxt) throws java.io.IOException {
                        JsonNode tree = p.readValueAsTree();
                        return new com.connectsoft.factory.shared.domain.Payload(MAPPER.writeValueAsString(tree));
                    }
                });
        return m;
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static JsonNode toTree(Object value) {
        return MAPPER.valueToTree(value);
    }

    public static <T> T fromTree(JsonNode node, Class<T> type) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored document does not map to " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    public static String pretty(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** An event payload holding {@code value} as JSON. */
    public static com.connectsoft.factory.shared.domain.Payload payload(Object value) {
        return new com.connectsoft.factory.shared.domain.Payload(value instanceof JsonNode n ? write(n) : write(value));
    }

    /** An event payload read as {@code type}. */
    public static <T> T fromPayload(com.connectsoft.factory.shared.domain.Payload payload, Class<T> type) {
        try {
            return MAPPER.readValue(payload.json(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("payload does not map to " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** An event payload as a JSON tree (for payloads whose shape is not a Java type: announcements, external events). */
    public static JsonNode tree(com.connectsoft.factory.shared.domain.Payload payload) {
        return read(payload.json());
    }

    public static JsonNode read(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is corrupt: " + e.getOriginalMessage(), e);
        }
    }
}
