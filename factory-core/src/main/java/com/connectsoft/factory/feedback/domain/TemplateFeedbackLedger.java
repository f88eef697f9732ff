package com.connectsoft.factory.feedback.domain;

import com.connectsoft.factory.template.domain.TemplateFeedback;

/**
 * The feedback figures of each template version, counted over every tenant's items (counts only, nothing of a
 * tenant's data). Counting an item is idempotent by its id: an item counted twice (a redelivery, a retried handler)
 * counts once.
 */
public interface TemplateFeedbackLedger extends TemplateFeedback {
    void count(FeedbackItem item);
}
