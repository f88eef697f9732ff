package com.connectsoft.factory.billing.marketplace;

import com.connectsoft.factory.platform.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Marketplace batch usage API as Microsoft documents it, behind WireMock: one event per (resource, dimension, hour)
 * accepted, a second one answered {@code Duplicate} with the accepted one in {@code error.additionalInfo.acceptedMessage},
 * {@code Expired} for a start time more than 24 hours back, {@code ResourceNotFound}, {@code InvalidDimension},
 * {@code InvalidQuantity}, 400 for more than 25 events, 401 without the expected bearer token. Answers of stubs that are
 * not 200 (a scenario's 500) pass through untouched; {@link #loseAnswers} processes a batch and then answers 500, as
 * when the answer is lost on the way back.
 */
final class MarketplaceStub implements ResponseDefinitionTransformerV2 {
    static final String TOKEN = "token-of-the-apps-identity";
    record Accepted(String usageEventId, BigDecimal quantity) {
    }

    private final java.util.function.Supplier<Instant> clock;
    final Set<String> resources = ConcurrentHashMap.newKeySet();
    final Set<String> dimensions = ConcurrentHashMap.newKeySet();
    /** (resource|dimension|hour) → what the Marketplace holds. */
    final Map<String, Accepted> accepted = new ConcurrentHashMap<>();
    /** (resource|dimension|hour) → a status to answer instead (e.g. "Error"), once. */
    final Map<String, String> forced = new ConcurrentHashMap<>();
    final AtomicInteger loseAnswers = new AtomicInteger();

    MarketplaceStub(java.util.function.Supplier<Instant> clock) {
        this.clock = clock;
    }

    @Override
    public String getName() {
        return "marketplace-metering";
    }

    static String key(String resource, String dimension, Instant hour) {
        return resource.toLowerCase(Locale.ROOT) + "|" + dimension + "|" + hour.truncatedTo(ChronoUnit.HOURS);
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        ResponseDefinition stubbed = serveEvent.getResponseDefinition();
        if (stubbed.getStatus() != 200) {
            return stubbed;
        }
        if (!("Bearer " + TOKEN).equals(serveEvent.getRequest().getHeader("Authorization"))) {
            return json(401, Json.object().put("code", "Unauthorized").put("message", "The access token is missing or invalid."));
        }
        JsonNode events = Json.read(serveEvent.getRequest().getBodyAsString()).path("request");
        if (!events.isArray() || events.size() == 0 || events.size() > 25) {
            return json(400, Json.object().put("code", "BadArgument").put("message", "One or more errors have occurred: up to 25 usage events."));
        }
        ObjectNode answer = Json.object();
        answer.put("count", events.size());
        ArrayNode result = answer.putArray("result");
        Instant now = clock.get();
        for (JsonNode e : events) {
            String resource = e.path("resourceId").asText();
            String dimension = e.path("dimension").asText();
            Instant start = Instant.parse(e.path("effectiveStartTime").asText());
            BigDecimal quantity = e.path("quantity").decimalValue();
            String key = key(resource, dimension, start);
            ObjectNode r = result.addObject();
            r.put("messageTime", now.toString());
            r.put("resourceId", resource);
            r.put("quantity", quantity);
            r.put("dimension", dimension);
            r.put("effectiveStartTime", LocalDateTime.ofInstant(start, ZoneOffset.UTC).toString());
            r.put("planId", e.path("planId").asText());
            String force = forced.remove(key);
            if (force != null) {
                r.put("status", force);
                r.putObject("error").put("code", "InternalServerError").put("message", "Something went wrong.");
            } else if (!resources.contains(resource.toLowerCase(Locale.ROOT))) {
                r.put("status", "ResourceNotFound");
                r.putObject("error").put("code", "BadArgument").put("message", "The resource is not found.");
            } else if (!dimensions.contains(dimension)) {
                r.put("status", "InvalidDimension");
                r.putObject("error").put("code", "BadArgument").put("message", "The dimension is not valid for the plan.");
            } else if (quantity.signum() <= 0) {
                r.put("status", "InvalidQuantity");
                r.putObject("error").put("code", "BadArgument").put("message", "The quantity must be greater than 0.");
            } else if (start.isBefore(now.minus(Duration.ofHours(24)).truncatedTo(ChronoUnit.SECONDS))) {
                r.put("status", "Expired");
                r.putObject("error").put("code", "BadArgument").put("message", "The usage event is older than 24 hours.");
            } else if (accepted.containsKey(key)) {
                Accepted a = accepted.get(key);
                r.put("status", "Duplicate");
                ObjectNode error = r.putObject("error");
                error.put("code", "Conflict").put("message", "This usage event already exist.");
                ObjectNode msg = error.putObject("additionalInfo").putObject("acceptedMessage");
                msg.put("usageEventId", a.usageEventId()).put("status", "Duplicate").put("messageTime", now.toString())
                        .put("resourceId", resource).put("quantity", a.quantity()).put("dimension", dimension)
                        .put("effectiveStartTime", LocalDateTime.ofInstant(start, ZoneOffset.UTC).toString()).put("planId", e.path("planId").asText());
            } else {
                Accepted a = new Accepted(UUID.randomUUID().toString(), quantity);
                accepted.put(key, a);
                r.put("status", "Accepted");
                r.put("usageEventId", a.usageEventId());
            }
        }
        if (loseAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return json(500, Json.object().put("code", "InternalServerError").put("message", "lost on the way back"));
        }
        return json(200, answer);
    }

    private static ResponseDefinition json(int status, ObjectNode body) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(Json.write(body)).build();
    }
}
