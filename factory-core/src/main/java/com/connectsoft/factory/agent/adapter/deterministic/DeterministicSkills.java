package com.connectsoft.factory.agent.adapter.deterministic;

import com.connectsoft.factory.agent.adapter.deterministic.Lexicon.Kind;
import com.connectsoft.factory.agent.application.Skill;
import com.connectsoft.factory.agent.domain.AgentArtifacts;
import com.connectsoft.factory.agent.domain.SkillDefinition;
import com.connectsoft.factory.agent.domain.TokenUse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The skills without a model: the vision, solution and domain steps read the intent's own words
 * ({@link IntentAnalysis}) and the previous steps' answers. On a correction round the domain step removes what each
 * located problem points at (a field, relationship or event; an entity is renamed once, then removed).
 */
public final class DeterministicSkills implements Skill {
    private static final JsonNodeFactory J = JsonNodeFactory.instance;
    private static final Pattern PATH = Pattern.compile("^at modules\\[(\\d+)](?:\\.entities\\[(\\d+)](?:\\.(fields|relationships)\\[(\\d+)])?"
            + "|\\.(events)\\[(\\d+)])?");
    /** Type names Java or the generated module already use: an entity may not be called so. */
    private static final Set<String> TAKEN_TYPES = Set.of("String", "Object", "Class", "Integer", "Long", "Short", "Byte", "Boolean",
            "Character", "Double", "Float", "Number", "Void", "Enum", "Record", "Override", "System", "Math", "Thread", "Runtime", "Process",
            "Exception", "Error", "Throwable", "Iterable", "Comparable", "Runnable", "Package", "Optional", "List", "Map", "Set", "Instant",
            "LocalDate", "BigDecimal", "UUID", "Health", "OpenApi", "Module", "Page", "Fields", "FieldError", "Tenancy", "Json", "Problem",
            "Entity", "Outcome", "Http", "DomainEvent", "EventPublisher", "ConflictException", "Clock", "Pattern", "ObjectNode", "ArrayList",
            "Objects", "Arguments", "Stream", "Consumer", "Function", "HashSet", "Test", "ModuleServices", "TenantEntity", "TestHttp", "Base64");
    private static final Map<String, String> RENAMES = Map.of("Class", "ClassSession", "Package", "Parcel", "Page", "WebPage", "Module",
            "CourseModule", "Process", "Procedure", "Record", "Entry", "Test", "Assessment", "Entity", "Party", "Problem", "Issue",
            "Set", "Collection");

    @Override
    public String implementation() {
        return "deterministic";
    }

    @Override
    public boolean metered() {
        return false;
    }

    @Override
    public SkillAnswer perform(SkillRequest r) {
        String intent = r.input().path("intent").asText("");
        IntentAnalysis a = IntentAnalysis.of(intent);
        JsonNode out = switch (r.skill().produces()) {
            case AgentArtifacts.PRODUCT_VISION -> vision(a, r.input());
            case AgentArtifacts.SOLUTION -> solution(a, r.input().path("vision"));
            case AgentArtifacts.BLUEPRINT_PROPOSAL -> r.correcting() ? correct((ObjectNode) r.previous().deepCopy(), r.problems())
                    : domain(a, r.input());
            default -> throw new IllegalArgumentException("no deterministic implementation produces " + r.skill().produces());
        };
        return new SkillAnswer.Answered(out, TokenUse.NONE);
    }

    /** Purpose, actors, capabilities, and the things the product keeps with their kinds. */
    static ObjectNode vision(IntentAnalysis a, JsonNode input) {
        ObjectNode v = J.objectNode();
        v.put("productName", input.hasNonNull("productName") ? input.get("productName").asText() : a.productName());
        v.put("purpose", a.purpose());
        ArrayNode actors = v.putArray("actors");
        ArrayNode things = v.putArray("concepts");
        for (IntentAnalysis.Concept c : a.concepts()) {
            things.addObject().put("name", c.name()).put("kind", c.kind().name().toLowerCase(Locale.ROOT));
            if (c.kind() == Kind.PERSON || c.kind() == Kind.ORGANIZATION) {
                actors.add(c.name());
            }
        }
        ArrayNode caps = v.putArray("capabilities");
        for (IntentAnalysis.Action act : a.actions()) {
            caps.add(act.subject() + " " + act.verb() + " " + act.object());
        }
        if (caps.isEmpty()) {
            a.concepts().stream().limit(8).forEach(c -> caps.add("manage " + c.name()));
        }
        return v;
    }

