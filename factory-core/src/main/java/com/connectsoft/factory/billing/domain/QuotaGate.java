package com.connectsoft.factory.billing.domain;

import com.connectsoft.factory.shared.domain.TenantId;
import java.util.Set;

/**
 * Checks a tenant's plan before work starts. Reads only the tenant's own records; writes nothing (a refused request
 * leaves no trace in the usage ledger).
 */
public interface QuotaGate {
    /** A run with these templates: the plan must include each, and no quota may be used up. */
    QuotaDecision admitRun(TenantId tenant, Set<String> templateIds);

    /** Agent work (an intent proposal): the agent-token quota must not be used up. */
    QuotaDecision admitAgentWork(TenantId tenant);

    /** Lets everything through (factories without plans, tests of other capabilities). */
    QuotaGate OPEN = new QuotaGate() {
        @Override
        public QuotaDecision admitRun(TenantId tenant, Set<String> templateIds) {
            return new QuotaDecision.Allowed();
        }

        @Override
        public QuotaDecision admitAgentWork(TenantId tenant) {
            return new QuotaDecision.Allowed();
        }
    };
}
