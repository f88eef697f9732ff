package com.connectsoft.extensions.runtime.data;

import com.connectsoft.extensions.runtime.validation.FieldError;
import com.connectsoft.extensions.runtime.outcome.Outcome;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * JHipster-style list criteria: filters on an entity's indexed fields ({@code field.equals}, {@code field.in},
 * {@code field.contains}, {@code field.greaterThan}, ..., {@code field.specified}) and sort keys
 * ({@code sort=field,asc}, repeatable). Parsed from query parameters against the entity's indexed fields, typed and
 * bounded (filters, values per {@code in}, value length, sort keys). Criteria never name a tenant: repositories
 * apply them to the calling tenant's items only.
 */
public record Criteria(List<Filter> filters, List<Sort> sorts) {
    public static final int MAX_FILTERS = 10;
    public static final int MAX_IN_VALUES = 20;
    public static final int MAX_VALUE_LENGTH = 256;
    public static final int MAX_SORTS = 2;
    /** A second sort key breaks ties of the first: one of these (composite indexes exist for each indexed field with each). */
    public static final List<String> SECOND_SORT_KEYS = List.of("id", "createdAt", "updatedAt");
    public static final int MAX_PARAMETERS = 40;
    public static final Criteria NONE = new Criteria(List.of(), List.of());
    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,63}");
    private static final Set<String> LIST_PARAMETERS = Set.of("limit", "continuationToken", "sort", "code");

    public Criteria {
        filters = List.copyOf(filters);
        sorts = List.copyOf(sorts);
    }

    /** How an indexed field's values are typed and compared. */
    public enum Kind { STRING, ID, INTEGER, DECIMAL, BOOLEAN, DATE, INSTANT, UUID, ENUM }

    /** The operators, named as in JHipster's criteria. */
    public enum Op {
        EQUALS("equals"), IN("in"), CONTAINS("contains"), GREATER_THAN("greaterThan"), LESS_THAN("lessThan"),
        GREATER_THAN_OR_EQUAL("greaterThanOrEqual"), LESS_THAN_OR_EQUAL("lessThanOrEqual"), SPECIFIED("specified");

        private final String parameter;

        Op(String parameter) {
            this.parameter = parameter;
        }

        public String parameter() {
            return parameter;
        }

        public boolean ordering() {
            return this == GREATER_THAN || this == LESS_THAN || this == GREATER_THAN_OR_EQUAL || this == LESS_THAN_OR_EQUAL;
        }
    }

    /** An indexed field: filterable and sortable. {@code values} are an enum's constants. */
    public record Field(String name, Kind kind, List<String> values) {
        public Field {
            if (!FIELD_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("not a field name: " + name);
            }
            values = List.copyOf(values);
        }

        public boolean allows(Op op) {
            return switch (op) {
                case EQUALS, IN, SPECIFIED -> true;
                case CONTAINS -> kind == Kind.STRING;
                default -> kind == Kind.INTEGER || kind == Kind.DECIMAL || kind == Kind.DATE || kind == Kind.INSTANT;
            };
        }

        List<String> operators() {
            List<String> out = new ArrayList<>();
            for (Op op : Op.values()) {
                if (allows(op)) {
                    out.add(op.parameter());
                }
            }
            return out;
        }
    }

    /**
     * One condition. {@code values} are typed by the field's kind: String (STRING, ID, UUID, ENUM), BigDecimal
     * (INTEGER, DECIMAL), Boolean (BOOLEAN and every {@code specified}), LocalDate (DATE), Instant (INSTANT).
     */
    public record Filter(Field field, Op op, List<Object> values) {
        public Filter {
            values = List.copyOf(values);
        }

        public boolean matches(JsonNode stored) {
            Comparable<Object> v = comparable(stored, field.kind());
            if (op == Op.SPECIFIED) {
                return (v != null) == (Boolean) values.get(0);
            }
            if (v == null) {
                return false;
            }
            Object x = values.get(0);
            return switch (op) {
                case EQUALS -> v.compareTo(x) == 0;
                case IN -> values.stream().anyMatch(o -> v.compareTo(o) == 0);
                case CONTAINS -> String.valueOf(v).toLowerCase(Locale.ROOT).contains(((String) x).toLowerCase(Locale.ROOT));
                case GREATER_THAN -> v.compareTo(x) > 0;
                case LESS_THAN -> v.compareTo(x) < 0;
                case GREATER_THAN_OR_EQUAL -> v.compareTo(x) >= 0;
                case LESS_THAN_OR_EQUAL -> v.compareTo(x) <= 0;
                case SPECIFIED -> throw new IllegalStateException();
            };
        }
    }

    /** One sort key. */
    public record Sort(Field field, boolean descending) {
    }

    public boolean isEmpty() {
        return filters.isEmpty() && sorts.isEmpty();
    }

    /** Whether an item (as JSON) meets every filter. */
    public boolean matches(JsonNode item) {
        return filters.stream().allMatch(f -> f.matches(item.get(f.field().name())));
    }

    /** The order of the sort keys (nulls first when ascending, as Cosmos DB orders them), then by id. */
    public Comparator<JsonNode> order() {
        Comparator<JsonNode> order = (a, b) -> 0;
        for (Sort s : sorts) {
            Comparator<Comparable<Object>> values = Comparator.nullsFirst(Comparator.naturalOrder());
            Comparator<JsonNode> key = (a, b) -> values.compare(comparable(a.get(s.field().name()), s.field().kind()),
                    comparable(b.get(s.field().name()), s.field().kind()));
            order = order.thenComparing(s.descending() ? key.reversed() : key);
        }
        return order.thenComparing(n -> n.path("id").asText());
    }

    /** A stored JSON value as a comparable of its kind, or null when absent. */
    @SuppressWarnings("unchecked")
    public static Comparable<Object> comparable(JsonNode node, Kind kind) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        Object v = switch (kind) {
            case INTEGER, DECIMAL -> node.decimalValue();
            case BOOLEAN -> node.booleanValue();
            case DATE -> LocalDate.parse(node.asText());
            case INSTANT -> Instant.parse(node.asText());
            default -> node.asText();
        };
        return (Comparable<Object>) v;
    }

    /**
     * Every query parameter with all its values (so {@code sort} may repeat), from the raw query string of a request
     * (null or empty: none). At most {@value #MAX_PARAMETERS} parameters; a malformed %-escape is refused.
     */
    public static Outcome<Map<String, List<String>>> parameters(String rawQuery) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return new Outcome.Ok<>(out);
        }
        String[] pairs = rawQuery.split("&", MAX_PARAMETERS + 2);
        if (pairs.length > MAX_PARAMETERS) {
            return invalid("query", "tooMany", "at most " + MAX_PARAMETERS + " query parameters are accepted");
        }
        for (String pair : pairs) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
            } catch (IllegalArgumentException e) {
                return invalid("query", "format", "the query string has a malformed %-escape");
            }
        }
        return new Outcome.Ok<>(out);
    }

    /**
     * Reads criteria from query parameters. Parameters without a dot other than {@code sort} are not criteria
     * (limit, continuationToken, code) and are ignored; a dotted parameter must name an indexed field and one of its
     * operators. Every refusal names the parameter and says what is accepted.
     */
    public static Outcome<Criteria> parse(Map<String, List<String>> parameters, List<Field> fields, List<String> sortable) {
        Map<String, Field> byName = new LinkedHashMap<>();
        fields.forEach(f -> byName.put(f.name(), f));
        List<FieldError> errors = new ArrayList<>();
        List<Filter> filters = new ArrayList<>();
        for (Map.Entry<String, List<String>> p : parameters.entrySet()) {
            String key = p.getKey();
            int dot = key.lastIndexOf('.');
            if (dot < 0) {
                if (!LIST_PARAMETERS.contains(key) && byName.containsKey(key)) {
                    errors.add(new FieldError(key, "operator", "name an operator: " + key + ".equals=..., or one of "
                            + byName.get(key).operators()));
                }
                continue;
            }
            String name = key.substring(0, dot);
            String opName = key.substring(dot + 1);
            Field field = byName.get(name);
            if (field == null) {
                errors.add(new FieldError(key, "unknownField", "cannot filter on '" + shorten(name) + "': filterable fields are "
                        + byName.keySet()));
                continue;
            }
            Op op = null;
            for (Op candidate : Op.values()) {
                if (candidate.parameter().equals(opName) && field.allows(candidate)) {
                    op = candidate;
                }
            }
            if (op == null) {
                errors.add(new FieldError(key, "operator", "'" + shorten(opName) + "' is not an operator of " + name + ": use one of "
                        + field.operators()));
                continue;
            }
            if (p.getValue().size() != 1) {
                errors.add(new FieldError(key, "repeated", key + " may be given once"));
                continue;
            }
            if (filters.size() == MAX_FILTERS) {
                errors.add(new FieldError(key, "tooMany", "at most " + MAX_FILTERS + " filters are accepted"));
                break;
            }
            String raw = p.getValue().get(0);
            if (raw.length() > MAX_VALUE_LENGTH * (op == Op.IN ? MAX_IN_VALUES : 1)) {
                errors.add(new FieldError(key, "maxLength", key + " is longer than " + MAX_VALUE_LENGTH + " characters"));
                continue;
            }
            List<String> texts = op == Op.IN ? List.of(raw.split(",", -1)) : List.of(raw);
            if (texts.size() > MAX_IN_VALUES) {
                errors.add(new FieldError(key, "maxItems", key + " takes at most " + MAX_IN_VALUES + " comma-separated values"));
                continue;
            }
            List<Object> values = new ArrayList<>();
            for (String text : texts) {
                Object v = op == Op.SPECIFIED ? bool(text) : value(field, text);
                if (v == null || text.length() > MAX_VALUE_LENGTH) {
                    errors.add(new FieldError(key, "format", key + ": '" + shorten(text) + "' is not " + expected(op == Op.SPECIFIED ? Kind.BOOLEAN : field.kind(), field)));
                    values = null;
                    break;
                }
                values.add(v);
            }
            if (values != null) {
                filters.add(new Filter(field, op, values));
            }
        }
        List<Sort> sorts = new ArrayList<>();
        List<String> sortValues = parameters.getOrDefault("sort", List.of());
        if (sortValues.size() > MAX_SORTS) {
            errors.add(new FieldError("sort", "tooMany", "at most " + MAX_SORTS + " sort keys are accepted"));
        } else {
            Set<String> seen = new HashSet<>();
            for (String s : sortValues) {
                String[] parts = s.split(",", -1);
                String name = parts[0].trim();
                String direction = parts.length > 1 ? parts[1].trim().toLowerCase(Locale.ROOT) : "asc";
                Field field = byName.get(name);
                if (field == null && sortable.contains(name)) {
                    field = new Field(name, name.equals("id") ? Kind.ID : Kind.INSTANT, List.of());
                }
                if (field == null || !sortable.contains(name)) {
                    errors.add(new FieldError("sort", "unknownField", "cannot sort by '" + shorten(name) + "': sortable fields are " + sortable));
                } else if (parts.length > 2 || !(direction.equals("asc") || direction.equals("desc"))) {
                    errors.add(new FieldError("sort", "format", "sort takes field,asc or field,desc, not '" + shorten(s) + "'"));
                } else if (!seen.isEmpty() && !SECOND_SORT_KEYS.contains(name)) {
                    errors.add(new FieldError("sort", "secondKey", "a second sort key may be " + SECOND_SORT_KEYS + ", not '" + shorten(name) + "'"));
                } else if (!seen.add(name)) {
                    errors.add(new FieldError("sort", "repeated", "sort names " + name + " twice"));
                } else {
                    sorts.add(new Sort(field, direction.equals("desc")));
                }
            }
        }
        if (!errors.isEmpty()) {
            return new Outcome.Invalid<>(errors);
        }
        return new Outcome.Ok<>(new Criteria(filters, sorts));
    }

    private static Object value(Field field, String text) {
        try {
            return switch (field.kind()) {
                case STRING, ID -> text;
                case INTEGER -> {
                    BigDecimal d = new BigDecimal(text);
                    yield d.stripTrailingZeros().scale() <= 0 && d.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0 ? d : null;
                }
                case DECIMAL -> new BigDecimal(text);
                case BOOLEAN -> bool(text);
                case DATE -> LocalDate.parse(text);
                case INSTANT -> Instant.parse(text);
                case UUID -> {
                    UUID u = UUID.fromString(text);
                    yield u.toString().equalsIgnoreCase(text) ? u.toString() : null;
                }
                case ENUM -> field.values().contains(text) ? text : null;
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            return null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Boolean bool(String text) {
        return text.equals("true") ? Boolean.TRUE : text.equals("false") ? Boolean.FALSE : null;
    }

    private static String expected(Kind kind, Field field) {
        return switch (kind) {
            case STRING, ID -> "text of at most " + MAX_VALUE_LENGTH + " characters";
            case INTEGER -> "a whole number";
            case DECIMAL -> "a number";
            case BOOLEAN -> "true or false";
            case DATE -> "a date like 2024-01-31";
            case INSTANT -> "a UTC timestamp like 2024-01-31T09:30:00Z";
            case UUID -> "a UUID";
            case ENUM -> "one of " + field.values();
        };
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    private static <T> Outcome<T> invalid(String field, String code, String message) {
        return new Outcome.Invalid<>(List.of(new FieldError(field, code, message)));
    }
}
