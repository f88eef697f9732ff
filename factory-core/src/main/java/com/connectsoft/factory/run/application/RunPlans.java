package com.connectsoft.factory.run.application;

import com.connectsoft.factory.capability.CapabilityRegistry;
import com.connectsoft.factory.orchestration.Contracts.PlannedModule;
import com.connectsoft.factory.orchestration.Contracts.RunPlan;
import com.connectsoft.factory.orchestration.StepPolicy;
import com.connectsoft.factory.run.domain.FactoryRun;
import java.util.ArrayList;
import java.util.List;

/** The plan a run's orchestration starts with: its modules, every governance check, the step policy. */
public final class RunPlans {
    private RunPlans() {
    }

    public static RunPlan plan(FactoryRun run, StepPolicy policy) {
        List<PlannedModule> modules = new ArrayList<>();
        run.modules().forEach(m -> modules.add(new PlannedModule(m.moduleId(), m.name())));
        return new RunPlan(run.tenantId(), run.runId(), modules, List.copyOf(CapabilityRegistry.GOVERNANCE_CHECKS.keySet()), policy);
    }
}
