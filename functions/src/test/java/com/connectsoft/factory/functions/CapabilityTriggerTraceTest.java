package com.connectsoft.factory.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.app.FactorySettings;
import com.connectsoft.factory.capability.CapabilityRegistry;
import com.connectsoft.factory.platform.bus.servicebus.ServiceBusMessages;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.platform.telemetry.Tracing;
import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.shared.domain.Ids;
import com.connectsoft.factory.shared.domain.TraceIds;
import com.microsoft.azure.functions.ExecutionContext;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ApplicationContext;

/** A Service Bus trigger's delivery is a consumer span continuing the sender's span from the message's Diagnostic-Id. */
class CapabilityTriggerTraceTest {
    private static final Path ROOT = Path.of(System.getProperty("factory.repoRoot", "..")).toAbsolutePath().normalize();

    @TempDir
    Path dir;

    /** The spans as they end. */
    static final class Collected implements SpanExporter {
        final List<SpanData> spans = new CopyOnWriteArrayList<>();

        @Override
        public CompletableResultCode export(Collection<SpanData> batch) {
            spans.addAll(batch);
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void aDeliveryThatCarriesOnlyADiagnosticIdContinuesTheSendersTrace() {
        Collected exported = new Collected();
        FactorySettings settings = FactorySettings.from(Map.of(), dir.resolve("data"), ROOT).withDataDir(dir.resolve("data"));
        try (Factory app = Factory.with(settings).tracing(Tracing.exportingTo(exported, "memory")).open()) {
            ApplicationContext context = mock(ApplicationContext.class);
            Function<Envelope, List<Envelope>> bean = e -> List.of();
            when(context.getBean(CapabilityRegistry.USAGE_METER, Function.class)).thenReturn((Function) bean);
            ExecutionContext log = mock(ExecutionContext.class);
            when(log.getLogger()).thenReturn(Logger.getLogger("trigger-trace-test"));

            String traceId = TraceIds.mint();
            String senderSpan = "00f067aa0ba902b7";
            Envelope event = new Envelope(Ids.eventId(), "UsageRecorded", "acme", null, null, traceId, "corr-run-01abc", null,
                    Instant.now(), 1, Json.payload(Json.object()));
            String properties = "{\"" + ServiceBusMessages.TENANT + "\":\"acme\",\"" + ServiceBusMessages.DIAGNOSTIC_ID + "\":\"00-"
                    + traceId + "-" + senderSpan + "-01\"}";
            new CapabilityTrigger(context, app).handle(CapabilityRegistry.USAGE_METER, Json.write(event), event.eventId(),
                    event.eventType(), properties, 1, log);

            SpanData consumer = exported.spans.stream().filter(s -> s.getName().equals("process UsageRecorded")).findFirst().orElseThrow();
            assertEquals(traceId, consumer.getTraceId());
            assertEquals(senderSpan, consumer.getParentSpanId(), "the delivery continues the sender's span");
            assertEquals(CapabilityRegistry.get(CapabilityRegistry.USAGE_METER).subscription(),
                    consumer.getAttributes().get(Tracing.Attr.SUBSCRIPTION));
        }
    }
}