    /** Bounded contexts: the people and organisations, the money, and the rest (one module when there are few things). */
    static ObjectNode solution(IntentAnalysis a, JsonNode vision) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        List<String[]> concepts = new ArrayList<>();
        vision.path("concepts").forEach(c -> concepts.add(new String[] {c.path("name").asText(), c.path("kind").asText("other")}));
        String product = vision.path("productName").asText("product");
        if (concepts.size() <= 3) {
            groups.put(moduleName(product), concepts.stream().map(c -> c[0]).toList());
        } else {
            String partyName = concepts.stream().filter(c -> c[1].equals("person")).map(c -> plural(c[0])).findFirst().orElse("directory");
            String coreName = null;
            for (String[] c : concepts) {
                String group = switch (c[1]) {
                    case "person", "organization" -> partyName;
                    case "money" -> "billing";
                    default -> {
                        if (coreName == null) {
                            coreName = switch (c[1]) {
                                case "schedule" -> "scheduling";
                                case "item" -> "catalog";
                                case "content" -> "content";
                                case "work" -> "work";
                                default -> moduleName(product);
                            };
                        }
                        yield coreName;
                    }
                };
                groups.computeIfAbsent(group, g -> new ArrayList<>()).add(c[0]);
            }
            if (groups.size() > 1 && groups.values().stream().anyMatch(List::isEmpty)) {
                groups.values().removeIf(List::isEmpty);
            }
        }
        ObjectNode s = J.objectNode();
        ArrayNode modules = s.putArray("modules");
        groups.forEach((name, members) -> {
            ObjectNode m = modules.addObject().put("name", name).put("description", describe(name, members));
            ArrayNode cs = m.putArray("concepts");
            members.forEach(cs::add);
        });
        return s;
    }

    private static String describe(String module, List<String> members) {
        List<String> ps = members.stream().map(m -> plural(m).replace('-', ' ')).toList();
        String list = ps.size() == 1 ? ps.get(0) : String.join(", ", ps.subList(0, ps.size() - 1)) + " and " + ps.get(ps.size() - 1);
        return Character.toUpperCase(list.charAt(0)) + list.substring(1) + ".";
    }

    private static String words(String pascal) {
        return pascal.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }

    static String moduleName(String product) {
        String k = product.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (k.isEmpty() || !Character.isLetter(k.charAt(0))) {
            k = "core" + (k.isEmpty() ? "" : "-" + k);
        }
        return k.length() > 40 ? k.substring(0, 40).replaceAll("-+$", "") : k;
    }

    static String plural(String pascal) {
        String k = words(pascal).replace(' ', '-');
        String p = k.matches(".*[^aeiou]y") ? k.substring(0, k.length() - 1) + "ies" : k.matches(".*(s|x|z|ch|sh)") ? k + "es"
                : k.endsWith("person") ? k.substring(0, k.length() - 6) + "people" : k + "s";
        return p.length() > 40 ? p.substring(0, 40) : p;
    }

    /** The blueprint: entities with typed, validated fields, relationships and events, in the solution's modules. */
    static ObjectNode domain(IntentAnalysis a, JsonNode input) {
        JsonNode vision = input.path("vision");
        JsonNode solution = input.path("solution");
        String product = vision.path("productName").asText(a.productName());
        ObjectNode bp = J.objectNode();
        bp.put("blueprint", 1);
        ObjectNode p = bp.putObject("product");
        p.put("name", product.length() > 80 ? product.substring(0, 80).strip() : product);
        p.put("description", clip(vision.path("purpose").asText(a.purpose()), 2000));
        p.put("package", "com.example." + packageSegment(product));
        Map<String, Kind> kinds = new LinkedHashMap<>();
        for (IntentAnalysis.Concept c : a.concepts()) {
            kinds.put(c.name(), c.kind());
        }
        vision.path("concepts").forEach(c -> kinds.putIfAbsent(c.path("name").asText(), kindNamed(c.path("kind").asText("other"))));
        Map<String, String> names = new LinkedHashMap<>();
        Set<String> taken = new LinkedHashSet<>();
        for (JsonNode m : solution.path("modules")) {
            for (JsonNode c : m.path("concepts")) {
                String n = entityName(c.asText());
                while (!n.isEmpty() && !taken.add(n)) {
                    n = n + "Item";
                }
                names.put(c.asText(), n);
            }
        }
        boolean sells = List.of("sell", "sells", "buy", "buys", "price", "prices", "pay", "pays", "order", "orders", "purchase", "shop", "store",
                "rent", "cost").stream().anyMatch(a::mentions);
        Map<String, String> moduleOf = new LinkedHashMap<>();
        ArrayNode modules = bp.putArray("modules");
        Set<String> moduleNames = new LinkedHashSet<>();
        for (JsonNode m : solution.path("modules")) {
            String mname = moduleName(m.path("name").asText("core"));
            if (!moduleNames.add(mname)) {
                continue;
            }
            ObjectNode mod = modules.addObject().put("name", mname).put("description", clip(m.path("description").asText(""), 2000));
            ArrayNode entities = mod.putArray("entities");
            ArrayNode events = J.arrayNode();
            for (JsonNode c : m.path("concepts")) {
                String concept = c.asText();
                String entity = names.get(concept);
                if (entity == null || entity.isEmpty()) {
                    continue;
                }
                moduleOf.put(concept, mname);
                Kind kind = kinds.getOrDefault(concept, Kind.OTHER);
                String head = words(entity).replaceAll(".* ", "");
                ObjectNode e = entities.addObject().put("name", entity);
                Map<String, ObjectNode> fields = new LinkedHashMap<>();
                for (ObjectNode f : Fields.typical(kind, head, sells)) {
                    fields.put(f.get("name").asText(), f);
                }
                a.statusesOf(concept).ifPresent(values -> fields.put("status", Fields.status(values)));
                for (List<String> property : a.attributesOf(concept)) {
                    addProperty(fields, property, a.statusesOf(concept).orElse(null));
                }
                ArrayNode fs = e.putArray("fields");
                fields.values().forEach(fs::add);
                ArrayNode rels = J.arrayNode();
                for (IntentAnalysis.Relation rel : a.relations()) {
                    String target = names.get(rel.to());
                    if (rel.from().equals(concept) && target != null && !target.isEmpty()) {
                        String rname = Character.toLowerCase(target.charAt(0)) + target.substring(1);
                        if (Fields.RESERVED.contains(rname + "Id")) {
                            // a Tenant of the product (a renter, say) is not the factory's tenant: its id may not be 'tenantId'
                            rname = "related" + target;
                        }
                        if (!fields.containsKey(rname) && !Fields.RESERVED.contains(rname)) {
                            rels.addObject().put("name", rname).put("kind", rel.one() ? "one-to-one" : "many-to-one").put("target", target)
                                    .put("required", true);
                        }
                    }
                }
                if (!rels.isEmpty()) {
                    e.set("relationships", rels);
                }
                for (IntentAnalysis.Action act : a.actions()) {
                    if (act.object().equals(concept) && events.size() < 20) {
                        String ev = entity + Lexicon.pastParticiple(act.verb());
                        if (!containsEvent(events, ev) && !builtIn(ev, entity)) {
                            events.addObject().put("name", ev).put("entity", entity).put("on", "created");
                        }
                    }
                }
            }
            if (entities.isEmpty()) {
                modules.remove(modules.size() - 1);
                continue;
            }
            if (events.isEmpty()) {
                String first = entities.get(0).get("name").asText();
                boolean person = kinds.getOrDefault(m.path("concepts").path(0).asText(), Kind.OTHER) == Kind.PERSON;
                events.addObject().put("name", first + (person ? "Registered" : "Recorded")).put("entity", first).put("on", "created");
            }
            mod.set("events", events);
        }
        return bp;
    }

    /** Generated modules publish {@code <Entity>Created}, {@code Updated} and {@code Deleted} themselves: a domain event may not repeat them. */
    static boolean builtIn(String event, String entity) {
        return event.equals(entity + "Created") || event.equals(entity + "Updated") || event.equals(entity + "Deleted");
    }

    private static boolean containsEvent(ArrayNode events, String name) {
        for (JsonNode e : events) {
            if (e.path("name").asText().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static void addProperty(Map<String, ObjectNode> fields, List<String> property, List<String> statuses) {
        String last = property.get(property.size() - 1);
        if (Set.of("status", "state", "stage").contains(last)) {
            fields.putIfAbsent("status", Fields.status(statuses != null ? statuses : List.of("ACTIVE", "INACTIVE")));
            return;
        }
        if (last.equals("priority")) {
            fields.putIfAbsent("priority", J.objectNode().put("name", "priority").put("type", "enum")
                    .<ObjectNode>set("values", J.arrayNode().add("LOW").add("MEDIUM").add("HIGH")));
            return;
        }
        if (Set.of("type", "category", "kind", "genre", "level", "size").contains(last) && property.size() <= 2) {
            String n = Fields.camel(property);
            fields.putIfAbsent(n, Fields.string(n, 60, false));
            return;
        }
        if (last.equals("name") && (fields.containsKey("fullName") || fields.containsKey("name") || fields.containsKey("title"))) {
            return;
        }
        if ((last.equals("price") || last.equals("amount") || last.equals("cost") || last.equals("total")) && !fields.containsKey("currency")) {
            Fields.forProperty(property).ifPresent(f -> {
                fields.putIfAbsent(f.get("name").asText(), f);
                fields.putIfAbsent("currency", Fields.currency());
            });
            return;
        }
        Fields.forProperty(property).ifPresent(f -> fields.putIfAbsent(f.get("name").asText(), f));
    }

    private static Kind kindNamed(String kind) {
        for (Kind k : Kind.values()) {
            if (k.name().equalsIgnoreCase(kind)) {
                return k;
            }
        }
        return Kind.OTHER;
    }

    static String entityName(String concept) {
        String n = IntentAnalysis.pascal(List.of(concept.replaceAll("[^A-Za-z0-9]", "")));
        if (n.isEmpty() || !Character.isLetter(n.charAt(0))) {
            return "";
        }
        if (n.length() > 60) {
            n = n.substring(0, 60);
        }
        if (TAKEN_TYPES.contains(n)) {
            n = RENAMES.getOrDefault(n, n + "Item");
        }
        return n;
    }

    static String packageSegment(String product) {
        String s = product.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        if (s.isEmpty() || !Character.isLetter(s.charAt(0))) {
            s = "app" + s;
        }
        if (Fields.RESERVED.contains(s) || s.equals("java") || s.equals("javax")) {
            s = s + "app";
        }
        return s.length() > 60 ? s.substring(0, 60) : s;
    }

    private static String clip(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }

    /**
     * A correction round: each located problem removes what it points at (a field, a relationship, an event); an entity
     * the rules refuse is renamed once ("…Item"), and removed, with what refers to it, the next time.
     */
    static ObjectNode correct(ObjectNode bp, List<String> problems) {
        record Hit(int module, int entity, String part, int index) {
        }
        List<Hit> hits = new ArrayList<>();
        for (String p : problems) {
            Matcher m = PATH.matcher(p);
            if (!m.find() || m.group(1) == null) {
                continue;
            }
            int module = Integer.parseInt(m.group(1));
            if (m.group(5) != null) {
                hits.add(new Hit(module, -1, "events", Integer.parseInt(m.group(6))));
            } else if (m.group(2) != null) {
                hits.add(new Hit(module, Integer.parseInt(m.group(2)), m.group(3), m.group(4) == null ? -1 : Integer.parseInt(m.group(4))));
            }
        }
        hits.sort((x, y) -> Integer.compare(y.index(), x.index()));
        Set<String> removedEntities = new LinkedHashSet<>();
        Set<String> done = new LinkedHashSet<>();
        for (Hit h : hits) {
            if (!done.add(h.toString())) {
                continue;
            }
            JsonNode module = bp.path("modules").path(h.module());
            if (h.part() != null && h.part().equals("events")) {
                remove(module.path("events"), h.index());
            } else if (h.part() != null) {
                remove(module.path("entities").path(h.entity()).path(h.part()), h.index());
            } else if (module.path("entities").path(h.entity()) instanceof ObjectNode e) {
                String name = e.path("name").asText();
                if (name.endsWith("Item")) {
                    removedEntities.add(name);
                } else {
                    e.put("name", name + "Item");
                    renameReferences(bp, name, name + "Item");
                }
            }
        }
        if (!removedEntities.isEmpty()) {
            for (JsonNode module : bp.path("modules")) {
                ArrayNode entities = (ArrayNode) module.path("entities");
                for (int i = entities.size() - 1; i >= 0; i--) {
                    if (removedEntities.contains(entities.get(i).path("name").asText())) {
                        entities.remove(i);
                    }
                }
                for (JsonNode e : entities) {
                    if (e.path("relationships") instanceof ArrayNode rels) {
                        for (int i = rels.size() - 1; i >= 0; i--) {
                            if (removedEntities.contains(rels.get(i).path("target").asText())) {
                                rels.remove(i);
                            }
                        }
                    }
                }
                if (module.path("events") instanceof ArrayNode evs) {
                    for (int i = evs.size() - 1; i >= 0; i--) {
                        if (removedEntities.contains(evs.get(i).path("entity").asText())) {
                            evs.remove(i);
                        }
                    }
                }
            }
        }
        return bp;
    }

    private static void remove(JsonNode list, int index) {
        if (list instanceof ArrayNode a && index >= 0 && index < a.size()) {
            a.remove(index);
        }
    }

    private static void renameReferences(ObjectNode bp, String from, String to) {
        for (JsonNode module : bp.path("modules")) {
            for (JsonNode e : module.path("entities")) {
                for (JsonNode r : e.path("relationships")) {
                    if (r.path("target").asText().equals(from)) {
                        ((ObjectNode) r).put("target", to);
                    }
                }
            }
            for (JsonNode ev : module.path("events")) {
                if (ev.path("entity").asText().equals(from)) {
                    ((ObjectNode) ev).put("entity", to);
                }
            }
        }
    }

    /** Whether this implementation can perform a skill: it produces one of the chain's three artifacts. */
    public static boolean performs(SkillDefinition skill) {
        return Set.of(AgentArtifacts.PRODUCT_VISION, AgentArtifacts.SOLUTION, AgentArtifacts.BLUEPRINT_PROPOSAL).contains(skill.produces());
    }
}
