package com.connectsoft.factory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.feedback.domain.FeedbackItem;
import com.connectsoft.factory.feedback.domain.FeedbackKind;
import com.connectsoft.factory.feedback.domain.FeedbackSignal;
import com.connectsoft.factory.run.TestFactory;
import com.connectsoft.factory.shared.domain.TenantId;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code ./factory feedback list|follow-up}: the tenant's items; an unknown item or another tenant's is bad input. */
class FeedbackCommandTest {
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int cli(Path dir, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--data-dir", dir.resolve("data").toString(),
                "--templates", TestFactory.ROOT.resolve("templates").toString()));
        all.addAll(List.of(args));
        return FactoryCli.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void listsTheTenantsItemsAndRefusesAnUnknownOne() throws Exception {
        Path dir = Files.createTempDirectory("feedback-cli");
        try (Factory app = Factory.open(TestFactory.settings(dir.resolve("data")))) {
            app.feedback().items().add(TenantId.of("acme"), new FeedbackItem("fb-1", "acme", FeedbackKind.ALERT, FeedbackSignal.ALERT_FIRED,
                    "run-1", "m-1", "orders", "art-1", "T@1.0.0", "c0ffee", "trace-1", "whe-1", "Microsoft.Insights.AlertFired", "alert http-5xx fired",
                    Instant.parse("2026-12-01T09:00:00Z"), Instant.parse("2026-12-01T09:00:01Z"), null));
        }
        assertEquals(FactoryCli.OK, cli(dir, "feedback", "list", "--tenant", "acme"));
        assertTrue(out.toString().contains("fb-1") && out.toString().contains("alert-fired") && out.toString().contains("T@1.0.0")
                && out.toString().contains("1 feedback item(s) of tenant acme"), out::toString);
        assertEquals(FactoryCli.OK, cli(dir, "feedback", "list", "--tenant", "globex"));
        assertTrue(out.toString().contains("0 feedback item(s) of tenant globex"), out::toString);
        assertEquals(FactoryCli.BAD_INPUT, cli(dir, "feedback", "follow-up", "fb-1", "--tenant", "globex"));
        assertTrue(err.toString().contains("has no feedback item fb-1"), err::toString);
    }
}
