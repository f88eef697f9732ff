package com.connectsoft.factory.agent.adapter.deterministic;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The English the deterministic skills read: word classes, kinds of things, verbs, and inflections. */
final class Lexicon {
    private Lexicon() {
    }

    /** The kind of a thing decides its typical fields. */
    enum Kind { PERSON, ORGANIZATION, MONEY, SCHEDULE, ITEM, CONTENT, WORK, OTHER }

    static final Set<String> DETERMINERS = words("a an the each every many several multiple some any all their its his her our your my "
            + "one two three four five more other various different no these those this that whose which");
    static final Set<String> QUANTIFIERS = words("many several multiple more various numerous any");
    static final Set<String> STOP = words("and or but nor so yet for of to in on at by with from into onto about over under between against "
            + "through during before after within without per via as than then when where while who whom what why how if else also "
            + "is are was were be been being am do does did done has have had having can could will would shall should may might must "
            + "it they them he she we you i me us him her its their there here not only just very really quite too all both either "
            + "neither own same such up down out off again further once always never often usually sometimes already still even "
            + "easily quickly online simple simply together later soon now today daily weekly monthly yearly annually every "
            + "like well able via etc let lets allow allows allowing help helps enable enables using use used way want wants need needs "
            + "new existing current upcoming past future free paid open whole main own sure kind type types kinds lot lots number "
            + "let's it's don't can't won't isn't aren't one ones another");
    /** Nouns that name the product or a vague quantity, never a thing the product keeps. */
    static final Set<String> GENERIC = words("app apps application applications platform platforms system systems service services tool tools "
            + "software saas product-like solution solutions website site portal marketplace business businesses data information "
            + "details detail thing things stuff way ways time times day days week weeks month months year years people everyone "
            + "everything someone something anyone anything list lists record records history track overview dashboard "
            + "place places part parts end start lot process workflow workflows feature features module modules interface "
            + "api apis backend frontend database storage online world area areas field fields value values set sets group-like "
            + "option options case-by-case kind kinds type types sort sorts number numbers amount-of role roles access account accounts "
            + "management tracking booking-like tracker planner hub hour hours minute minutes second seconds");
    /** Words that name a property of a thing (fields), not a thing itself. */
    static final Set<String> ATTRIBUTES = words("name names email emails phone phones address addresses status statuses state price prices "
            + "amount amounts total totals cost costs fee fees date dates time title titles description descriptions quantity quantities "
            + "rating ratings score scores notes note currency balance capacity duration deadline birthday age weight height size color "
            + "colour url website link photo photos picture pictures image images code codes number numbers level levels priority "
            + "category-like stock availability bio summary comment-like body content deadline dueDate location-like tags tag label labels "
            + "salary wage budget discount tax percentage latitude longitude mileage distance year");
    /** Base forms of verbs (their -s, -ed and -ing forms are verbs too, unless a determiner comes first). */
    static final Set<String> VERBS = words("book books place make create submit write post publish open file issue send schedule reserve "
            + "order request log record raise upload leave add register rent borrow buy purchase donate pay sign take give receive plan "
            + "organize organise host offer list sell deliver teach own lead manage track view see browse search find read watch rate "
            + "review approve reject assign belong have has contain include hold keep store run get set put go come visit attend join "
            + "enroll enrol apply hire employ support serve provide handle process ship return cancel confirm complete finish start "
            + "begin end check follow like share comment reply answer ask invite accept decline choose select pick collect lend "
            + "return report monitor measure count earn spend save invest transfer charge bill invoice refund subscribe unsubscribe "
            + "login log-in sign-up signup update edit delete remove mark adopt foster walk feed train coach treat prescribe diagnose "
            + "examine store stock restock fill repair fix maintain inspect clean drive ride travel fly stay check-in check-out "
            + "build design develop test deploy compose record perform play sing practice practise learn study grade submit "
            + "vote donate volunteer sponsor fund raise award earn redeem claim upload download print scan export import");
    /** Verbs whose object is made by their subject: "customers place orders" makes each order the customer's. */
    static final Set<String> CREATING = words("book place make create submit write post publish open file issue send schedule reserve "
            + "order request log record raise upload leave add register rent borrow buy purchase donate pay sign take give plan "
            + "organize organise host offer list sell hire adopt lend prescribe claim compose perform apply enroll enrol");
    /** Verbs whose object exists before them: "members borrow books" makes a loan of the book, not the book. */
    static final Set<String> TRANSACTING = words("borrow rent buy purchase adopt hire lend take reserve book order");
    /** Verbs that attach a thing to another: "tasks are assigned to projects". */
    static final Set<String> ATTACHING = words("belong belongs belonged assigned linked attached located held kept stored part tied "
            + "associated connected registered enrolled");
    static final Set<String> HAVING = words("has have had own owns contain contains include includes hold holds carry carries keep keeps");
    static final Set<String> PREPOSITIONS = words("with at for from to in on by against about under");
    /** A modifier may be one of these verbs: "purchase orders", "booking requests". */
    static final Set<String> NOUNISH_VERBS = words("purchase order booking rental delivery payment support service work sales repair "
            + "maintenance training meal menu gift return check plan test time log record transfer claim sign");

