package com.connectsoft.factory.governance.domain;

import com.connectsoft.factory.run.vocabulary.Decision;
import java.util.List;

/** One governance check's decision on one module, with the policy version it applied and its reasons. */
public record CheckResult(String checkId, String policyVersion, Decision decision, List<String> reasons) {
    public CheckResult {
        reasons = List.copyOf(reasons);
    }

    /** The decision of a module's checks together: any Deny denies, else any RequiresApproval asks a human, else Allow. */
    public static Decision overall(List<CheckResult> results) {
        if (results.stream().anyMatch(r -> r.decision() == Decision.Deny)) {
            return Decision.Deny;
        }
        if (results.stream().anyMatch(r -> r.decision() == Decision.RequiresApproval)) {
            return Decision.RequiresApproval;
        }
        return Decision.Allow;
    }

    public static CheckResult of(String checkId, String policyVersion, List<String> violations) {
        return new CheckResult(checkId, policyVersion, violations.isEmpty() ? Decision.Allow : Decision.Deny, violations);
    }
}
