package com.connectsoft.factory.infra;

import com.connectsoft.factory.capability.CapabilityTelemetry;
import com.connectsoft.factory.platform.bus.DeadLetters;
import com.connectsoft.factory.run.domain.RunEvents;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pulumi.azurenative.insights.ActionGroup;
import com.pulumi.azurenative.insights.ActionGroupArgs;
import com.pulumi.azurenative.insights.Component;
import com.pulumi.azurenative.insights.DiagnosticSetting;
import com.pulumi.azurenative.insights.DiagnosticSettingArgs;
import com.pulumi.azurenative.insights.MetricAlert;
import com.pulumi.azurenative.insights.MetricAlertArgs;
import com.pulumi.azurenative.insights.ScheduledQueryRule;
import com.pulumi.azurenative.insights.ScheduledQueryRuleArgs;
import com.pulumi.azurenative.insights.Workbook;
import com.pulumi.azurenative.insights.WorkbookArgs;
import com.pulumi.azurenative.insights.inputs.ActionsArgs;
import com.pulumi.azurenative.insights.inputs.ConditionArgs;
import com.pulumi.azurenative.insights.inputs.EmailReceiverArgs;
import com.pulumi.azurenative.insights.inputs.MetricAlertActionArgs;
import com.pulumi.azurenative.insights.inputs.MetricAlertSingleResourceMultipleMetricCriteriaArgs;
import com.pulumi.azurenative.insights.inputs.MetricCriteriaArgs;
import com.pulumi.azurenative.insights.inputs.MetricSettingsArgs;
import com.pulumi.azurenative.insights.inputs.ScheduledQueryRuleCriteriaArgs;
import com.pulumi.azurenative.operationalinsights.Workspace;
import com.pulumi.azurenative.servicebus.Namespace;
import com.pulumi.core.Output;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What operators see in the Azure Portal: a workbook (runs per tenant, failures by capability, queue depth,
 * dead letters, run duration) and alert rules (dead letters, failure rate, run duration) that notify an action
 * group. The run and capability queries read the one log line every capability invocation writes
 * ({@link CapabilityTelemetry}); queue depth and dead letters come from the Service Bus metrics the namespace's
 * diagnostic setting sends to Log Analytics.
 */
final class Monitoring {
    /** Per run: tenant, first and last invocation, and minutes taken (so far, for a run that has not finished). */
    static final String RUN_DURATIONS = CapabilityTelemetry.KQL_INVOCATIONS + " | where run != '-'"
            + " | summarize started=min(occurredAt), last=max(occurredAt), finished=countif(eventType in ('"
            + RunEvents.COMMIT_CREATED + "', '" + DeadLetters.EVENT_TYPE + "')) by run, tenant"
            + " | extend minutes=datetime_diff('minute', iff(finished > 0, last, now()), started)";
    static final String RUNS_PER_TENANT = CapabilityTelemetry.KQL_INVOCATIONS
            + " | where run != '-' | summarize runs=dcount(run) by tenant | order by runs desc";
    static final String FAILURES_BY_CAPABILITY = CapabilityTelemetry.KQL_INVOCATIONS
            + " | summarize failed=countif(outcome != '" + CapabilityTelemetry.HANDLED + "'), total=count() by capability"
            + " | extend failureRate=round(100.0 * failed / total, 1) | order by failed desc";
    static final String FAILURE_RATE = CapabilityTelemetry.KQL_INVOCATIONS
            + " | summarize failed=countif(outcome != '" + CapabilityTelemetry.HANDLED + "'), total=count()"
            + " | extend failureRate=100.0 * failed / total";
    static final String QUEUE_DEPTH = "AzureMetrics | where ResourceProvider == 'MICROSOFT.SERVICEBUS' and MetricName == 'ActiveMessages'"
            + " | summarize activeMessages=max(Maximum) by bin(TimeGenerated, 5m) | render timechart";
    static final String DEAD_LETTERS = "AzureMetrics | where ResourceProvider == 'MICROSOFT.SERVICEBUS' and MetricName == 'DeadletteredMessages'"
            + " | summarize deadLettered=max(Maximum) by bin(TimeGenerated, 5m) | render timechart";
    static final String POISON = CapabilityTelemetry.KQL_INVOCATIONS + " | where outcome == '" + CapabilityTelemetry.POISON
            + "' | project timestamp, capability, eventType, tenant, run | order by timestamp desc";

    private Monitoring() {
    }

