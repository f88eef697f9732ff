package com.connectsoft.factory.feedback.application;

import com.connectsoft.factory.feedback.domain.FeedbackKind;
import com.connectsoft.factory.feedback.domain.FeedbackSignal;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads what an external event says about a generated module, from the event as the webhook took it in (type and
 * data). Three shapes are feedback; every other event is not (it stays a received event):
 * <ul>
 * <li>type {@value #BUILD_COMPLETED}, data {@code {"result": "failed"|"succeeded", "module", "runId"|"traceId"|"commit",
 *     "pipeline"?, "buildId"?}}: the generated project's pipeline finished a build;</li>
 * <li>type {@value #MODULE_DEPLOYED}, data {@code {"module", "runId"|"traceId"|"commit", "environment"?}}: the
 *     generated module was deployed (a Deployment in its lineage, between its commit and later runtime signals);</li>
 * <li>type {@value #REPOSITORY_PUSHED}, data {@code {"ref", "after", "module"?, "runId"|"traceId"|"commit"}}: a push to
 *     the generated project's repository ({@code commit}: a commit of the run's branch the push builds on);</li>
 * <li>any type whose data is Azure Monitor's common alert schema ({@code "schemaId": "azureMonitorCommonAlertSchema"}),
 *     linked by {@code data.customProperties} {@code {"traceId"|"runId", "module"}} (the generated resources carry the
 *     run's traceId and the module as tags); {@code essentials.monitorCondition} Fired or Resolved.</li>
 * </ul>
 * A link names the run by id, by traceId or by commit (at least 7 hex digits), and the module by name.
 */
public final class FeedbackEvents {
    public static final String BUILD_COMPLETED = "ConnectSoft.Factory.ModuleBuildCompleted";
    public static final String REPOSITORY_PUSHED = "ConnectSoft.Factory.RepositoryPushed";
    public static final String MODULE_DEPLOYED = "ConnectSoft.Factory.ModuleDeployed";
    public static final String COMMON_ALERT_SCHEMA = "azureMonitorCommonAlertSchema";
    private static final int MAX = 256;

    private FeedbackEvents() {
    }

    /** How an event names the run (one of the three) and the module (by name, optional for a push). */
    public record Link(Optional<String> runId, Optional<String> traceId, Optional<String> commit, Optional<String> module) {
        boolean namesRun() {
            return runId.isPresent() || traceId.isPresent() || commit.isPresent();
        }
    }

    /** What the event means. */
    public sealed interface Reading {
        record Feedback(FeedbackKind kind, FeedbackSignal signal, Link link, String summary) implements Reading {
        }

        /** A feedback shape with something wrong or missing; {@code problem} says what. */
        record Unusable(String problem) implements Reading {
        }

        /** Not one of the feedback shapes. */
        record NotFeedback() implements Reading {
        }
    }

    public static Reading read(String type, JsonNode data) {
        String t = type == null ? "" : type;
        if (data != null && COMMON_ALERT_SCHEMA.equals(text(data, "schemaId").orElse(""))) {
            return alert(data.path("data"));
        }
        if (t.equalsIgnoreCase(BUILD_COMPLETED)) {
            return build(data);
        }
        if (t.equalsIgnoreCase(REPOSITORY_PUSHED)) {
            return push(data);
        }
        if (t.equalsIgnoreCase(MODULE_DEPLOYED)) {
            Link link = link(data);
            if (!link.namesRun() || link.module().isEmpty()) {
                return new Reading.Unusable(MODULE_DEPLOYED + " needs data.module and one of data.runId, data.traceId, data.commit");
            }
            return new Reading.Feedback(FeedbackKind.DEPLOYMENT, FeedbackSignal.DEPLOYED, link,
                    "deployed" + text(data, "environment").map(env -> " to " + env).orElse(""));
        }
        return new Reading.NotFeedback();
    }

    private static Reading build(JsonNode data) {
        Link link = link(data);
        if (!link.namesRun() || link.module().isEmpty()) {
            return new Reading.Unusable(BUILD_COMPLETED + " needs data.module and one of data.runId, data.traceId, data.commit");
        }
        String result = text(data, "result").orElse("").toLowerCase(Locale.ROOT);
        FeedbackSignal signal = switch (result) {
            case "failed", "failure" -> FeedbackSignal.BUILD_FAILED;
            case "succeeded", "success" -> FeedbackSignal.BUILD_SUCCEEDED;
            default -> null;
        };
        if (signal == null) {
            return new Reading.Unusable(BUILD_COMPLETED + " needs data.result \"failed\" or \"succeeded\"");
        }
        String summary = "build " + (signal == FeedbackSignal.BUILD_FAILED ? "failed" : "succeeded")
                + text(data, "pipeline").map(p -> " in pipeline " + p).orElse("") + text(data, "buildId").map(b -> " (build " + b + ")").orElse("");
        return new Reading.Feedback(FeedbackKind.BUILD, signal, link, summary);
    }

    private static Reading push(JsonNode data) {
        Link link = link(data);
        if (!link.namesRun()) {
            return new Reading.Unusable(REPOSITORY_PUSHED + " needs one of data.runId, data.traceId, data.commit");
        }
        String summary = "push to " + text(data, "ref").orElse("(ref not named)") + text(data, "after").map(a -> " at " + abbreviate(a, 12)).orElse("");
        return new Reading.Feedback(FeedbackKind.PUSH, FeedbackSignal.PUSHED, link, summary);
    }

    private static Reading alert(JsonNode alert) {
        JsonNode essentials = alert.path("essentials");
        JsonNode custom = alert.path("customProperties");
        Link link = new Link(text(custom, "runId"), text(custom, "traceId"), text(custom, "commit"), text(custom, "module"));
        if (!link.namesRun() || link.module().isEmpty()) {
            return new Reading.Unusable("an Azure Monitor alert is linked by data.customProperties: module and traceId (or runId)");
        }
        String condition = text(essentials, "monitorCondition").orElse("Fired");
        FeedbackSignal signal = condition.equalsIgnoreCase("Resolved") ? FeedbackSignal.ALERT_RESOLVED : FeedbackSignal.ALERT_FIRED;
        String summary = "alert " + text(essentials, "alertRule").orElse("(rule not named)") + " " + condition.toLowerCase(Locale.ROOT)
                + text(essentials, "severity").map(s -> " (" + s + ")").orElse("");
        return new Reading.Feedback(FeedbackKind.ALERT, signal, link, summary);
    }

    private static Link link(JsonNode data) {
        return new Link(text(data, "runId"), text(data, "traceId"), text(data, "commit").filter(c -> c.matches("[0-9a-fA-F]{7,64}")),
                text(data, "module"));
    }

    private static Optional<String> text(JsonNode node, String field) {
        if (node == null || !node.path(field).isTextual()) {
            return Optional.empty();
        }
        String v = node.path(field).asText().strip();
        return v.isEmpty() ? Optional.empty() : Optional.of(abbreviate(v, MAX));
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
