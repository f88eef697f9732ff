package com.connectsoft.factory.agent;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/** A real ChatModel answering from a queue (text, or a supplier that throws or stalls), recording every request it got. */
final class ScriptedChatModel implements ChatModel {
    private final Deque<Supplier<String>> answers = new ArrayDeque<>();
    final List<ChatRequest> requests = new ArrayList<>();
    static final int INPUT_TOKENS = 700;
    static final int OUTPUT_TOKENS = 300;

    ScriptedChatModel answer(String text) {
        answers.add(() -> text);
        return this;
    }

    ScriptedChatModel answer(Supplier<String> s) {
        answers.add(s);
        return this;
    }

    @Override
    public synchronized ChatResponse doChat(ChatRequest request) {
        requests.add(request);
        Supplier<String> next = answers.poll();
        if (next == null) {
            throw new IllegalStateException("the script has no more answers");
        }
        return ChatResponse.builder().aiMessage(AiMessage.from(next.get())).tokenUsage(new TokenUsage(INPUT_TOKENS, OUTPUT_TOKENS)).build();
    }

    String userText(int request) {
        for (ChatMessage m : requests.get(request).messages()) {
            if (m instanceof UserMessage u) {
                return u.singleText();
            }
        }
        return "";
    }
}
