package com.connectsoft.factory.usage.application;

import com.connectsoft.factory.platform.bus.EventHandler;
import com.connectsoft.factory.platform.bus.PoisonEventException;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.usage.domain.UsageRecord;
import com.connectsoft.factory.usage.domain.UsageRecords;

/** Consumes UsageRecorded events into the usage ledger; a redelivered event is counted once (by usageId). */
public final class UsageMeter implements EventHandler {
    private final UsageRecords ledger;

    public UsageMeter(UsageRecords ledger) {
        this.ledger = ledger;
    }

    @Override
    public void handle(Envelope event) {
        UsageRecord usage;
        try {
            usage = Json.fromPayload(event.payload(), UsageRecord.class);
        } catch (IllegalStateException e) {
            throw new PoisonEventException("payload is not a usage record: " + e.getMessage());
        }
        if (usage.usageId() == null || !event.tenantId().equals(usage.tenantId())) {
            throw new PoisonEventException("usage record without id or of another tenant than its envelope");
        }
        ledger.record(event.tenant(), usage);
    }
}
