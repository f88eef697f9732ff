package com.connectsoft.factory.agent.adapter.model;

import com.connectsoft.factory.agent.application.Skill;
import com.connectsoft.factory.agent.domain.TokenUse;
import com.connectsoft.factory.platform.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A skill performed by a chat model through LangChain4j: the skill's description and output schema as the system
 * message, its input (and on a correction round the previous answer with its located problems) as the user message,
 * JSON as the response format. The call has the agent's timeout; an endpoint that fails or times out, or an answer
 * that is no JSON object, is {@link SkillAnswer.Unavailable} with the reason (the exception's type, never its text).
 */
public final class ChatModelSkill implements Skill {
    /** The model's answer is read only up to this many characters. */
    static final int MAX_ANSWER_CHARS = 400_000;
    private final ChatModel model;
    private final String deployment;
    private final ExecutorService calls = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "agent-model-call");
        t.setDaemon(true);
        return t;
    });

    public ChatModelSkill(ChatModel model, String deployment) {
        this.model = model;
        this.deployment = deployment;
    }

    @Override
    public String implementation() {
        return "model:" + deployment;
    }

    @Override
    public boolean metered() {
        return true;
    }

    @Override
    public SkillAnswer perform(SkillRequest r) {
        StringBuilder user = new StringBuilder("Input (JSON):\n").append(Json.write(r.input()));
        if (r.correcting()) {
            user.append("\n\nYour previous answer:\n").append(Json.write(r.previous()))
                    .append("\n\nIt has these problems; answer again with the whole corrected JSON:\n");
            r.problems().forEach(p -> user.append("- ").append(p).append('\n'));
        }
        ChatRequest request = ChatRequest.builder()
                .messages(SystemMessage.from("You are " + r.skill().id() + ". " + r.skill().description()
                        + "\nAnswer with one JSON object only, valid against this JSON Schema:\n" + r.skill().outputSchema()),
                        UserMessage.from(user.toString()))
                .responseFormat(ResponseFormat.builder().type(ResponseFormatType.JSON).build())
                .maxOutputTokens(r.maxOutputTokens())
                .build();
        Future<ChatResponse> call = calls.submit(() -> model.chat(request));
        ChatResponse response;
        try {
            response = call.get(r.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            return new SkillAnswer.Unavailable("the model endpoint did not answer within " + r.timeout().toSeconds() + " s", TokenUse.NONE);
        } catch (ExecutionException e) {
            return new SkillAnswer.Unavailable("the model endpoint failed (" + e.getCause().getClass().getSimpleName() + ")", TokenUse.NONE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SkillAnswer.Unavailable("interrupted while waiting for the model endpoint", TokenUse.NONE);
        }
        TokenUsage usage = response == null ? null : response.tokenUsage();
        TokenUse tokens = usage == null ? TokenUse.NONE : new TokenUse(nonNull(usage.inputTokenCount()), nonNull(usage.outputTokenCount()));
        String text = response == null || response.aiMessage() == null ? null : response.aiMessage().text();
        if (text == null || text.isBlank()) {
            return new SkillAnswer.Unavailable("the model answered no text", tokens);
        }
        if (text.length() > MAX_ANSWER_CHARS) {
            return new SkillAnswer.Unavailable("the model's answer has more than " + MAX_ANSWER_CHARS + " characters", tokens);
        }
        JsonNode json;
        try {
            json = Json.read(stripFence(text));
        } catch (RuntimeException e) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            // not JSON at all: handed back as a problem so the correction loop can ask again
            return new SkillAnswer.Answered(Json.object().put("$invalid", "the answer was not one JSON object"), tokens);
        }
        return new SkillAnswer.Answered(json, tokens);
    }

    private static String stripFence(String text) {
        String t = text.strip();
        if (t.startsWith("```")) {
            int nl = t.indexOf('\n');
            t = nl < 0 ? t : t.substring(nl + 1);
            if (t.endsWith("```")) {
                t = t.substring(0, t.length() - 3);
            }
        }
        return t;
    }

    private static long nonNull(Integer n) {
        return n == null ? 0 : Math.max(0, n);
    }
}
