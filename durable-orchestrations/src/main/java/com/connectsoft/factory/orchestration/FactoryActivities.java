package com.connectsoft.factory.orchestration;

import com.connectsoft.factory.orchestration.Contracts.CompensateRequest;
import com.connectsoft.factory.orchestration.Contracts.Compensation;
import com.connectsoft.factory.orchestration.Contracts.FinishRequest;
import com.connectsoft.factory.orchestration.Contracts.RecordRequest;
import com.connectsoft.factory.orchestration.Contracts.StepRequest;

/**
 * What the orchestrations ask of the factory. Every activity may run more than once (a crash after it did its work
 * but before its completion was recorded), so each must be idempotent: same input, same effect.
 */
public interface FactoryActivities {
    /** Publishes the step's command with {@link StepRequest#eventId()}. */
    void dispatch(StepRequest request);

    void record(RecordRequest request);

    void finish(FinishRequest request);

    Compensation compensate(CompensateRequest request);
}
