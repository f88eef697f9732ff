package com.connectsoft.factory.functions;

import com.connectsoft.factory.app.FactoryApp;
import com.connectsoft.factory.integration.application.WebhookIntake;
import com.connectsoft.factory.platform.bus.PoisonEventException;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.usage.domain.UsageRollupRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.EventGridTrigger;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import java.util.List;
import org.springframework.stereotype.Component;

/** The Event Grid intake, the hourly usage roll-up and the outbox sweep. */
@Component
public class IntegrationFunctions {
    /** Five minutes past every hour: the previous hour is complete by then. */
    public static final String ROLLUP_SCHEDULE = "0 5 * * * *";
    /** Every minute: events a crash or a failed send left in a Cosmos DB outbox wait at most this long. */
    public static final String OUTBOX_SWEEP_SCHEDULE = "0 * * * * *";

    private final FactoryApp app;

    public IntegrationFunctions(FactoryApp app) {
        this.app = app;
    }

    /** Event Grid (its schema or CloudEvents): each event becomes an ExternalEventReceived event of its tenant. */
    @FunctionName("EventGridWebhook")
    public WebhookIntake.Outcome eventGrid(@EventGridTrigger(name = "event") String event, ExecutionContext context) {
        JsonNode body;
        try {
            body = Json.read(event);
        } catch (RuntimeException e) {
            throw new PoisonEventException("the Event Grid event is not JSON: " + e.getMessage());
        }
        WebhookIntake.Outcome outcome = app.webhooks.receive(body);
        outcome.refused().forEach(r -> context.getLogger().warning("Event Grid event refused: " + r));
        context.getLogger().info(() -> "Event Grid: " + outcome.accepted().size() + " accepted, " + outcome.refused().size() + " refused");
        return outcome;
    }

    @FunctionName("UsageRollup")
    public List<UsageRollupRecord> usageRollup(@TimerTrigger(name = "timer", schedule = ROLLUP_SCHEDULE) String timer, ExecutionContext context) {
        List<UsageRollupRecord> rolled = app.usageRollup.rollUpAll(app.usageRollup.previousHour());
        context.getLogger().info(() -> "usage roll-up of " + app.usageRollup.previousHour() + ": " + rolled.size() + " tenant(s)");
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