    static void define(StackSettings s, Output<String> rgName, Workspace workspace, Component insights, Namespace namespace,
                       Map<String, String> tags) {
        new DiagnosticSetting("bus-metrics", DiagnosticSettingArgs.builder().resourceUri(namespace.id()).workspaceId(workspace.id())
                .metrics(MetricSettingsArgs.builder().category("AllMetrics").enabled(true).build()).build());

        ActionGroupArgs.Builder group = ActionGroupArgs.builder().resourceGroupName(rgName).location("Global").enabled(true)
                .groupShortName(shortName("csf-" + s.environment())).tags(tags);
        if (!s.alertEmail().isBlank()) {
            group.emailReceivers(EmailReceiverArgs.builder().name("operators").emailAddress(s.alertEmail()).useCommonAlertSchema(true).build());
        }
        var actions = new ActionGroup("operators", group.build());

        new Workbook("factory-workbook", WorkbookArgs.builder().resourceGroupName(rgName)
                .resourceName(UUID.nameUUIDFromBytes(("connectsoft-factory-workbook-" + s.environment()).getBytes()).toString())
                .kind("shared").category("workbook").displayName("ConnectSoft factory (" + s.environment() + ")")
                .sourceId(insights.id()).serializedData(Output.tuple(insights.id(), workspace.id()).applyValue(ids ->
                        workbook(ids.t1, ids.t2))).tags(tags).build());

        new MetricAlert("dead-letters", MetricAlertArgs.builder().resourceGroupName(rgName).location("global")
                .description("Messages were dead-lettered in the factory's Service Bus namespace")
                .severity(2).enabled(true).scopes(namespace.id().applyValue(List::of)).evaluationFrequency("PT5M").windowSize("PT15M")
                .criteria(MetricAlertSingleResourceMultipleMetricCriteriaArgs.builder()
                        .odataType("Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria")
                        .allOf(MetricCriteriaArgs.builder().name("DeadLetters").criterionType("StaticThresholdCriterion")
                                .metricNamespace("Microsoft.ServiceBus/namespaces").metricName("DeadletteredMessages")
                                .operator("GreaterThanOrEqual").threshold((double) s.deadLetterAlertThreshold()).timeAggregation("Maximum").build())
                        .build())
                .actions(MetricAlertActionArgs.builder().actionGroupId(actions.id()).build()).tags(tags).build());

        new ScheduledQueryRule("failure-rate", ScheduledQueryRuleArgs.builder().resourceGroupName(rgName)
                .description("More than " + s.failureRatePercent() + "% of capability invocations failed or were poison")
                .severity(2.0).enabled(true).scopes(insights.id().applyValue(List::of)).evaluationFrequency("PT5M").windowSize("PT15M")
                .criteria(ScheduledQueryRuleCriteriaArgs.builder().allOf(ConditionArgs.builder().query(FAILURE_RATE)
                        .metricMeasureColumn("failureRate").timeAggregation("Maximum").operator("GreaterThan")
                        .threshold((double) s.failureRatePercent()).build()).build())
                .actions(ActionsArgs.builder().actionGroups(actions.id().applyValue(List::of)).build()).tags(tags).build());

        new ScheduledQueryRule("run-duration", ScheduledQueryRuleArgs.builder().resourceGroupName(rgName)
                .description("A factory run has taken longer than " + s.runDurationMinutes() + " minutes")
                .severity(3.0).enabled(true).scopes(insights.id().applyValue(List::of)).evaluationFrequency("PT15M").windowSize("PT6H")
                .criteria(ScheduledQueryRuleCriteriaArgs.builder().allOf(ConditionArgs.builder()
                        .query(RUN_DURATIONS + " | where minutes > " + s.runDurationMinutes())
                        .timeAggregation("Count").operator("GreaterThan").threshold(0.0).build()).build())
                .actions(ActionsArgs.builder().actionGroups(actions.id().applyValue(List::of)).build()).tags(tags).build());
    }

    /** Action group short names have at most 12 characters. */
    private static String shortName(String name) {
        return name.length() <= 12 ? name : name.substring(0, 12);
    }

    /** The workbook's content (Azure Monitor workbook format "Notebook/1.0"). */
    static String workbook(String insightsId, String workspaceId) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode().put("version", "Notebook/1.0");
        ArrayNode items = root.putArray("items");
        items.addObject().put("type", 1).putObject("content").put("json",
                "## ConnectSoft factory\nRuns, capabilities and the Service Bus namespace. Run and capability rows come from the "
                        + "`" + CapabilityTelemetry.PREFIX + "` log line every capability invocation writes.");
        query(items, "Runs per tenant", RUNS_PER_TENANT, "barchart", insightsId, "microsoft.insights/components");
        query(items, "Failures by capability", FAILURES_BY_CAPABILITY, "table", insightsId, "microsoft.insights/components");
        query(items, "Queue depth (active messages)", QUEUE_DEPTH, "timechart", workspaceId, "microsoft.operationalinsights/workspaces");
        query(items, "Dead-lettered messages", DEAD_LETTERS, "timechart", workspaceId, "microsoft.operationalinsights/workspaces");
        query(items, "Poison messages", POISON, "table", insightsId, "microsoft.insights/components");
        query(items, "Run duration (minutes)", RUN_DURATIONS + " | project run, tenant, started, minutes, finished=finished > 0"
                + " | order by started desc", "table", insightsId, "microsoft.insights/components");
        root.putArray("fallbackResourceIds").add(insightsId);
        return root.toString();
    }

    private static void query(ArrayNode items, String title, String kql, String visualization, String resourceId, String resourceType) {
        ObjectNode content = items.addObject().put("type", 3).putObject("content");
        content.put("version", "KqlItem/1.0").put("title", title).put("query", kql).put("size", 0).put("queryType", 0)
                .put("timeContext", "{\"durationMs\":86400000}").put("visualization", visualization).put("resourceType", resourceType);
        content.putArray("crossComponentResources").add(resourceId);
    }
}