    static final Map<String, String> IRREGULAR_PLURALS = Map.ofEntries(Map.entry("people", "person"), Map.entry("children", "child"),
            Map.entry("men", "man"), Map.entry("women", "woman"), Map.entry("staff", "staff"), Map.entry("feet", "foot"),
            Map.entry("mice", "mouse"), Map.entry("geese", "goose"), Map.entry("teeth", "tooth"), Map.entry("series", "series"),
            Map.entry("species", "species"), Map.entry("data", "data"), Map.entry("media", "media"), Map.entry("criteria", "criterion"),
            Map.entry("analyses", "analysis"), Map.entry("diagnoses", "diagnosis"), Map.entry("crises", "crisis"), Map.entry("indices", "index"),
            Map.entry("leaves", "leave"), Map.entry("wolves", "wolf"), Map.entry("knives", "knife"), Map.entry("lives", "life"),
            Map.entry("shelves", "shelf"), Map.entry("halves", "half"), Map.entry("quizzes", "quiz"), Map.entry("buses", "bus"),
            Map.entry("statuses", "status"), Map.entry("addresses", "address"), Map.entry("businesses", "business"),
            Map.entry("classes", "class"), Map.entry("courses", "course"), Map.entry("licenses", "license"), Map.entry("invoices", "invoice"),
            Map.entry("services", "service"), Map.entry("houses", "house"), Map.entry("expenses", "expense"), Map.entry("purchases", "purchase"),
            Map.entry("responses", "response"), Map.entry("cases", "case"), Map.entry("packages", "package"), Map.entry("messages", "message"),
            Map.entry("garages", "garage"), Map.entry("images", "image"), Map.entry("pages", "page"), Map.entry("vehicles", "vehicle"),
            Map.entry("articles", "article"), Map.entry("schedules", "schedule"), Map.entry("warehouses", "warehouse"),
            Map.entry("databases", "database"), Map.entry("exercises", "exercise"), Map.entry("enterprises", "enterprise"),
            Map.entry("phases", "phase"), Map.entry("nurses", "nurse"), Map.entry("promises", "promise"), Map.entry("releases", "release"),
            Map.entry("bases", "base"), Map.entry("cases-", "case"), Map.entry("leases", "lease"), Map.entry("increases", "increase"),
            Map.entry("purposes", "purpose"), Map.entry("horses", "horse"), Map.entry("verses", "verse"), Map.entry("noses", "nose"),
            Map.entry("boxes", "box"), Map.entry("taxes", "tax"), Map.entry("matches", "match"), Map.entry("batches", "batch"),
            Map.entry("branches", "branch"), Map.entry("coaches", "coach"), Map.entry("dishes", "dish"), Map.entry("wishes", "wish"),
            Map.entry("searches", "search"), Map.entry("churches", "church"), Map.entry("lunches", "lunch"), Map.entry("patches", "patch"),
            Map.entry("sketches", "sketch"), Map.entry("watches", "watch"), Map.entry("switches", "switch"), Map.entry("quotes", "quote"),
            Map.entry("notes", "note"), Map.entry("votes", "vote"), Map.entry("routes", "route"), Map.entry("sites", "site"),
            Map.entry("suites", "suite"), Map.entry("menus", "menu"), Map.entry("venues", "venue"), Map.entry("issues", "issue"),
            Map.entry("tissues", "tissue"), Map.entry("leagues", "league"), Map.entry("recipes", "recipe"));
    static final Set<String> SINGULAR_S = words("pilates yoga aerobics status address business class bus campus analysis series news species canvas gas bonus "
            + "virus census process access success chess glass grass boss loss mass pass kiss dress press address lens atlas alias "
            + "basis thesis diagnosis crisis axis corpus apparatus citrus cactus focus genius octopus radius stimulus syllabus "
            + "physics mathematics economics logistics analytics athletics ethics politics gymnastics");
    static final Map<String, String> PAST = Map.ofEntries(Map.entry("pay", "Paid"), Map.entry("make", "Made"), Map.entry("write", "Written"),
            Map.entry("send", "Sent"), Map.entry("buy", "Bought"), Map.entry("sell", "Sold"), Map.entry("take", "Taken"),
            Map.entry("give", "Given"), Map.entry("leave", "Left"), Map.entry("hold", "Held"), Map.entry("lend", "Lent"),
            Map.entry("plan", "Planned"), Map.entry("log", "Logged"), Map.entry("submit", "Submitted"), Map.entry("ship", "Shipped"),
            Map.entry("put", "Put"), Map.entry("set", "Set"), Map.entry("run", "Run"), Map.entry("get", "Got"), Map.entry("teach", "Taught"),
            Map.entry("find", "Found"), Map.entry("list", "Listed"), Map.entry("open", "Opened"), Map.entry("enrol", "Enrolled"),
            Map.entry("apply", "Applied"), Map.entry("file", "Filed"), Map.entry("issue", "Issued"));

