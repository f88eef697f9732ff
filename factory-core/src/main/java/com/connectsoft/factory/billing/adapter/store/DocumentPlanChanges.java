package com.connectsoft.factory.billing.adapter.store;

import com.connectsoft.factory.billing.domain.PlanChange;
import com.connectsoft.factory.billing.domain.PlanChanges;
import com.connectsoft.factory.platform.store.DocumentStore;
import com.connectsoft.factory.platform.store.Documents;
import com.connectsoft.factory.platform.store.Filter;
import com.connectsoft.factory.shared.domain.TenantId;
import java.util.Comparator;
import java.util.List;

/** Plan changes, created once each (never replaced), in the tenant's partition. */
public final class DocumentPlanChanges implements PlanChanges {
    static final String CHANGES = "plan-changes";
    private final DocumentStore store;

    public DocumentPlanChanges(DocumentStore store) {
        this.store = store;
    }

    @Override
    public void append(TenantId tenant, PlanChange change) {
        if (!change.tenantId().equals(tenant.value())) {
            throw new IllegalArgumentException("plan change of tenant " + change.tenantId() + " cannot be stored for " + tenant.value());
        }
        store.transact(tenant, tx -> tx.create(CHANGES, change.changeId(), Documents.body(change)));
    }

    @Override
    public List<PlanChange> list(TenantId tenant) {
        return Documents.all(store, tenant, CHANGES, Filter.all(), PlanChange.class).stream()
                .sorted(Comparator.comparing(PlanChange::changedAt).thenComparing(PlanChange::changeId)).toList();
    }
}
