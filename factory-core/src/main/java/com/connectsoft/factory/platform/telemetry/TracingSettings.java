package com.connectsoft.factory.platform.telemetry;

import com.azure.monitor.opentelemetry.autoconfigure.AzureMonitorAutoConfigure;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdkBuilder;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where spans go, from the settings: nowhere by default (OpenTelemetry's no-op); a JSON-lines file
 * ({@code FACTORY_TRACES_FILE}, what {@code ./factory trace} reads); an OTLP/HTTP endpoint ({@code FACTORY_OTLP_ENDPOINT},
 * else the standard {@code OTEL_EXPORTER_OTLP_ENDPOINT}); Application Insights ({@code APPLICATIONINSIGHTS_CONNECTION_STRING},
 * through Azure Monitor's OpenTelemetry exporter). Any of them together.
 */
public record TracingSettings(Optional<Path> file, long fileMaxBytes, Optional<URI> otlpEndpoint, Optional<String> appInsightsConnectionString) {
    public static final String TRACES_FILE = "FACTORY_TRACES_FILE";
    /** The traces file's bound in MB before it rotates to {@code <file>.1} (default 64). */
    public static final String TRACES_FILE_MAX_MB = "FACTORY_TRACES_FILE_MAX_MB";
    public static final String OTLP_ENDPOINT = "FACTORY_OTLP_ENDPOINT";
    public static final String OTEL_OTLP_ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public static final String APPINSIGHTS = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    public static TracingSettings from(Map<String, String> env) {
        Optional<Path> file = value(env, TRACES_FILE).map(Path::of);
        Optional<URI> otlp = value(env, OTLP_ENDPOINT).or(() -> value(env, OTEL_OTLP_ENDPOINT)).map(v -> endpoint(v));
        long maxBytes = value(env, TRACES_FILE_MAX_MB).map(TracingSettings::megabytes).orElse(JsonLinesSpanExporter.DEFAULT_MAX_BYTES);
        return new TracingSettings(file, maxBytes, otlp, value(env, APPINSIGHTS));
    }

    private static long megabytes(String value) {
        try {
            long mb = Long.parseLong(value);
            if (mb >= 1 && mb <= 1 << 20) {
                return mb << 20;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(TRACES_FILE_MAX_MB + "=" + value + " is not a size in MB: give a whole number from 1 to 1048576 "
                + "(the traces file rotates to <file>.1 past it; default 64)");
    }

    private static Optional<String> value(Map<String, String> env, String key) {
        return Optional.ofNullable(env.get(key)).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static URI endpoint(String value) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the OTLP endpoint '" + value + "' is not a URL; set " + OTLP_ENDPOINT
                    + " (or " + OTEL_OTLP_ENDPOINT + ") to e.g. http://localhost:4318", e);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("the OTLP endpoint '" + value + "' must be an http(s) URL with a host, e.g. "
                    + "http://localhost:4318 (spans go to its /v1/traces)");
        }
        return uri;
    }

    public boolean any() {
        return file.isPresent() || otlpEndpoint.isPresent() || appInsightsConnectionString.isPresent();
    }

    /** The tracing these settings describe; {@link Tracing#off()} when they name no exporter. */
    public Tracing open() {
        if (!any()) {
            return Tracing.off();
        }
        List<SpanProcessor> processors = new ArrayList<>();
        List<String> described = new ArrayList<>();
        file.ifPresent(f -> {
            processors.add(SimpleSpanProcessor.create(new JsonLinesSpanExporter(f, fileMaxBytes)));
            described.add("file " + f);
        });
        otlpEndpoint.ifPresent(e -> {
            String base = e.toString().endsWith("/") ? e.toString() : e + "/";
            processors.add(BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder().setEndpoint(base + "v1/traces").build()).build());
            described.add("OTLP " + base + "v1/traces");
        });
        if (appInsightsConnectionString.isEmpty()) {
            return Tracing.withProcessors(processors, String.join(", ", described));
        }
        described.add("Application Insights");
        return Tracing.of(azureMonitor(appInsightsConnectionString.get(), processors), String.join(", ", described));
    }

    /** The SDK as Azure Monitor's autoconfiguration makes it: its trace exporter plus ours, no OTLP or metrics exporter by default. */
    private static OpenTelemetrySdk azureMonitor(String connectionString, List<SpanProcessor> processors) {
        AutoConfiguredOpenTelemetrySdkBuilder b = AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> Map.of("otel.traces.exporter", "none", "otel.metrics.exporter", "none",
                        "otel.logs.exporter", "none", "otel.service.name", "connectsoft-factory"))
                .addTracerProviderCustomizer((tp, config) -> {
                    Tracing.configure(tp);
                    processors.forEach(tp::addSpanProcessor);
                    return tp;
                });
        AzureMonitorAutoConfigure.customize(b, connectionString);
        return b.build().getOpenTelemetrySdk();
    }
}
