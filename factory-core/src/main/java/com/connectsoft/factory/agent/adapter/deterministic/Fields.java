package com.connectsoft.factory.agent.adapter.deterministic;

import com.connectsoft.factory.agent.adapter.deterministic.Lexicon.Kind;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Typical fields for a kind of thing, and a typed field with its validations for a property the text names. */
final class Fields {
    static final String EMAIL_PATTERN = "^[^@\\s]+@[^@\\s]+\\.[a-z]{2,}$";
    static final String PHONE_PATTERN = "^[+]?[0-9][0-9 -]{5,19}$";
    static final String CURRENCY_PATTERN = "^[A-Z]{3}$";
    static final Set<String> RESERVED = Set.of("id", "tenantId", "etag", "createdAt", "updatedAt", "hashCode", "toString", "equals",
            "getClass", "notify", "notifyAll", "wait", "clone", "finalize", "withMetadata", "class", "default", "package", "public",
            "private", "new", "return", "static", "final", "enum", "record", "switch", "case", "interface", "import", "int", "long",
            "double", "float", "short", "byte", "char", "boolean", "void", "var", "yield", "this", "super", "null", "true", "false", "_");

    private Fields() {
    }

    private static ObjectNode field(String name, String type) {
        return JsonNodeFactory.instance.objectNode().put("name", name).put("type", type);
    }

    static ObjectNode string(String name, int max, boolean required) {
        ObjectNode f = field(name, "string").put("maxLength", max);
        if (required) {
            f.put("required", true).put("minLength", 1);
        }
        return f;
    }

    static ObjectNode text(String name, int max) {
        return field(name, "text").put("maxLength", max);
    }

    static ObjectNode email(String name, boolean required, boolean unique) {
        ObjectNode f = field(name, "string").put("maxLength", 254).put("pattern", EMAIL_PATTERN).put("example", "ada@example.org");
        if (required) {
            f.put("required", true);
        }
        if (unique) {
            f.put("unique", true);
        }
        return f;
    }

    static ObjectNode phone(String name) {
        return field(name, "string").put("maxLength", 20).put("pattern", PHONE_PATTERN).put("example", "+44 20 7946 0958");
    }

    static ObjectNode money(String name, boolean required) {
        ObjectNode f = field(name, "decimal").put("min", 0);
        return required ? f.put("required", true) : f;
    }

    static ObjectNode currency() {
        return field("currency", "string").put("required", true).put("pattern", CURRENCY_PATTERN).put("example", "EUR");
    }

    static ObjectNode status(List<String> values) {
        ObjectNode f = field("status", "enum").put("required", true);
        ArrayNode vs = f.putArray("values");
        values.forEach(vs::add);
        return f;
    }

    /** The fields every thing of this kind has; {@code word} (its head word) picks the statuses. */
    static List<ObjectNode> typical(Kind kind, String word, boolean sells) {
        return switch (kind) {
            case PERSON -> List.of(string("fullName", 120, true), email("email", true, true), phone("phone"));
            case ORGANIZATION -> List.of(string("name", 120, true).put("unique", true), email("email", false, false), phone("phone"),
                    string("address", 300, false));
            case MONEY -> List.of(money("amount", true), currency(), status(moneyStatuses(word)), field(moneyDate(word), moneyDate(word)
                    .endsWith("At") ? "instant" : "date"));
            case SCHEDULE -> List.of(field("startsAt", "instant").put("required", true),
                    field("durationMinutes", "integer").put("min", 1).put("max", 1440),
                    status(List.of("SCHEDULED", "CONFIRMED", "CANCELLED", "COMPLETED")), text("notes", 2000));
            case CONTENT -> word.equals("review") || word.equals("feedback")
                    ? List.of(field("rating", "integer").put("required", true).put("min", 1).put("max", 5), text("comment", 4000))
                    : List.of(string("title", 200, true), text("body", 10000), field("publishedAt", "instant"));
            case WORK -> List.of(string("title", 200, true), text("description", 4000),
                    status(word.equals("ticket") || word.equals("incident") || word.equals("complaint")
                            ? List.of("OPEN", "IN_PROGRESS", "RESOLVED", "CLOSED") : List.of("OPEN", "IN_PROGRESS", "DONE")),
                    JsonNodeFactory.instance.objectNode().put("name", "priority").put("type", "enum").put("required", true)
                            .<ObjectNode>set("values", JsonNodeFactory.instance.arrayNode().add("LOW").add("MEDIUM").add("HIGH")),
                    field("dueDate", "date"));
            case ITEM -> sells ? List.of(string("name", 120, true), text("description", 4000), money("price", false))
                    : List.of(string("name", 120, true), text("description", 4000));
            case OTHER -> List.of(string("name", 120, true), text("description", 2000));
        };
    }

