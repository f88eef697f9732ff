package com.connectsoft.factory.blueprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.blueprint.adapter.jdl.JdlBlueprintReader;
import com.connectsoft.factory.blueprint.domain.ParseOutcome;
import com.connectsoft.factory.blueprint.domain.Problem;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * JDL near the 1 MiB limit built to be slow or to grow: open strings, comments and patterns the lexer would rescan
 * from every character, brackets deep enough to overflow the parser's stack, floods of tokens, fields, syntax
 * errors or suggestions, long tokens, and comments amplified into every field's description. Each is refused fast
 * with a located problem. (On the reader as it was: three took over a minute, one overflowed the stack, one took
 * 40 s and 700 MB, the others seconds.)
 */
class JdlHostileInputTest {
    private final JdlBlueprintReader reader = new JdlBlueprintReader();

    private List<Problem> rejected(String jdl) {
        ParseOutcome o = Bounded.within(() -> reader.read("app.jdl", jdl.getBytes(StandardCharsets.UTF_8)));
        return assertInstanceOf(ParseOutcome.Rejected.class, o, o::toString).problems();
    }

    private Problem only(String jdl) {
        List<Problem> problems = rejected(jdl);
        assertEquals(1, problems.size(), problems::toString);
        return problems.get(0);
    }

    private static void at(Problem p, int line, int column, String messagePart) {
        assertEquals(line, p.line(), p::render);
        assertEquals(column, p.column(), p::render);
        assertTrue(p.message().contains(messagePart), p::render);
        assertTrue(p.hint().isPresent(), () -> "no hint: " + p.render());
    }

    @Test
    void openCommentsStringsAndPatternsAreOneTokenEachAndRefused() {
        at(only(HostileInputs.jdlUnclosedComments()), 2, 1, "this comment is not closed");
        at(only(HostileInputs.jdlUnclosedString()), 1, 33, "this string is not closed on its line");
        at(only(HostileInputs.jdlUnclosedPattern()), 1, 29, "this /pattern/ is not closed on its line");
    }

    @Test
    void deepBracketsAreRefusedBeforeTheParserRecurses() {
        at(only(HostileInputs.jdlDeepBrackets()), 1, 52, "brackets are nested more than 16 deep");
    }

    @Test
    void tooManyTokensAreRefusedWhileLexing() {
        Problem p = only(HostileInputs.jdlFields(100_000));
        assertTrue(p.message().contains("more than 200000 tokens"), p::render);
        assertEquals(2, p.line(), p::render);
    }

    @Test
    void tooManyFieldsAreRefusedBeforeMapping() {
        String fields = HostileInputs.jdlFields(60_000);
        at(only(fields), 2, fields.indexOf("," + HostileInputs.letters(200) + " Long") + 2 - "entity A {\n".length(),
                "more than 200 fields in entity A");
        at(only(HostileInputs.jdlUnknownTargets(20_000)), 501, 1, "more than 500 entities");
    }

    @Test
    void longTokensAreRefused() {
        at(only(HostileInputs.jdlLongNumber()), 1, 26, "this number is 1000000 characters long");
        at(only("entity " + "A".repeat(1_000_000) + " { a String }\n"), 1, 8, "this name is 1000000 characters long");
        at(only("/** " + "c".repeat(1_000_000) + " */\nentity A { a String }\n"), 1, 1, "this comment is 1000007 characters long");
    }

    @Test
    void aFloodOfSyntaxErrorsStopsAfterTwenty() {
        List<Problem> reported = rejected(HostileInputs.jdlReportedErrorFlood());
        assertTrue(reported.size() >= 10 && reported.size() <= 21, reported::toString);
        assertTrue(reported.get(0).message().startsWith("JDL syntax error") && reported.get(0).line() == 2, reported.get(0)::render);
        Problem last = reported.get(reported.size() - 1);
        assertTrue(last.message().contains("more syntax errors follow") && last.line() < 30, last::render);
        List<Problem> silent = rejected(HostileInputs.jdlSilentRecoveryFlood());
        assertTrue(silent.get(0).message().startsWith("JDL syntax error") && silent.get(0).line() == 2, silent::toString);
        assertTrue(silent.get(silent.size() - 1).message().contains("more syntax errors follow"), silent::toString);
        List<Problem> braces = rejected(HostileInputs.jdlSyntaxErrorFlood());
        assertTrue(braces.size() <= 21 && braces.get(0).line() == 2, braces::toString);
    }

    @Test
    void enumCommentsAreNotAmplifiedIntoEveryFieldsDescription() {
        List<Problem> problems = rejected(HostileInputs.jdlEnumAmplification());
        assertTrue(problems.size() >= 1 && problems.get(0).message().contains("longer than 2000 characters"), problems::toString);
        assertEquals(404, problems.get(0).line(), problems.get(0)::render);
    }

    @Test
    void aCommentThatWouldBecomeAnOverlongDescriptionIsRefusedAtTheComment() {
        at(only("entity A {\n  /** " + "d".repeat(2_100) + " */\n  a String\n}\n"), 2, 3, "a description of more than 2000 characters");
    }

    @Test
    void manyUnknownTargetsGetFiftyProblemsNotTenThousandSuggestions() {
        StringBuilder jdl = new StringBuilder("application { config { baseName shop } entities * }\n");
        for (int i = 0; i < 100; i++) {
            jdl.append("entity E").append(i).append('\n');
        }
        jdl.append("relationship ManyToOne {\n");
        for (int i = 0; i < 100; i++) {
            for (int j = 0; j < 50; j++) {
                jdl.append("  E").append(i).append("{r").append(j).append("} to Zq").append(i).append("x").append(j).append(",\n");
            }
        }
        List<Problem> problems = com.connectsoft.factory.blueprint.BlueprintConfiguration.READERS.read("app.jdl", jdl.append("}\n").toString()
                .getBytes(StandardCharsets.UTF_8)) instanceof ParseOutcome.Rejected r ? r.problems() : List.of();
        assertEquals(51, problems.size(), problems::toString);
        assertTrue(problems.get(0).message().contains("points to unknown entity"), problems.get(0)::render);
        assertTrue(problems.stream().anyMatch(p -> p.message().equals("checking stopped after 50 problems")), problems::toString);
    }
}
