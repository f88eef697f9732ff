package com.connectsoft.factory.functions;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.billing.application.ExportUsage;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The hourly Azure Marketplace metered billing export: every linked tenant's complete hours (the same use case as {@code factory billing export}). */
@Component
public class MarketplaceExportFunction {
    /** Fifteen minutes past every hour, after the usage roll-up (five past): the previous hour is complete. */
    public static final String SCHEDULE = "0 15 * * * *";

    private final Factory app;

    public MarketplaceExportFunction(Factory app) {
        this.app = app;
    }

    /**
     * Exports and answers the outcome. Events a failed batch left pending, and rejections that may pass, go again at
     * the next run; a refusal of the request itself (never expected from a timer) is logged and answered.
     */
    @FunctionName("MarketplaceExport")
    public ExportUsage.Outcome export(@TimerTrigger(name = "timer", schedule = SCHEDULE) String timer, ExecutionContext context) {
        ExportUsage.Outcome outcome = app.marketplace().export().export(new ExportUsage.Request(Optional.empty(), Optional.empty(), false));
        if (outcome instanceof ExportUsage.Outcome.Done done) {
            long skipped = done.tenants().stream().filter(t -> t instanceof ExportUsage.TenantOutcome.Skipped).count();
            context.getLogger().info(() -> "marketplace export before " + done.until() + ": " + done.rows().size() + " event(s), "
                    + done.problems() + " rejected, failed or flagged, " + skipped + " tenant(s) without a Marketplace subscription");
        } else if (outcome instanceof ExportUsage.Outcome.Refused r) {
            context.getLogger().warning(() -> "marketplace export refused: " + r.reason());
        }
        return outcome;
    }
}
