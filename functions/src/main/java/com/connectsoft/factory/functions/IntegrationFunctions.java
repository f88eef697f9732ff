package com.connectsoft.factory.functions;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.usage.domain.UsageRollupRecord;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import java.util.List;
import org.springframework.stereotype.Component;

/** The hourly usage roll-up and the outbox sweep (the Event Grid webhook is an HTTP function: ApiFunctions). */
@Component
public class IntegrationFunctions {
    /** Five minutes past every hour: the previous hour is complete by then. */
    public static final String ROLLUP_SCHEDULE = "0 5 * * * *";
    /** Every minute: events a crash or a failed send left in a Cosmos DB outbox wait at most this long. */
    public static final String OUTBOX_SWEEP_SCHEDULE = "0 * * * * *";

    private final Factory app;

    public IntegrationFunctions(Factory app) {
        this.app = app;
    }

    @FunctionName("UsageRollup")
    public List<UsageRollupRecord> usageRollup(@TimerTrigger(name = "timer", schedule = ROLLUP_SCHEDULE) String timer, ExecutionContext context) {
        List<UsageRollupRecord> rolled = app.usage().rollup().rollUpAll(app.usage().rollup().previousHour());
        context.getLogger().info(() -> "usage roll-up of " + app.usage().rollup().previousHour() + ": " + rolled.size() + " tenant(s)");
        return rolled;
    }

    /**
     * Sends what the tenants' Cosmos DB outboxes still hold to Service Bus (each commit forwards its own events at
     * once; this catches what a crash or a failed send left). Returns how many events were sent.
     */
    @FunctionName("OutboxSweep")
    public int outboxSweep(@TimerTrigger(name = "timer", schedule = OUTBOX_SWEEP_SCHEDULE) String timer, ExecutionContext context) {
        int sent = app.sweepOutbox();
        if (sent > 0) {
            context.getLogger().warning(() -> "outbox sweep sent " + sent + " event(s) that their commit had not forwarded");
        }
        return sent;
    }
}
