package com.connectsoft.factory.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.integration.adapter.WebhookRates;
import com.connectsoft.factory.shared.domain.TenantId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A tenant's webhooks share one allowance of events a minute; a delivery that does not fit takes nothing of it. */
class WebhookRatesTest {
    static final TenantId A = TenantId.of("tenant-a");
    static final TenantId B = TenantId.of("tenant-b");

    @Test
    void aDeliveryIsTakenWholeOrNotAtAllAndTenantsDoNotShare() {
        WebhookRates rates = new WebhookRates(10);
        assertTrue(rates.admit(A, 6));
        assertFalse(rates.admit(A, 5), "6 + 5 is over 10");
        assertTrue(rates.admit(A, 4), "the refused 5 took nothing: 4 still fit");
        assertFalse(rates.admit(A, 1));
        assertTrue(rates.admit(B, 10), "another tenant has its own allowance");
        assertFalse(rates.admit(B, 11));
        assertFalse(new WebhookRates(10).admit(A, 11), "larger than a minute's allowance never fits");
        assertTrue(rates.admit(A, 0), "an empty delivery takes nothing");
    }

    @Test
    void theSettingIsAWholeNumberOrRefusedSayingWhatToGive() {
        assertEquals(WebhookRates.DEFAULT_PER_MINUTE, WebhookRates.from(Map.of()).perMinute());
        assertEquals(120, WebhookRates.from(Map.of(WebhookRates.SETTING, " 120 ")).perMinute());
        for (String bad : new String[] {"0", "-1", "lots", "1e3", "1000001"}) {
            var e = assertThrows(IllegalArgumentException.class, () -> WebhookRates.from(Map.of(WebhookRates.SETTING, bad)), bad);
            assertEquals(WebhookRates.SETTING + "=" + bad + " is not a number of events: give a whole number from 1 to 1000000 (default 600)",
                    e.getMessage());
        }
    }
}
