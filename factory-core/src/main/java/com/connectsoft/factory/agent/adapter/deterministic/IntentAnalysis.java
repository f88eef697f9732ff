package com.connectsoft.factory.agent.adapter.deterministic;

import com.connectsoft.factory.agent.adapter.deterministic.Lexicon.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a product description names, read without a model: the things it keeps (nouns it uses in the plural, after
 * "each"/"every", or as the subject of a sentence; two-word names such as "insurance policies" kept together), what
 * each has ("each order has a status, a total and a delivery address"), how they relate ("each clinic has many
 * practitioners", "a task belongs to a project", "patients book appointments with practitioners"), the values of their
 * statuses ("orders can be pending, shipped or delivered"), and who acts. Work is linear in the (bounded) text.
 */
final class IntentAnalysis {
    static final int MAX_CONCEPTS = 14;
    private static final Pattern SENTENCES = Pattern.compile("[.!?;:\\n]+");
    private static final Pattern TOKENS = Pattern.compile("[A-Za-z][A-Za-z'-]*|,|\\(|\\)");
    private static final Pattern PRODUCT = Pattern.compile("(?i)\\b(?:a|an|the|our|my)\\s+((?:[a-z][a-z-]*\\s+){0,3}?)(app|application|platform|"
            + "service|system|tool|marketplace|portal|site|website|software|saas|product|solution|tracker|manager|planner)\\b");

    record Concept(String name, List<String> words, Kind kind, int firstSentence) {
        String head() {
            return words.get(words.size() - 1);
        }
    }

    record Relation(String from, String to, boolean one) {
    }

    record Action(String subject, String verb, String object) {
    }

    private final String text;
    private final List<List<String>> sentences = new ArrayList<>();
    private final Map<String, Concept> concepts = new LinkedHashMap<>();
    private final Map<String, List<List<String>>> attributes = new LinkedHashMap<>();
    private final Map<String, List<String>> statuses = new LinkedHashMap<>();
    private final List<Relation> relations = new ArrayList<>();
    private final List<Action> actions = new ArrayList<>();

    private IntentAnalysis(String text) {
        this.text = text;
        for (String s : SENTENCES.split(text)) {
            List<String> tokens = new ArrayList<>();
            Matcher m = TOKENS.matcher(s);
            while (m.find()) {
                tokens.add(m.group().toLowerCase(Locale.ROOT).replaceAll("'s$", "").replace("'", ""));
            }
            if (!tokens.isEmpty()) {
                sentences.add(tokens);
            }
        }
    }

    static IntentAnalysis of(String text) {
        IntentAnalysis a = new IntentAnalysis(text);
        a.findConcepts();
        for (List<String> sentence : a.sentences) {
            for (List<String> clause : a.clauses(sentence)) {
                a.readSentence(clause);
            }
        }
        return a;
    }

    private static final Set<String> CLAUSE_STARTS = Set.of("each", "every", "and", "but", "while", "whereas", "which", "who", "then");

    /**
     * A sentence's clauses: split at a comma that a new clause follows (", each invoice has ...", ", and couriers deliver
     * ...", ", customers place ...": a thing in the plural and a verb).
     */
    List<List<String>> clauses(List<String> s) {
        List<List<String>> out = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < s.size(); i++) {
            String nextHead = i + 1 < s.size() ? Lexicon.singular(s.get(i + 1)) : "";
            boolean newSubject = i + 2 < s.size() && Lexicon.plural(s.get(i + 1)) && Lexicon.verbBase(s.get(i + 2)) != null
                    && concepts.values().stream().anyMatch(c -> c.head().equals(nextHead));
            if (",".equals(s.get(i)) && i + 1 < s.size() && (CLAUSE_STARTS.contains(s.get(i + 1)) || newSubject)) {
                if (i > from) {
                    out.add(s.subList(from, i));
                }
                from = "and".equals(s.get(i + 1)) ? i + 2 : i + 1;
            }
        }
        if (from < s.size()) {
            out.add(s.subList(from, s.size()));
        }
        return out;
    }

    List<Concept> concepts() {
        return List.copyOf(concepts.values());
    }

    List<List<String>> attributesOf(String concept) {
        return attributes.getOrDefault(concept, List.of());
    }

    Optional<List<String>> statusesOf(String concept) {
        return Optional.ofNullable(statuses.get(concept));
    }

    List<Relation> relations() {
        return List.copyOf(relations);
    }

    List<Action> actions() {
        return List.copyOf(actions);
    }

    boolean mentions(String word) {
        return sentences.stream().anyMatch(s -> s.contains(word));
    }

    String purpose() {
        String first = SENTENCES.split(text.strip())[0].strip();
        return first.length() > 300 ? first.substring(0, 300) : first;
    }

    /** "Booking Platform" from "a booking platform for ...", else from the first things it names. */
    String productName() {
        Matcher m = PRODUCT.matcher(text);
        while (m.find()) {
            List<String> ws = new ArrayList<>();
            for (String w : m.group(1).trim().split("\\s+")) {
                if (!w.isBlank() && !Lexicon.STOP.contains(w.toLowerCase(Locale.ROOT)) && !Lexicon.DETERMINERS.contains(w.toLowerCase(Locale.ROOT))) {
                    ws.add(w);
                }
            }
            if (!ws.isEmpty()) {
                ws.add(m.group(2));
                return title(ws);
            }
        }
        List<String> opening = new ArrayList<>();
        List<String> first = sentences.isEmpty() ? List.of() : sentences.get(0);
        if (!first.isEmpty() && Set.of("a", "an", "the", "our").contains(first.get(0))) {
            for (String w : first.subList(1, first.size())) {
                if (Set.of(",", "for", "that", "where", "which", "to", "with", "who", "in", "of", "and").contains(w)
                        || Lexicon.verbBase(w) != null && !w.endsWith("ing")) {
                    break;
                }
                opening.add(w);
            }
            int next = 1 + opening.size();
            if (opening.size() == 1 && Lexicon.GENERIC.contains(opening.get(0)) && next < first.size() && "for".equals(first.get(next))) {
                List<String> audience = new ArrayList<>();
                for (String w : first.subList(next + 1, first.size())) {
                    if (Lexicon.STOP.contains(w) || ",".equals(w) || audience.size() == 3) {
                        break;
                    }
                    if (!Lexicon.DETERMINERS.contains(w)) {
                        audience.add(w);
                    }
                }
                audience.add(opening.get(0));
                return title(audience);
            }
            if (!opening.isEmpty() && opening.size() <= 5) {
                return title(opening);
            }
        }
        List<Concept> cs = concepts();
        if (cs.isEmpty()) {
            return "New Product";
        }
        List<String> ws = new ArrayList<>(cs.get(0).words());
        if (cs.size() > 1) {
            ws.addAll(cs.get(1).words());
        }
        ws.add("hub");
        return title(ws);
    }

    private static String title(List<String> ws) {
        StringBuilder b = new StringBuilder();
        for (String w : ws) {
            String clean = w.replaceAll("[^A-Za-z0-9]", "");
            if (!clean.isEmpty()) {
                b.append(b.length() == 0 ? "" : " ").append(Character.toUpperCase(clean.charAt(0))).append(clean.substring(1).toLowerCase(Locale.ROOT));
            }
        }
        String s = b.toString();
        return s.length() > 60 ? s.substring(0, 60).strip() : s;
    }

    // ---- things

    private boolean nounCandidate(List<String> s, int i) {
        String w = s.get(i);
        if (w.length() < 3 || !w.matches("[a-z][a-z-]*") || Lexicon.STOP.contains(w) || Lexicon.DETERMINERS.contains(w)
                || Lexicon.GENERIC.contains(w) || Lexicon.GENERIC.contains(Lexicon.singular(w))) {
            return false;
        }
        boolean afterDeterminer = i > 0 && Lexicon.DETERMINERS.contains(s.get(i - 1));
        if (Lexicon.verbBase(w) != null && !afterDeterminer) {
            // "books" after a thing is its verb; as the first word or after a list it may be a thing ("Orders have ...")
            boolean pluralThing = Lexicon.plural(w) && (i == 0 || ",".equals(s.get(i - 1)) || "and".equals(s.get(i - 1))
                    || "or".equals(s.get(i - 1)) || Lexicon.PREPOSITIONS.contains(s.get(i - 1)) || Lexicon.verbBase(s.get(i - 1)) != null
                    || modifierWord(s.get(i - 1)));
            if (!pluralThing || Lexicon.kindOf(Lexicon.singular(w)) == Kind.OTHER) {
                return false;
            }
        }
        return !Lexicon.adjectiveLike(w) || Lexicon.kindOf(Lexicon.singular(w)) != Kind.OTHER;
    }

    /** How many tokens of the first sentence are its title phrase ("An online farm shop:"): 0 when it has none. */
    private int titlePhraseEnd() {
        if (sentences.isEmpty() || sentences.get(0).size() > 6 || !Set.of("a", "an", "the", "our").contains(sentences.get(0).get(0))) {
            return 0;
        }
        for (String w : sentences.get(0)) {
            if (Lexicon.verbBase(w) != null && !w.endsWith("ing") || ",".equals(w) || "for".equals(w) || "that".equals(w)) {
                return 0;
            }
        }
        return sentences.get(0).size();
    }

    private boolean namedAfterTitle(String singular) {
        return sentences.stream().skip(1).anyMatch(s -> s.stream().anyMatch(w -> Lexicon.singular(w).equals(singular)));
    }

    /** A word that can only qualify the noun after it ("work" in "work orders"): no thing of a known kind, no plural, no verb. */
    private static boolean modifierWord(String w) {
        return w.matches("[a-z]{3,}") && !Lexicon.STOP.contains(w) && !Lexicon.DETERMINERS.contains(w) && !Lexicon.plural(w)
                && Lexicon.verbBase(w) == null && Lexicon.kindOf(w) == Kind.OTHER && !Lexicon.adjectiveLike(w);
    }

    /** Single-word things first (plural, after each/every, a sentence's subject), then two-word names around them. */
    private void findConcepts() {
        int titleEnd = titlePhraseEnd();
        Map<String, Integer> heads = new LinkedHashMap<>();
        Set<String> attributeOnly = new LinkedHashSet<>();
        for (int si = 0; si < sentences.size(); si++) {
            List<String> s = sentences.get(si);
            boolean inHas = false;
            for (int i = 0; i < s.size(); i++) {
                String w = s.get(i);
                if (Lexicon.HAVING.contains(w) || "with".equals(w)) {
                    inHas = true;
                }
                if (!nounCandidate(s, i) || si == 0 && i < titleEnd && !namedAfterTitle(Lexicon.singular(w))) {
                    continue;
                }
                String sing = Lexicon.singular(w);
                boolean isAttribute = Lexicon.ATTRIBUTES.contains(w) || Lexicon.ATTRIBUTES.contains(sing);
                String prev = i > 0 ? s.get(i - 1) : "";
                boolean quantified = Lexicon.QUANTIFIERS.contains(prev) || "each".equals(prev) || "every".equals(prev);
                boolean plural = Lexicon.plural(w);
                boolean subject = i <= 2 && (i == 0 || Lexicon.DETERMINERS.contains(prev)) && !inHas;
                boolean known = Lexicon.kindOf(sing) != Kind.OTHER;
                boolean modifier = i + 1 < s.size() && !plural && (Lexicon.GENERIC.contains(s.get(i + 1))
                        || nounCandidate(s, i + 1) && Lexicon.plural(s.get(i + 1)));
                if (modifier && !isAttribute) {
                    continue;
                }
                if (isAttribute && !(quantified && plural)) {
                    attributeOnly.add(sing);
                    continue;
                }
                if (plural || quantified || subject || (known && !inHas)) {
                    heads.putIfAbsent(sing, si);
                }
            }
        }
        // two-word names: a modifier that is not itself a thing, nor a verb, nor an adjective ("insurance policies")
        Map<String, List<String>> compounds = new LinkedHashMap<>();
        Set<String> compoundsAfterTitle = new LinkedHashSet<>();
        for (int si = 0; si < sentences.size(); si++) {
            List<String> s = sentences.get(si);
            for (int i = 1; i < s.size(); i++) {
                String head = Lexicon.singular(s.get(i));
                String mod = s.get(i - 1);
                if (!heads.containsKey(head) || heads.containsKey(Lexicon.singular(mod)) || mod.length() < 3 || !mod.matches("[a-z]+")
                        || Lexicon.STOP.contains(mod) || Lexicon.DETERMINERS.contains(mod) || Lexicon.GENERIC.contains(mod)
                        || Lexicon.plural(mod) || Lexicon.adjectiveLike(mod) || mod.endsWith("ing") && !Lexicon.NOUNISH_VERBS.contains(mod)
                        && !(i >= 2 && (Lexicon.verbBase(s.get(i - 2)) != null || Lexicon.DETERMINERS.contains(s.get(i - 2))))
                        || Lexicon.verbBase(mod) != null && !Lexicon.NOUNISH_VERBS.contains(mod) || Lexicon.ATTRIBUTES.contains(mod)) {
                    continue;
                }
                if (i >= 2 && !(Lexicon.DETERMINERS.contains(s.get(i - 2)) || Lexicon.STOP.contains(s.get(i - 2)) || ",".equals(s.get(i - 2))
                        || Lexicon.verbBase(s.get(i - 2)) != null)) {
                    continue;
                }
                compounds.computeIfAbsent(head, h -> new ArrayList<>()).add(mod);
                if (si > 0) {
                    compoundsAfterTitle.add(head);
                }
            }
        }
        for (Map.Entry<String, Integer> h : heads.entrySet()) {
            if (concepts.size() == MAX_CONCEPTS) {
                break;
            }
            String head = h.getKey();
            List<String> mods = compounds.getOrDefault(head, List.of());
            // "conference organizers" only in the opening sentence, "Organizers create events" after it: the bare name
            List<String> words = !mods.isEmpty() && (compoundsAfterTitle.contains(head) || !usedAlone(head))
                    ? List.of(mods.get(0), head) : List.of(head);
            String name = pascal(words);
            concepts.putIfAbsent(name, new Concept(name, words, Lexicon.kindOf(head), h.getValue()));
        }
    }

    /** Whether the head word is used without a modifier somewhere ("orders" beside "purchase orders"). */
    private boolean usedAlone(String head) {
        for (List<String> s : sentences) {
            for (int i = 0; i < s.size(); i++) {
                if (Lexicon.singular(s.get(i)).equals(head) && (i == 0 || Lexicon.DETERMINERS.contains(s.get(i - 1))
                        || Lexicon.STOP.contains(s.get(i - 1)) || ",".equals(s.get(i - 1)) || Lexicon.verbBase(s.get(i - 1)) != null)) {
                    return true;
                }
            }
        }
        return false;
    }

    static String pascal(List<String> words) {
        StringBuilder b = new StringBuilder();
        for (String w : words) {
            for (String part : w.split("-")) {
                if (!part.isEmpty()) {
                    b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
                }
            }
        }
        return b.toString();
    }

    // ---- what each sentence says about them

    private record Mention(String concept, int start, int end, boolean many, boolean afterPreposition) {
    }

    private List<Mention> mentions(List<String> s) {
        List<Mention> out = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            String sing = Lexicon.singular(s.get(i));
            for (Concept c : concepts.values()) {
                int n = c.words().size();
                if (!c.head().equals(sing) || i - n + 1 < 0) {
                    continue;
                }
                boolean match = n == 1 || s.get(i - 1).equals(c.words().get(0));
                int start = match ? i - n + 1 : i;
                String before = start > 0 ? s.get(start - 1) : "";
                String before2 = start > 1 ? s.get(start - 2) : "";
                boolean many = Lexicon.QUANTIFIERS.contains(before) || ("of".equals(before) && ("list".equals(before2) || "number".equals(before2)))
                        || "more".equals(before) || Lexicon.plural(s.get(i)) && !"each".equals(before);
                boolean prep = Lexicon.PREPOSITIONS.contains(before) || Lexicon.PREPOSITIONS.contains(before2) && Lexicon.DETERMINERS.contains(before);
                out.add(new Mention(c.name(), start, i, many, prep));
                break;
            }
        }
        return out;
    }

    private void readSentence(List<String> s) {
        List<Mention> ms = mentions(s);
        if (ms.isEmpty()) {
            return;
        }
        Mention subject = ms.get(0);
        for (int i = 0; i < s.size(); i++) {
            if (Lexicon.HAVING.contains(s.get(i)) || "with".equals(s.get(i))) {
                final int at = i;
                ms.stream().filter(m -> m.end() < at).reduce((x, y) -> y).ifPresent(owner -> readHas(s, ms, owner, at));
            }
        }
        readStatus(s, ms);
        for (int k = 1; k < ms.size(); k++) {
            Mention b = ms.get(k);
            Mention a = ms.get(k - 1);
            List<String> between = s.subList(a.end() + 1, b.start());
            boolean attaching = between.stream().anyMatch(Lexicon.ATTACHING::contains);
            boolean having = between.stream().anyMatch(Lexicon.HAVING::contains);
            String creating = between.stream().map(Lexicon::verbBase).filter(v -> v != null && Lexicon.CREATING.contains(v)).findFirst().orElse(null);
            if (attaching && a.concept().equals(subject.concept())) {
                relate(a.concept(), b.concept(), false);
            } else if (having && between.stream().noneMatch(w -> Lexicon.verbBase(w) != null && !Lexicon.HAVING.contains(w) && !"can".equals(w))) {
                if (b.many()) {
                    relate(b.concept(), a.concept(), false);
                } else {
                    relate(a.concept(), b.concept(), false);
                }
            } else if (creating != null && a == subject && mediator(creating, a.concept(), b.concept()) != null) {
                // "members borrow books": the loan is the member's and the book's
                String m = mediator(creating, a.concept(), b.concept());
                relate(m, a.concept(), false);
                relate(m, b.concept(), false);
                actions.add(new Action(a.concept(), creating, m));
                break;
            } else if (creating != null && a == subject) {
                relate(b.concept(), a.concept(), false);
                actions.add(new Action(a.concept(), creating, b.concept()));
                for (int j = k + 1; j < ms.size(); j++) {
                    Mention c = ms.get(j);
                    if (c.afterPreposition() && !s.subList(ms.get(j - 1).end() + 1, c.start()).contains("and")) {
                        relate(b.concept(), c.concept(), false);
                    }
                }
                break;
            }
        }
    }

    /**
     * The record a transaction makes when its object already exists (a book borrowed, a car rented): the first thing
     * of kind schedule (else money) the text names besides the two, or null when the object is itself such a record.
     */
    private String mediator(String verb, String subject, String object) {
        Concept o = concepts.get(object);
        if (!Lexicon.TRANSACTING.contains(verb) || o == null || o.kind() == Kind.SCHEDULE || o.kind() == Kind.MONEY || o.kind() == Kind.WORK) {
            return null;
        }
        for (Kind k : List.of(Kind.SCHEDULE, Kind.MONEY)) {
            for (Concept c : concepts.values()) {
                if (c.kind() == k && !c.name().equals(subject) && !c.name().equals(object)) {
                    return c.name();
                }
            }
        }
        return null;
    }

    private void relate(String from, String to, boolean one) {
        if (from.equals(to) || relations.stream().anyMatch(r -> r.from().equals(from) && r.to().equals(to) || r.from().equals(to) && r.to().equals(from))) {
            return;
        }
        if (reaches(to, from)) {
            return;
        }
        relations.add(new Relation(from, to, one));
    }

    private boolean reaches(String start, String goal) {
        java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(List.of(start));
        Set<String> seen = new java.util.HashSet<>();
        while (!todo.isEmpty()) {
            String n = todo.pop();
            if (n.equals(goal)) {
                return true;
            }
            if (seen.add(n)) {
                relations.stream().filter(r -> r.from().equals(n)).forEach(r -> todo.push(r.to()));
            }
        }
        return false;
    }

    /** "each order has a status, a total amount and a delivery address": the subject's properties (things become relations). */
    private void readHas(List<String> s, List<Mention> ms, Mention subject, int at) {
        for (int i = subject.end() + 1; i < at; i++) {
            if (Lexicon.verbBase(s.get(i)) != null && !"can".equals(s.get(i)) && !"also".equals(s.get(i))) {
                return;
            }
        }
        List<List<String>> items = new ArrayList<>();
        List<String> cur = new ArrayList<>();
        for (int i = at + 1; i < s.size(); i++) {
            String w = s.get(i);
            if (",".equals(w) || "and".equals(w) || "or".equals(w) || "plus".equals(w)) {
                if (!cur.isEmpty()) {
                    items.add(cur);
                }
                cur = new ArrayList<>();
                continue;
            }
            if ("(".equals(w) || ")".equals(w) || "with".equals(w) || Lexicon.HAVING.contains(w)
                    || Lexicon.verbBase(w) != null && !Lexicon.ATTRIBUTES.contains(w) && !cur.isEmpty()) {
                break;
            }
            if (!Lexicon.DETERMINERS.contains(w) && !Lexicon.STOP.contains(w) || "number".equals(w) || "date".equals(w)) {
                cur.add(w);
            }
        }
        if (!cur.isEmpty()) {
            items.add(cur);
        }
        for (List<String> item : items) {
            if (item.size() > 4) {
                continue;
            }
            boolean isThing = ms.stream().anyMatch(m -> m != subject && item.contains(s.get(m.end())));
            if (isThing) {
                continue;
            }
            attributes.computeIfAbsent(subject.concept(), c -> new ArrayList<>()).add(item);
        }
    }

    private static final Pattern STATUS = Pattern.compile("(?:can be|is either|are either|is one of|statuses?|states?|marked as|moves? through|goes through)"
            + "\\s+((?:[a-z-]+\\s*,\\s*)*[a-z-]+\\s*,?\\s*(?:or|and|then)\\s+[a-z-]+)");

    private void readStatus(List<String> s, List<Mention> ms) {
        String joined = String.join(" ", s).replace(" ,", ",").replace("( ", "").replace(" )", "").replace("(", "").replace(")", "");
        Matcher m = STATUS.matcher(joined);
        if (!m.find()) {
            return;
        }
        List<String> values = new ArrayList<>();
        for (String v : m.group(1).split("\\s*,\\s*|\\s+or\\s+|\\s+and\\s+|\\s+then\\s+")) {
            String clean = v.strip().replace('-', '_').toUpperCase(Locale.ROOT);
            if (clean.matches("[A-Z][A-Z_]{1,30}") && !values.contains(clean) && !Lexicon.STOP.contains(v.strip())) {
                values.add(clean);
            }
        }
        if (values.size() >= 2) {
            statuses.putIfAbsent(ms.get(0).concept(), values);
        }
    }
}
