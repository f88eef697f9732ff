package com.connectsoft.factory.functions.build;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.build.adapter.azure.BuildJobCompletion;
import com.connectsoft.factory.build.adapter.azure.BuildJobRequest;
import com.connectsoft.factory.build.application.CompleteBuildJobStep;
import com.connectsoft.factory.capability.CapabilityRegistry;
import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.shared.domain.TenantId;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.ServiceBusQueueTrigger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Level;
import org.springframework.stereotype.Component;

/**
 * The {@code BuildJobCompleted} function: a build job said it is done (queue build-jobs-done, read with the app's
 * identity). The notice names a tenant and a job only; the factory records the job's report and log from where it told
 * the job to write them, and publishes the {@code ModuleValidated} reply to the run, as the build-validate capability
 * does when it builds in process. A notice that is not one is rethrown (Service Bus dead-letters it after its
 * deliveries); one for a job the tenant does not have, or before its report, is logged and completed. A transient fault
 * is rethrown, so Service Bus delivers the notice again; recording is idempotent.
 */
@Component
public class BuildJobCompletedFunction {
    private final Factory app;

    public BuildJobCompletedFunction(Factory app) {
        this.app = app;
    }

    /** @return the events published */
    @FunctionName(CapabilityRegistry.BUILD_JOB_COMPLETED_FUNCTION)
    public List<Envelope> run(@ServiceBusQueueTrigger(name = "message", queueName = CapabilityRegistry.BUILD_JOBS_DONE_QUEUE,
                                      connection = CapabilityRegistry.BUILD_JOBS_CONNECTION) String message,
                              @BindingName("MessageId") String messageId, @BindingName("DeliveryCount") int deliveryCount,
                              ExecutionContext context) {
        BuildJobCompletion notice;
        try {
            notice = BuildJobCompletion.parse(message.getBytes(StandardCharsets.UTF_8));
        } catch (BuildJobRequest.Malformed e) {
            context.getLogger().log(Level.SEVERE, "build-job-completed message=" + messageId + " outcome=refused: " + e.getMessage());
            throw e;
        }
        String ids = "build-job-completed job=" + notice.jobId() + " tenant=" + notice.tenantId() + " delivery=" + deliveryCount;
        CompleteBuildJobStep completions = app.build().completions().orElse(null);
        if (completions == null) {
            context.getLogger().severe(ids + " outcome=ignored: this app builds in process (FACTORY_BUILD_RUNNER is not azure-job)");
            return List.of();
        }
        CompleteBuildJobStep.Outcome outcome = completions.complete(TenantId.of(notice.tenantId()), notice.jobId());
        if (outcome instanceof CompleteBuildJobStep.Outcome.Answered answered) {
            answered.events().forEach(app.bus()::publish);
            context.getLogger().info(ids + " outcome=answered events=" + answered.events().size());
            return answered.events();
        }
        context.getLogger().warning(ids + " outcome=ignored: " + ((CompleteBuildJobStep.Outcome.Ignored) outcome).why());
        return List.of();
    }
}
