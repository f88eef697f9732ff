package com.connectsoft.factory.template.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * What the generated modules of a template version told the factory once they ran: build failures of their pipelines,
 * alerts of their resources, pushes to their repositories. Figures over all tenants, counts only. Read-only here; the
 * feedback capability writes them.
 */
public interface TemplateFeedback {
    /** A template version's feedback figures. */
    record Figures(long items, long buildFailures, long buildSuccesses, long alertsFired, long pushes, Instant lastAt) {
        public String summary() {
            return "feedback: " + buildFailures + " build failure" + (buildFailures == 1 ? "" : "s") + ", " + alertsFired + " alert"
                    + (alertsFired == 1 ? "" : "s") + " (" + items + " item" + (items == 1 ? "" : "s") + ")";
        }
    }

    /** The figures of {@code templateRef} ({@code id@version}); empty when nothing came back yet. */
    Optional<Figures> figures(String templateRef);

    static TemplateFeedback none() {
        return ref -> Optional.empty();
    }
}
