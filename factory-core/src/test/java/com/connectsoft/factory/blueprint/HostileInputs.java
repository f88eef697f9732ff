package com.connectsoft.factory.blueprint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Blueprints an attacker with a tenant key might upload, built in memory. Each is near the 1 MiB input limit or
 * expands far beyond its size when read naively; the tests assert each is answered fast and with a located problem.
 */
final class HostileInputs {
    static final int MIB = 1024 * 1024;

    static final String HEAD = """
            product:
              name: Shop
            modules:
              - name: catalog
                entities:
                  - name: Item
            """;

    private HostileInputs() {
    }

    /** Billion laughs within SnakeYAML's 20 collection aliases: scalar aliases in the base list are not counted. */
    static String aliasBomb(int baseAliases) {
        List<String> lines = new ArrayList<>();
        lines.add("s: &s xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
        lines.add("b: &b [" + String.join(", ", java.util.Collections.nCopies(baseAliases, "*s")) + "]");
        lines.add("l1: &l1 [*b, *b, *b]");
        for (int i = 2; i <= 6; i++) {
            lines.add("l" + i + ": &l" + i + " [*l" + (i - 1) + ", *l" + (i - 1) + ", *l" + (i - 1) + "]");
        }
        lines.add("top: [*l6, *l6]");
        return String.join("\n", lines) + "\n" + HEAD;
    }

    /** The same on mappings, with merge keys. */
    static String mergeBomb() {
        StringBuilder sb = new StringBuilder("s: &s yyyyyyyyyyyyyyyyyyyyyyyyyyyy\nm0: &m0 {");
        for (int i = 0; i < 200; i++) {
            sb.append(i == 0 ? "" : ", ").append("k").append(i).append(": *s");
        }
        sb.append("}\n");
        for (int i = 1; i <= 6; i++) {
            sb.append("m").append(i).append(": &m").append(i).append(" {a: *m").append(i - 1).append(", b: *m").append(i - 1)
                    .append(", <<: *m").append(i - 1).append("}\n");
        }
        return sb + HEAD;
    }

    static String deepFlow(int depth) {
        return HEAD + "        description: " + "[".repeat(depth) + "]".repeat(depth) + "\n";
    }

    /** One value as long as the input limit allows, on one line. */
    static String longScalarLine() {
        return HEAD + "        description: " + "x".repeat(MIB - 200) + "\n";
    }

    /** One value of about 0.9 MiB in a block scalar of short lines. */
    static String longBlockScalar() {
        return HEAD + "        description: |\n" + ("          " + "y".repeat(60) + "\n").repeat(14_500);
    }

    /** 200,000 tiny keys (all 'a', so each is also a duplicate). */
    static String tinyKeys() {
        return "product:\n  name: Shop\n" + "  a:\n".repeat(200_000) + "modules: []\n";
    }

    /** An entity with {@code n} fields with short distinct names (a, b, ... z, ba, bb ...). */
    static String jdlFields(int n) {
        StringBuilder sb = new StringBuilder("entity A {\n");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append(letters(i)).append(" Long");
        }
        return sb.append("\n}\n").toString();
    }

    static String letters(int i) {
        StringBuilder sb = new StringBuilder();
        do {
            sb.append((char) ('a' + i % 26));
            i /= 26;
        } while (i > 0);
        return sb.toString();
    }

    static String jdlUnclosedComments() {
        return "entity A { a String }\n" + "/* ".repeat(349_000) + "\n";
    }

    /** One opening quote, then only escaped quotes: a lexer that falls back one character rescans the line each time. */
    static String jdlUnclosedString() {
        return "application { config { baseName \"" + "\\\"".repeat(340_000) + "\n} }\nentity A { a String }\n";
    }

    static String jdlUnclosedPattern() {
        return "entity A { a String pattern(/x" + "\\/x".repeat(340_000) + "\n) }\n";
    }

    static String jdlDeepBrackets() {
        return "application { config { baseName a, x " + "[".repeat(500_000) + "]".repeat(500_000) + " } }\nentity A { a String }\n";
    }

    static String jdlSyntaxErrorFlood() {
        return "entity A { a String }\n" + "}".repeat(190_000) + "\n";
    }

    /** An error on every line that never lets the parser match a token again: ANTLR recovers silently, token by token. */
    static String jdlSilentRecoveryFlood() {
        return "entity A { a String }\n" + "entity 1\n".repeat(90_000);
    }

