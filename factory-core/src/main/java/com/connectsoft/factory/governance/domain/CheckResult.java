package com.connectsoft.factory.governance.domain;

import java.util.List;

/** One governance check's decision on one module, with the policy version it applied and its reasons. */
public record CheckResult(String checkId, String policyVersion, Decision decision, List<String> reasons) {
    public CheckResult {
        reasons = List.copyOf(reasons);
    }

    public static CheckResult of(String checkId, String policyVersion, List<String> violations) {
        return new CheckResult(checkId, policyVersion, violations.isEmpty() ? Decision.Allow : Decision.Deny, violations);
    }
}