    static final Map<Kind, Set<String>> KINDS = Map.of(
            Kind.PERSON, words("customer client patient user member employee staff student teacher instructor tutor doctor physician "
                    + "practitioner nurse owner guest visitor contact author driver volunteer person attendee participant player coach "
                    + "trainer agent manager applicant candidate buyer seller subscriber landlord reader borrower donor parent child kid "
                    + "athlete artist musician photographer freelancer contractor technician mechanic host speaker writer editor reviewer "
                    + "recruiter farmer courier rider passenger traveler traveller resident citizen worker therapist dentist vet "
                    + "veterinarian lawyer consultant mentor mentee learner guardian walker sitter groomer chef cook waiter cleaner "
                    + "tenant renter homeowner shopper admin administrator moderator organizer organiser employer supervisor "
                    + "caregiver carer pupil alumnus fan follower creator seller vendor-person hiker climber runner cyclist golfer"),
            Kind.ORGANIZATION, words("company organization organisation vendor supplier clinic hospital school store shop restaurant hotel "
                    + "venue team department branch warehouse studio gym library farm agency club partner brand charity shelter office "
                    + "facility university college academy bakery salon garage pharmacy lab laboratory center centre firm employer-org "
                    + "manufacturer distributor carrier airline landlord-org league association church museum theater theatre cinema"),
            Kind.MONEY, words("invoice payment order bill expense transaction donation refund fee charge quote quotation budget payout "
                    + "subscription purchase sale deposit fine claim salary payroll estimate receipt tip bid pledge loan-payment "
                    + "contribution grant reimbursement"),
            Kind.SCHEDULE, words("appointment booking reservation event session meeting shift lesson visit trip flight rental tour match "
                    + "game workout interview delivery shipment stay checkup consultation exam examination concert screening ride loan "
                    + "walk class-session training course-run performance ceremony party treatment surgery slot timeslot"),
            Kind.CONTENT, words("article post note report review comment message story page document file question answer feedback "
                    + "survey poll announcement newsletter blog entry recipe photo video playlist podcast episode chapter"),
            Kind.WORK, words("ticket task issue request incident project job milestone bug case complaint application assignment "
                    + "inspection repair order-work goal objective todo chore sprint deliverable proposal"),
            Kind.ITEM, words("product item book course vehicle car room equipment asset property listing menu dish meal plant pet animal "
                    + "device tool seat bike bicycle boat house apartment unit part ingredient package plan membership album song track "
                    + "movie film instrument toy garment shirt ticket-item gift voucher coupon medication medicine prescription-item "
                    + "material component kit machine truck van trailer space desk locker parcel dog cat horse bed"));