    /** One reported error per line. */
    static String jdlReportedErrorFlood() {
        return "entity A { a String }\n" + "x = y\n".repeat(60_000);
    }

    static String jdlLongNumber() {
        return "entity A { a Integer min(" + "9".repeat(1_000_000) + ") }\n";
    }

    /**
     * 200 documented enum values of 1,900 characters, and 10,000 fields of that enum (50 entities of 200): each field's
     * description would be 380 KB, 3.8 GB in all.
     */
    static String jdlEnumAmplification() {
        StringBuilder sb = new StringBuilder("enum Big {\n");
        for (int i = 0; i < 200; i++) {
            sb.append(i == 0 ? "" : ",\n").append("  /** ").append("v".repeat(1_900)).append(" */\n  V").append(i);
        }
        sb.append("\n}\n");
        for (int e = 0; e < 50; e++) {
            sb.append("entity A").append(e).append(" {\n");
            for (int i = 0; i < 200; i++) {
                sb.append(i == 0 ? "" : ",").append("f").append(i).append(" Big");
            }
            sb.append("\n}\n");
        }
        return sb.toString();
    }

    /** 20,000 entities, each with a relationship to an undeclared one (a "did you mean" for each, against all the others). */
    static String jdlUnknownTargets(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append("entity E").append(i).append('\n');
        }
        sb.append("relationship ManyToOne {\n");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",\n").append("E").append(i).append(" to Zq").append(i);
        }
        return sb.append("\n}\n").toString();
    }

    /** A field pattern in a minimal blueprint. */
    static String yamlWithPattern(String pattern) {
        return HEAD + "        fields:\n          - name: code\n            type: string\n            pattern: '" + pattern.replace("'", "''") + "'\n";
    }

    /** A pattern and an example that does not match it: the example is the first value tried. */
    static String yamlWithPattern(String pattern, String example) {
        return yamlWithPattern(pattern) + "            example: '" + example + "'\n";
    }

    /** The worst inputs, by name, for the deadline test. */
    static Map<String, String> worst() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("alias-bomb-2k.blueprint.yaml", aliasBomb(460));
        m.put("alias-bomb-40k.blueprint.yaml", aliasBomb(9_500));
        m.put("merge-bomb.blueprint.yaml", mergeBomb());
        m.put("recursive-alias.blueprint.yaml", "loop: &loop [*loop]\n" + HEAD);
        m.put("deep-10000.blueprint.yaml", deepFlow(10_000));
        m.put("scalar-1mib-line.blueprint.yaml", longScalarLine());
        m.put("scalar-1mib-block.blueprint.yaml", longBlockScalar());
        m.put("keys-200k.blueprint.yaml", tinyKeys());
        m.put("redos-nested.blueprint.yaml", yamlWithPattern("^(a+)+$"));
        m.put("redos-alternation.blueprint.yaml", yamlWithPattern("(a|aa)*b"));
        m.put("redos-xx.blueprint.yaml", yamlWithPattern("(x+x+)+y"));
        // java.util.regex (JDK 17) still backtracks exponentially on these when the example does not match
        m.put("redos-counted-example.blueprint.yaml", yamlWithPattern("^(.*a){20}$", "a".repeat(30) + "b"));
        m.put("redos-backreference-example.blueprint.yaml", yamlWithPattern("^((a+)+)\\1c$", "a".repeat(30) + "!"));
        m.put("repeat-blowup.blueprint.yaml", yamlWithPattern("(a{1000}){1000}"));
        m.put("not-matching-hang.blueprint.yaml", yamlWithPattern("[^a]|[^b]"));
        m.put("fields-100k.jdl", jdlFields(100_000));
        m.put("fields-60k.jdl", jdlFields(60_000));
        m.put("unclosed-comments.jdl", jdlUnclosedComments());
        m.put("unclosed-string.jdl", jdlUnclosedString());
        m.put("unclosed-pattern.jdl", jdlUnclosedPattern());
        m.put("deep-brackets.jdl", jdlDeepBrackets());
        m.put("syntax-errors.jdl", jdlSyntaxErrorFlood());
        m.put("silent-recovery.jdl", jdlSilentRecoveryFlood());
        m.put("reported-errors.jdl", jdlReportedErrorFlood());
        m.put("long-number.jdl", jdlLongNumber());
        m.put("enum-amplification.jdl", jdlEnumAmplification());
        m.put("unknown-targets.jdl", jdlUnknownTargets(20_000));
        m.put("unknown-targets-500.jdl", jdlUnknownTargets(500));
        return m;
    }
}
