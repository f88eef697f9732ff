package com.connectsoft.factory.agent.application;

import com.connectsoft.factory.agent.domain.SkillDefinition;
import com.connectsoft.factory.agent.domain.TokenUse;
import com.connectsoft.factory.shared.domain.TenantId;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;

/**
 * One implementation of a skill's contract: a chat model, or the deterministic implementation. It answers one request
 * (the input, and on a correction round its previous answer and the located problems of it) with JSON that the caller
 * checks against the skill's output schema and rules; it never writes anything itself.
 */
public interface Skill {
    /** "deterministic", or "model:<deployment>". */
    String implementation();

    /** Whether an answer costs tokens (and so counts against the run's cap). */
    boolean metered();

    SkillAnswer perform(SkillRequest request);

    record SkillRequest(TenantId tenant, SkillDefinition skill, JsonNode input, int attempt, JsonNode previous, List<String> problems,
                        int maxOutputTokens, Duration timeout) {
        public SkillRequest {
            problems = List.copyOf(problems);
        }

        public boolean correcting() {
            return previous != null && !problems.isEmpty();
        }
    }

    sealed interface SkillAnswer {
        TokenUse tokens();

        record Answered(JsonNode output, TokenUse tokens) implements SkillAnswer {
        }

        /** The implementation could not answer (endpoint failed, timed out, answered no JSON): the task fails with the reason. */
        record Unavailable(String reason, TokenUse tokens) implements SkillAnswer {
        }
    }
}