    static Kind kindOf(String headWord) {
        for (Kind k : Kind.values()) {
            Set<String> ws = KINDS.get(k);
            if (ws != null && ws.contains(headWord)) {
                return k;
            }
        }
        return Kind.OTHER;
    }

    static String singular(String w) {
        String s = IRREGULAR_PLURALS.get(w);
        if (s != null) {
            return s;
        }
        if (SINGULAR_S.contains(w) || w.length() < 4 || !w.endsWith("s") || w.endsWith("ss") || w.endsWith("us") || w.endsWith("is")) {
            return w;
        }
        if (w.endsWith("ies") && w.length() > 4) {
            return w.substring(0, w.length() - 3) + "y";
        }
        if (w.matches(".*(ch|sh|x|z|ss)es")) {
            return w.substring(0, w.length() - 2);
        }
        return w.substring(0, w.length() - 1);
    }

    static boolean plural(String w) {
        return !singular(w).equals(w) || (IRREGULAR_PLURALS.containsKey(w) && !IRREGULAR_PLURALS.get(w).equals(w));
    }

    /** The base form of a verb-looking word, or null when it is not one: books → book, placed → place, assigning → assign. */
    static String verbBase(String w) {
        if (VERBS.contains(w)) {
            return w;
        }
        for (String cand : new String[] {
                w.endsWith("ies") ? w.substring(0, w.length() - 3) + "y" : null,
                w.endsWith("es") ? w.substring(0, w.length() - 2) : null,
                w.endsWith("s") ? w.substring(0, w.length() - 1) : null,
                w.endsWith("ied") ? w.substring(0, w.length() - 3) + "y" : null,
                w.endsWith("ed") ? w.substring(0, w.length() - 2) : null,
                w.endsWith("ed") ? w.substring(0, w.length() - 1) : null,
                w.endsWith("ing") ? w.substring(0, w.length() - 3) : null,
                w.endsWith("ing") ? w.substring(0, w.length() - 3) + "e" : null,
                w.matches(".*([bcdfgklmnprstvz])\\1(ed|ing)") ? w.replaceAll("([bcdfgklmnprstvz])\\1(ed|ing)$", "$1") : null}) {
            if (cand != null && VERBS.contains(cand)) {
                return cand;
            }
        }
        return null;
    }

    static String pastParticiple(String verb) {
        String p = PAST.get(verb);
        if (p != null) {
            return p;
        }
        String v = verb.toLowerCase(Locale.ROOT);
        String past = v.endsWith("e") ? v + "d" : v.matches(".*[^aeiou]y") ? v.substring(0, v.length() - 1) + "ied" : v + "ed";
        return Character.toUpperCase(past.charAt(0)) + past.substring(1);
    }

    static boolean adjectiveLike(String w) {
        return w.matches(".*(ous|ful|ive|ic|able|ible|less|ly|ish|est|ed)") || w.matches(".*(al)") && !w.matches(".*(rental|proposal|"
                + "arrival|approval|animal|hospital|portal|journal|festival|terminal|individual|capital|referral|tutorial|manual|meal|deal|goal)");
    }

    private static Set<String> words(String s) {
        return Set.copyOf(new HashSet<>(java.util.Arrays.asList(s.trim().split("\\s+"))));
    }
}