    private static List<String> moneyStatuses(String word) {
        return switch (word) {
            case "invoice", "bill" -> List.of("DRAFT", "SENT", "PAID", "OVERDUE", "CANCELLED");
            case "order", "purchase" -> List.of("PENDING", "CONFIRMED", "SHIPPED", "DELIVERED", "CANCELLED");
            case "payment", "refund", "payout", "transaction", "donation" -> List.of("PENDING", "COMPLETED", "FAILED", "REFUNDED");
            case "subscription" -> List.of("ACTIVE", "PAUSED", "CANCELLED");
            case "expense", "claim" -> List.of("SUBMITTED", "APPROVED", "REJECTED", "REIMBURSED");
            default -> List.of("PENDING", "COMPLETED", "CANCELLED");
        };
    }

    private static String moneyDate(String word) {
        return switch (word) {
            case "invoice", "bill" -> "dueDate";
            case "order", "purchase" -> "placedAt";
            case "payment", "payout", "refund", "donation" -> "paidAt";
            default -> "recordedAt";
        };
    }

    /** The field for a property the text names ("a delivery address", "a price", "a due date"); empty when it is no usable name. */
    static Optional<ObjectNode> forProperty(List<String> words) {
        List<String> ws = words.stream().map(w -> w.replaceAll("[^a-z0-9]", "")).filter(w -> !w.isEmpty()).toList();
        if (ws.isEmpty() || !Character.isLetter(ws.get(0).charAt(0))) {
            return Optional.empty();
        }
        String name = camel(ws);
        if (name.length() > 40 || RESERVED.contains(name)) {
            return Optional.empty();
        }
        String last = ws.get(ws.size() - 1);
        String joined = String.join(" ", ws);
        ObjectNode f;
        if (joined.contains("email")) {
            f = email(name, false, false);
        } else if (joined.contains("phone") || joined.contains("mobile") || joined.contains("telephone")) {
            f = phone(name);
        } else if (Set.of("price", "amount", "total", "cost", "fee", "salary", "budget", "balance", "wage", "deposit", "tax", "discount",
                "weight", "height", "distance", "latitude", "longitude", "percentage", "mileage", "rate", "area").contains(last)) {
            f = Set.of("latitude", "longitude").contains(last) ? field(name, "decimal").put("min", -180).put("max", 180)
                    : Set.of("percentage", "discount").contains(last) ? field(name, "decimal").put("min", 0).put("max", 100)
                    : money(name, false);
        } else if (Set.of("date", "birthday", "deadline", "due", "dob").contains(last) || joined.equals("date of birth")) {
            f = field(joined.equals("date of birth") ? "dateOfBirth" : name, "date");
        } else if (Set.of("time", "timestamp").contains(last) || name.endsWith("At")) {
            f = field(name, "instant");
        } else if (Set.of("quantity", "count", "capacity", "stock", "seats", "age", "duration", "minutes", "hours", "days", "year", "size",
                "level", "floor", "nights", "guests", "pages", "copies", "points", "laps").contains(last)) {
            f = field(name, "integer").put("min", 0);
        } else if (Set.of("rating", "stars").contains(last)) {
            f = field(name, "integer").put("min", 1).put("max", 5);
        } else if (Set.of("score").contains(last)) {
            f = field(name, "integer").put("min", 0).put("max", 100);
        } else if (Set.of("description", "notes", "note", "bio", "comment", "comments", "body", "content", "summary", "details",
                "instructions", "biography", "message", "story", "text", "remarks").contains(last)) {
            f = text(name, 4000);
        } else if (Set.of("url", "website", "link", "homepage").contains(last)) {
            f = field(name, "string").put("maxLength", 2048).put("pattern", "^https?://[^\\s]+$").put("example", "https://example.org");
        } else if (Set.of("address", "location").contains(last)) {
            f = string(name, 300, false);
        } else if (Set.of("active", "paid", "available", "verified", "published", "completed", "approved", "archived", "enabled",
                "vegan", "vegetarian", "refunded", "insured", "featured").contains(last) && ws.size() == 1) {
            f = field(name, "boolean");
        } else if (Set.of("status", "state", "stage", "priority", "type", "category", "kind", "level", "size").contains(last)) {
            f = null;
        } else {
            f = string(name, 200, false);
        }
        return Optional.ofNullable(f);
    }

    static String camel(List<String> words) {
        StringBuilder b = new StringBuilder();
        for (String w : words) {
            if (w.isEmpty()) {
                continue;
            }
            b.append(b.length() == 0 ? w.toLowerCase(Locale.ROOT) : Character.toUpperCase(w.charAt(0)) + w.substring(1).toLowerCase(Locale.ROOT));
        }
        return b.toString();
    }
}
