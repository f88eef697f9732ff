package com.connectsoft.factory.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.connectsoft.factory.knowledge.domain.KnowledgeEvents;
import com.connectsoft.factory.run.domain.RunEvents;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KnowledgeEventsTest {
    @Test
    void theKnowledgeFeedTakesTheRunsOwnEventTypes() {
        assertEquals(Set.of(RunEvents.STAGE_COMPLETED, RunEvents.RUN_COMPLETED, RunEvents.RUN_FAILED,
                RunEvents.RUN_CANCELLED), KnowledgeEvents.ALL);
    }
}
