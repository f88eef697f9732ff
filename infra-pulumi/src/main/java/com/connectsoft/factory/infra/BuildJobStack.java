package com.connectsoft.factory.infra;

import com.connectsoft.factory.build.adapter.azure.AzureBuildJobs;
import com.connectsoft.factory.app.BuildJobMain;
import com.connectsoft.factory.capability.CapabilityRegistry;
import com.connectsoft.factory.capability.JobQueue;
import com.pulumi.azurenative.app.Job;
import com.pulumi.azurenative.app.JobArgs;
import com.pulumi.azurenative.app.ManagedEnvironment;
import com.pulumi.azurenative.app.ManagedEnvironmentArgs;
import com.pulumi.azurenative.app.inputs.AppLogsConfigurationArgs;
import com.pulumi.azurenative.app.inputs.ContainerArgs;
import com.pulumi.azurenative.app.inputs.ContainerResourcesArgs;
import com.pulumi.azurenative.app.inputs.EnvironmentVarArgs;
import com.pulumi.azurenative.app.inputs.JobConfigurationArgs;
import com.pulumi.azurenative.app.inputs.JobConfigurationEventTriggerConfigArgs;
import com.pulumi.azurenative.app.inputs.JobScaleArgs;
import com.pulumi.azurenative.app.inputs.JobScaleRuleArgs;
import com.pulumi.azurenative.app.inputs.JobTemplateArgs;
import com.pulumi.azurenative.app.inputs.RegistryCredentialsArgs;
import com.pulumi.azurenative.app.inputs.ScaleRuleAuthArgs;
import com.pulumi.azurenative.app.inputs.SecretArgs;
import com.pulumi.azurenative.insights.DiagnosticSetting;
import com.pulumi.azurenative.insights.DiagnosticSettingArgs;
import com.pulumi.azurenative.insights.inputs.LogSettingsArgs;
import com.pulumi.azurenative.operationalinsights.Workspace;
import com.pulumi.azurenative.servicebus.Namespace;
import com.pulumi.azurenative.servicebus.NamespaceArgs;
import com.pulumi.azurenative.servicebus.Queue;
import com.pulumi.azurenative.servicebus.QueueArgs;
import com.pulumi.azurenative.servicebus.QueueAuthorizationRule;
import com.pulumi.azurenative.servicebus.QueueAuthorizationRuleArgs;
import com.pulumi.azurenative.servicebus.ServicebusFunctions;
import com.pulumi.azurenative.servicebus.enums.AccessRights;
import com.pulumi.azurenative.servicebus.inputs.ListQueueKeysArgs;
import com.pulumi.azurenative.servicebus.inputs.SBSkuArgs;
import com.pulumi.azurenative.storage.BlobContainer;
import com.pulumi.azurenative.storage.BlobContainerArgs;
import com.pulumi.azurenative.storage.ManagementPolicy;
import com.pulumi.azurenative.storage.ManagementPolicyArgs;
import com.pulumi.azurenative.storage.StorageAccount;
import com.pulumi.azurenative.storage.enums.PublicAccess;
import com.pulumi.azurenative.storage.inputs.DateAfterModificationArgs;
import com.pulumi.azurenative.storage.inputs.ManagementPolicyActionArgs;
import com.pulumi.azurenative.storage.inputs.ManagementPolicyBaseBlobArgs;
import com.pulumi.azurenative.storage.inputs.ManagementPolicyDefinitionArgs;
import com.pulumi.azurenative.storage.inputs.ManagementPolicyFilterArgs;
import com.pulumi.azurenative.storage.inputs.ManagementPolicyRuleArgs;
import com.pulumi.azurenative.storage.inputs.ManagementPolicySchemaArgs;
import com.pulumi.core.Either;
import com.pulumi.core.Output;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where generated code is built in Azure: a Container Apps job with <b>no identity</b>, started by an event trigger (a
 * KEDA {@code azure-servicebus} rule) for each request on the build-jobs queue. Its only credentials are connection
 * strings of queue-scoped rules: Listen on build-jobs and Send on build-jobs-done (the container's environment), and a
 * Manage rule on build-jobs that only the scale rule reads (KEDA needs Manage to count messages; the container never
 * sees it), plus the registry password when its image is private (used by the platform to pull, never by the
 * container). Everything else a build needs comes with each request as SAS URLs for that build's blobs only.
 *
 * <p>The two queues live in a namespace of their own with SAS (local) authentication on, because the job cannot sign
 * in with Entra ID without an identity; the factory's namespace stays Entra ID only. The function app reaches these
 * queues with its identity: Data Sender on build-jobs, Data Receiver on build-jobs-done, nothing else there.
 */
final class BuildJobStack {
    static final String JOBS_CONTAINER = "build-jobs";
    static final String LISTEN_RULE = "job-listen";
    static final String SEND_RULE = "job-send";
    static final String SCALER_RULE = "job-scaler";
    static final String LISTEN_SECRET = "build-jobs-listen";
    static final String SEND_SECRET = "build-jobs-done-send";
    static final String SCALER_SECRET = "build-jobs-scaler";
    static final String REGISTRY_SECRET = "registry-password";
    /** Days a job's blobs may outlive an answer that never came (recorded jobs delete theirs at once). */
    static final int BLOB_RETENTION_DAYS = 2;

    /** What the rest of the stack needs: the namespace's host and each queue (the function app's roles are scoped to them). */
    record Provisioned(Output<String> namespaceHost, Map<String, Queue> queues, Job job) {
    }

    private BuildJobStack() {
    }

    static Provisioned define(StackSettings s, Output<String> rgName, StorageAccount artifactStorage, Workspace workspace,
                              Optional<Output<Optional<String>>> registryPassword, Map<String, String> tags) {
        StackSettings.BuildJob b = s.buildJob();
        if (b.image().isEmpty()) {
            throw new IllegalArgumentException(StackSettings.NAMESPACE + ":buildJobImage is not set: build the build job's image from "
                    + "infra-pulumi/build-job/Dockerfile, push it, and set it (pulumi config set " + StackSettings.NAMESPACE
                    + ":buildJobImage <registry>/factory-build-job:<tag>); without it generated modules cannot be built in Azure");
        }
        if (!b.registry().isEmpty() && registryPassword.isEmpty()) {
            throw new IllegalArgumentException(StackSettings.NAMESPACE + ":buildJobRegistry is set but the secret buildJobRegistryPassword "
                    + "is not (pulumi config set --secret " + StackSettings.NAMESPACE + ":buildJobRegistryPassword ...)");
        }

        // the sources, reports and logs of jobs, beside the artifacts (the app writes and signs with its identity)
        new BlobContainer(JOBS_CONTAINER, BlobContainerArgs.builder().resourceGroupName(rgName).accountName(artifactStorage.name())
                .containerName(JOBS_CONTAINER).publicAccess(PublicAccess.None).build());
        new ManagementPolicy("build-jobs-retention", ManagementPolicyArgs.builder().resourceGroupName(rgName)
                .accountName(artifactStorage.name()).managementPolicyName("default")
                .policy(ManagementPolicySchemaArgs.builder().rules(ManagementPolicyRuleArgs.builder().name("build-jobs").enabled(true)
                        .type("Lifecycle").definition(ManagementPolicyDefinitionArgs.builder()
                                .filters(ManagementPolicyFilterArgs.builder().blobTypes("blockBlob").prefixMatch(JOBS_CONTAINER + "/").build())
                                .actions(ManagementPolicyActionArgs.builder().baseBlob(ManagementPolicyBaseBlobArgs.builder()
                                        .delete(DateAfterModificationArgs.builder().daysAfterModificationGreaterThan((double) BLOB_RETENTION_DAYS)
                                                .build()).build()).build()).build()).build()).build()).build());

        var namespace = new Namespace("build-bus", NamespaceArgs.builder().resourceGroupName(rgName)
                .sku(SBSkuArgs.builder().name("Standard").tier("Standard").build())
                .minimumTlsVersion("1.2").disableLocalAuth(false).tags(tags).build());
        Map<String, Queue> queues = new LinkedHashMap<>();
        for (JobQueue q : CapabilityRegistry.queues()) {
            queues.put(q.name(), new Queue(q.name(), QueueArgs.builder().resourceGroupName(rgName).namespaceName(namespace.name())
                    .queueName(q.name()).maxDeliveryCount(q.maxDeliveries()).lockDuration(q.lockDuration().toString())
                    .defaultMessageTimeToLive(q.timeToLive().toString()).requiresDuplicateDetection(true)
                    .duplicateDetectionHistoryTimeWindow("PT1H")
                    // an expired request is one the run has sent again: nothing to keep; a notice that expires is kept
                    .deadLetteringOnMessageExpiration(!q.name().equals(CapabilityRegistry.BUILD_JOBS_QUEUE)).build()));
        }
        Queue requests = queues.get(CapabilityRegistry.BUILD_JOBS_QUEUE);
        Queue done = queues.get(CapabilityRegistry.BUILD_JOBS_DONE_QUEUE);
        Output<String> listen = rule(LISTEN_RULE, rgName, namespace, requests, List.of(AccessRights.Listen));
        Output<String> send = rule(SEND_RULE, rgName, namespace, done, List.of(AccessRights.Send));
        Output<String> scaler = rule(SCALER_RULE, rgName, namespace, requests, List.of(AccessRights.Manage, AccessRights.Listen, AccessRights.Send));

        var environment = new ManagedEnvironment("build-env", ManagedEnvironmentArgs.builder().resourceGroupName(rgName)
                .appLogsConfiguration(AppLogsConfigurationArgs.builder().destination("azure-monitor").build()).tags(tags).build());
        new DiagnosticSetting("build-env-logs", DiagnosticSettingArgs.builder().resourceUri(environment.id()).workspaceId(workspace.id())
                .logs(LogSettingsArgs.builder().categoryGroup("allLogs").enabled(true).build()).build());

        Output<Optional<String>> password = registryPassword.orElse(Output.of(Optional.empty()));
        Output<JobConfigurationArgs> configuration = Output.tuple(namespace.name(), listen, send, scaler, password).applyValue(t -> {
            List<SecretArgs> secrets = new ArrayList<>(List.of(secret(LISTEN_SECRET, t.t2), secret(SEND_SECRET, t.t3), secret(SCALER_SECRET, t.t4)));
            JobConfigurationArgs.Builder c = JobConfigurationArgs.builder().triggerType("Event")
                    .replicaTimeout((int) AzureBuildJobs.longestJob(Duration.ofSeconds(b.timeoutSeconds())).toSeconds())
                    .replicaRetryLimit(0) // a failed execution leaves the request to Service Bus, which delivers it again
                    .eventTriggerConfig(JobConfigurationEventTriggerConfigArgs.builder().parallelism(1).replicaCompletionCount(1)
                            .scale(JobScaleArgs.builder().minExecutions(0).maxExecutions(b.maxExecutions()).pollingInterval(30)
                                    .rules(JobScaleRuleArgs.builder().name(CapabilityRegistry.BUILD_JOBS_QUEUE).type("azure-servicebus")
                                            .metadata(Map.of("queueName", CapabilityRegistry.BUILD_JOBS_QUEUE, "namespace", t.t1, "messageCount", "1"))
                                            .auth(ScaleRuleAuthArgs.builder().secretRef(SCALER_SECRET).triggerParameter("connection").build())
                                            .build()).build()).build());
            if (!b.registry().isEmpty()) {
                secrets.add(secret(REGISTRY_SECRET, t.t5.orElseThrow(() -> new IllegalArgumentException("the secret "
                        + StackSettings.NAMESPACE + ":buildJobRegistryPassword is empty"))));
                c.registries(RegistryCredentialsArgs.builder().server(b.registry()).username(b.registryUsername())
                        .passwordSecretRef(REGISTRY_SECRET).build());
            }
            return c.secrets(secrets).build();
        });
        var job = new Job("build-job", JobArgs.builder().resourceGroupName(rgName).environmentId(environment.id())
                // no identity: nothing in the container can sign in to anything
                .configuration(configuration)
                .template(JobTemplateArgs.builder().containers(ContainerArgs.builder().name("build").image(b.image())
                        .resources(ContainerResourcesArgs.builder().cpu(b.cpu()).memory(b.memory()).build())
                        .env(EnvironmentVarArgs.builder().name(BuildJobMain.LISTEN_CONNECTION).secretRef(LISTEN_SECRET).build(),
                                EnvironmentVarArgs.builder().name(BuildJobMain.DONE_CONNECTION).secretRef(SEND_SECRET).build(),
                                EnvironmentVarArgs.builder().name("FACTORY_BUILD_TIMEOUT_SECONDS").value(String.valueOf(b.timeoutSeconds())).build())
                        .build()).build())
                .tags(tags).build());
        return new Provisioned(namespace.name().applyValue(n -> n + ".servicebus.windows.net"), queues, job);
    }

    /** A rule on one queue with exactly {@code rights}; its primary connection string (a secret). */
    private static Output<String> rule(String name, Output<String> rgName, Namespace namespace, Queue queue, List<AccessRights> rights) {
        var rule = new QueueAuthorizationRule(ruleOwner(name) + "-" + name, QueueAuthorizationRuleArgs
                .builder().resourceGroupName(rgName).namespaceName(namespace.name()).queueName(queue.name()).authorizationRuleName(name)
                .rights(rights.stream().map(Either::<String, AccessRights>ofRight).toList()).build());
        return ServicebusFunctions.listQueueKeys(ListQueueKeysArgs.builder().resourceGroupName(rgName).namespaceName(namespace.name())
                .queueName(queue.name()).authorizationRuleName(rule.id().applyValue(created -> name)).build())
                .applyValue(k -> k.primaryConnectionString()).asSecret();
    }

    private static String ruleOwner(String rule) {
        return rule.equals(SEND_RULE) ? CapabilityRegistry.BUILD_JOBS_DONE_QUEUE : CapabilityRegistry.BUILD_JOBS_QUEUE;
    }

    private static SecretArgs secret(String name, String value) {
        return SecretArgs.builder().name(name).value(value).build();
    }
}
