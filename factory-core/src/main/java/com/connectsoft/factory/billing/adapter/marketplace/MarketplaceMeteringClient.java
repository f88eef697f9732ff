package com.connectsoft.factory.billing.adapter.marketplace;

import com.connectsoft.factory.billing.domain.MarketplaceMetering;
import com.connectsoft.factory.billing.domain.MarketplaceUsageEvent;
import com.connectsoft.factory.platform.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The Marketplace metering batch usage API over the JDK's HTTP client: {@code POST <endpoint>} with
 * {@code {"request":[{resourceId, quantity, dimension, effectiveStartTime, planId}]}}, a bearer token of the app's
 * identity, {@code x-ms-requestid} per attempt and one {@code x-ms-correlationid} per batch. 429, 5xx, timeouts and
 * connection failures are retried up to {@code maxAttempts} with a doubling backoff (or the server's Retry-After, capped);
 * resending is safe because the Marketplace keeps one event per resource, dimension and hour. Answers are read up to
 * {@link #MAX_ANSWER_BYTES}; logs carry counts and statuses, never the events.
 */
public final class MarketplaceMeteringClient implements MarketplaceMetering {
    static final int MAX_ANSWER_BYTES = 1 << 20;
    private static final Logger LOG = Logger.getLogger(MarketplaceMeteringClient.class.getName());

    private final MarketplaceSettings settings;
    private final MarketplaceTokens tokens;
    private final HttpClient http;

    public MarketplaceMeteringClient(MarketplaceSettings settings, MarketplaceTokens tokens) {
        this.settings = settings;
        this.tokens = tokens;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public BatchOutcome send(List<MarketplaceUsageEvent> batch) {
        if (batch.isEmpty() || batch.size() > MAX_BATCH) {
            throw new IllegalArgumentException("a batch holds 1 to " + MAX_BATCH + " events, not " + batch.size());
        }
        byte[] body = Json.write(requestBody(batch)).getBytes(StandardCharsets.UTF_8);
        String correlationId = UUID.randomUUID().toString();
        String lastFault = "";
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            String token;
            try {
                token = tokens.token();
            } catch (RuntimeException e) {
                LOG.warning(() -> "marketplace batch " + correlationId + ": no token (" + e.getClass().getSimpleName() + ")");
                return new BatchOutcome.Failed("no access token for the Marketplace API (" + e.getClass().getSimpleName()
                        + "): give the app an identity (managed identity, or AZURE_CLIENT_ID/AZURE_TENANT_ID/AZURE_CLIENT_SECRET) registered "
                        + "in the offer's technical configuration", true);
            }
            HttpRequest request = HttpRequest.newBuilder(settings.endpoint()).timeout(settings.timeout())
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                    .header("x-ms-requestid", UUID.randomUUID().toString()).header("x-ms-correlationid", correlationId)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            Optional<Duration> retryAfter = Optional.empty();
            try {
                HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                int status = response.statusCode();
                String text = read(response.body());
                if (status == 200) {
                    return answered(batch, text);
                }
                lastFault = "HTTP " + status + apiError(text);
                if (status != 429 && status < 500) {
                    String fault = lastFault;
                    int n = attempt;
                    LOG.warning(() -> "marketplace batch " + correlationId + " of " + batch.size() + " refused: HTTP " + status + " (attempt " + n + ")");
                    boolean auth = status == 401 || status == 403;
                    return new BatchOutcome.Failed(fault + (auth ? ": the app's identity is not allowed to report usage for this offer "
                            + "(check the Microsoft Entra app id registered in Partner Center)" : ""), auth);
                }
                retryAfter = response.headers().firstValue("Retry-After").flatMap(MarketplaceMeteringClient::seconds);
            } catch (HttpTimeoutException e) {
                lastFault = "no answer within " + settings.timeout().toSeconds() + " s";
            } catch (IOException e) {
                lastFault = "connection failed (" + e.getClass().getSimpleName() + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new BatchOutcome.Failed("interrupted while sending", true);
            }
            String fault = lastFault;
            int n = attempt;
            LOG.info(() -> "marketplace batch " + correlationId + " of " + batch.size() + ": " + fault + " (attempt " + n + " of " + settings.maxAttempts() + ")");
            if (attempt < settings.maxAttempts() && !pause(retryAfter.orElse(settings.backoff().multipliedBy(1L << (attempt - 1))))) {
                return new BatchOutcome.Failed("interrupted while waiting to retry", true);
            }
        }
        return new BatchOutcome.Failed(lastFault + " after " + settings.maxAttempts() + " attempt(s)", true);
    }

    static ObjectNode requestBody(List<MarketplaceUsageEvent> batch) {
        ObjectNode root = Json.object();
        ArrayNode request = root.putArray("request");
        for (MarketplaceUsageEvent e : batch) {
            ObjectNode o = request.addObject();
            o.put("resourceId", e.resourceId());
            o.put("quantity", e.quantity());
            o.put("dimension", e.dimension());
            o.put("effectiveStartTime", e.hour().toString());
            o.put("planId", e.planId());
        }
        return root;
    }

    /** Matches each result to the event it answers by resource, dimension and hour (by position when the answer lacks them). */
    static BatchOutcome answered(List<MarketplaceUsageEvent> batch, String text) {
        JsonNode root;
        try {
            root = Json.read(text);
        } catch (RuntimeException e) {
            return new BatchOutcome.Failed("the answer is not JSON", true);
        }
        JsonNode results = root.path("result");
        if (!results.isArray()) {
            return new BatchOutcome.Failed("the answer has no result[]", true);
        }
        Map<String, JsonNode> byKey = new HashMap<>();
        for (JsonNode r : results) {
            key(r).ifPresent(k -> byKey.putIfAbsent(k, r));
        }
        List<EventResult> out = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            MarketplaceUsageEvent e = batch.get(i);
            JsonNode r = byKey.get(e.resourceId().toLowerCase(Locale.ROOT) + "|" + e.dimension() + "|" + e.hour());
            if (r == null && byKey.isEmpty() && i < results.size()) {
                r = results.get(i);
            }
            out.add(r == null ? new EventResult(Status.ERROR, Optional.empty(), Optional.empty(), Optional.of("no result for this event in the answer"))
                    : result(r));
        }
        return new BatchOutcome.Answered(out);
    }

    private static EventResult result(JsonNode r) {
        Status status = Status.of(r.path("status").asText(""));
        JsonNode error = r.path("error");
        Optional<String> message = error.isObject() ? Optional.of(clip(error.path("code").asText("") + " " + error.path("message").asText("")))
                : Optional.empty();
        if (status == Status.UNKNOWN) {
            message = Optional.of(clip("status " + r.path("status").asText("(none)") + message.map(m -> ": " + m).orElse("")));
        }
        if (status == Status.DUPLICATE) {
            JsonNode accepted = error.path("additionalInfo").path("acceptedMessage");
            return new EventResult(status, text(accepted.path("usageEventId")), decimal(accepted.path("quantity")), message);
        }
        return new EventResult(status, text(r.path("usageEventId")), Optional.empty(), message);
    }

    private static Optional<String> key(JsonNode r) {
        String resource = r.path("resourceId").asText("");
        String dimension = r.path("dimension").asText("");
        Optional<Instant> hour = instant(r.path("effectiveStartTime").asText(""));
        if (resource.isEmpty() || dimension.isEmpty() || hour.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(resource.toLowerCase(Locale.ROOT) + "|" + dimension + "|" + hour.get().truncatedTo(ChronoUnit.HOURS));
    }

    /** The API writes times with or without an offset ("2026-12-01T08:00:00" is UTC). */
    static Optional<Instant> instant(String s) {
        try {
            return Optional.of(OffsetDateTime.parse(s).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(LocalDateTime.parse(s).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }

    private static Optional<String> text(JsonNode n) {
        return n.isTextual() && !n.asText().isBlank() ? Optional.of(clip(n.asText())) : Optional.empty();
    }

    private static Optional<BigDecimal> decimal(JsonNode n) {
        if (n.isNumber()) {
            return Optional.of(n.decimalValue());
        }
        try {
            return n.isTextual() ? Optional.of(new BigDecimal(n.asText())) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String apiError(String text) {
        try {
            JsonNode n = Json.read(text);
            String code = n.path("code").asText(n.path("error").path("code").asText(""));
            String message = n.path("message").asText(n.path("error").path("message").asText(""));
            return code.isEmpty() && message.isEmpty() ? "" : ": " + clip((code + " " + message).trim());
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static String clip(String s) {
        String clean = s.replaceAll("[\\p{Cntrl}]", " ").trim();
        return clean.length() > 300 ? clean.substring(0, 300) + "..." : clean;
    }

    private static String read(InputStream in) throws IOException {
        try (in) {
            byte[] bytes = in.readNBytes(MAX_ANSWER_BYTES + 1);
            if (bytes.length > MAX_ANSWER_BYTES) {
                throw new IOException("answer larger than " + MAX_ANSWER_BYTES + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static Optional<Duration> seconds(String retryAfter) {
        try {
            long s = Long.parseLong(retryAfter.trim());
            return s < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(s));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean pause(Duration wait) {
        Duration d = wait.compareTo(MarketplaceSettings.MAX_BACKOFF) > 0 ? MarketplaceSettings.MAX_BACKOFF : wait;
        try {
            Thread.sleep(d.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
