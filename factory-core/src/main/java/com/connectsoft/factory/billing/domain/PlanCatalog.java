package com.connectsoft.factory.billing.domain;

import java.util.List;
import java.util.Optional;

/** The plans a tenant can be on: platform-wide data (not tenant data), read from the plan files. */
public interface PlanCatalog {
    List<Plan> all();

    Optional<Plan> find(String planId);

    /** The plans that include a catalog item, cheapest base fee first. */
    default List<Plan> including(String catalogItemId) {
        return all().stream().filter(p -> p.includes(catalogItemId)).sorted(java.util.Comparator.comparing(Plan::baseFee)).toList();
    }
}
