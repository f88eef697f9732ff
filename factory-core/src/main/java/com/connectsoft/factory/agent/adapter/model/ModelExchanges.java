package com.connectsoft.factory.agent.adapter.model;

import com.connectsoft.factory.platform.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Model exchanges kept as JSON lines ({@code {"messages": [...], "answer": "...", "inputTokens": n, "outputTokens": n}}):
 * {@link #recording} passes every call to a model and appends the exchange; {@link #replaying} answers from a file
 * in order and refuses a request whose messages differ from the recorded ones (so a replay shows when prompts changed).
 * The files hold tenants' intents: keep them with the tenant's data.
 */
public final class ModelExchanges {
    /** A replay file larger than this is refused. */
    static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

    private ModelExchanges() {
    }

    public static ChatModel recording(ChatModel model, Path file) {
        return new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                ChatResponse response = model.chat(request);
                ObjectNode line = Json.object();
                line.set("messages", messages(request.messages()));
                line.put("answer", response.aiMessage() == null ? "" : response.aiMessage().text());
                TokenUsage u = response.tokenUsage();
                line.put("inputTokens", u == null || u.inputTokenCount() == null ? 0 : u.inputTokenCount());
                line.put("outputTokens", u == null || u.outputTokenCount() == null ? 0 : u.outputTokenCount());
                synchronized (ModelExchanges.class) {
                    try {
                        Files.writeString(file, Json.write(line) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return response;
            }
        };
    }

    public static ChatModel replaying(Path file) {
        Deque<JsonNode> exchanges = new ArrayDeque<>();
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IllegalArgumentException(file + ": a replay file is at most " + MAX_FILE_BYTES + " bytes");
            }
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    exchanges.add(Json.read(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ChatModel() {
            @Override
            public synchronized ChatResponse doChat(ChatRequest request) {
                JsonNode next = exchanges.poll();
                if (next == null) {
                    throw new IllegalStateException("the replay has no more recorded exchanges");
                }
                if (!next.get("messages").equals(messages(request.messages()))) {
                    throw new IllegalStateException("the request differs from the recorded one (the prompt or the input changed)");
                }
                return ChatResponse.builder().aiMessage(AiMessage.from(next.get("answer").asText()))
                        .tokenUsage(new TokenUsage(next.path("inputTokens").asInt(), next.path("outputTokens").asInt())).build();
            }
        };
    }

    private static ArrayNode messages(List<ChatMessage> messages) {
        ArrayNode out = Json.mapper().createArrayNode();
        for (ChatMessage m : messages) {
            String text = m instanceof SystemMessage s ? s.text() : m instanceof UserMessage u ? u.singleText() : m instanceof AiMessage a ? a.text() : "";
            out.addObject().put("type", m.type().name()).put("text", text);
        }
        return out;
    }
}
