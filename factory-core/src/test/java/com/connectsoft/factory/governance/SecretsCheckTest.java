package com.connectsoft.factory.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.connectsoft.factory.governance.domain.CheckResult;
import com.connectsoft.factory.governance.domain.SecretsCheck;
import com.connectsoft.factory.run.vocabulary.Decision;
import com.connectsoft.factory.template.domain.RenderedFile;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The secrets check reports each (file, line, kind of secret) once, with 1-based lines, as matching line by line would. */
class SecretsCheckTest {
    private static final String KEY = "AccountKey=c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0";

    private static RenderedFile file(String path, String text) {
        return new RenderedFile(path, text.getBytes(StandardCharsets.UTF_8));
    }

    private static CheckResult check(RenderedFile... files) {
        return new SecretsCheck().evaluate("m", List.of(files));
    }

    @Test
    void cleanOutputIsAllowed() {
        CheckResult r = check(file("a.txt", "password: \"short\"\nno keys here\n"), file("b.txt", ""));
        assertEquals(Decision.Allow, r.decision());
        assertEquals(List.of(), r.reasons());
    }

    @Test
    void findingsNameTheirFileAndLineInOrderOnceEach() {
        CheckResult r = check(
                file("z.json", "{\n  \"x\": \"" + KEY + "\",\n  \"y\": \"" + KEY + " " + KEY + "\"\n}"),
                file("a.java", "class A {\n  String pwd = \"hunter22hunter\";\n}\n-----BEGIN RSA PRIVATE KEY-----"));
        assertEquals(Decision.Deny, r.decision());
        assertEquals(List.of(
                "a.java:2: looks like a hard-coded password",
                "a.java:4: looks like a private key",
                "z.json:2: looks like a storage account key",
                "z.json:3: looks like a storage account key"), r.reasons());
    }

    @Test
    void twoKindsOnOneLineAreTwoFindings() {
        CheckResult r = check(file("s.env", "first line\nAKIAABCDEFGHIJKLMNOP " + KEY));
        assertEquals(List.of("s.env:2: looks like a AWS access key", "s.env:2: looks like a storage account key"), r.reasons());
    }

    @Test
    void aMatchOnlyAcrossALineBreakIsNoFindingButALaterLineStillIs() {
        // across lines 1-2 the password pattern matches as a whole text; line by line only line 2's second assignment does
        CheckResult r = check(file("c.yaml", "password =\n\"abcdefgh12\" secret = \"zzzzzzzz9\"\npassword =\n\"abcdefgh12\""));
        assertEquals(List.of("c.yaml:2: looks like a hard-coded password"), r.reasons());
    }

    @Test
    void everyKindIsFoundAloneInAFileAndInAnyCaseWhereTheKindIgnoresCase() {
        String b64 = "c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0";
        List<String[]> kinds = List.of(
                new String[] {"x AccountKey=" + b64, "storage account key"},
                new String[] {"x SharedAccessKey=" + b64, "shared access key"},
                new String[] {"-----BEGIN PRIVATE KEY-----", "private key"},
                new String[] {"id AKIAABCDEFGHIJKLMNOP;", "AWS access key"},
                new String[] {"t=ghp_" + "a".repeat(36), "GitHub token"},
                new String[] {"(xoxb-1234567890ab)", "Slack token"},
                new String[] {"\"COSMOS_KEY\": \"" + b64 + "\"", "Cosmos DB key"},
                new String[] {"AcCoUnTkEy = \"" + b64 + "\"", "Cosmos DB key"},
                new String[] {"PassWD: \"hunter22hunter\"", "hard-coded password"},
                new String[] {"SECRET=\"hunter22hunter\"", "hard-coded password"},
                new String[] {"Pwd = \"hunter22hunter\"", "hard-coded password"});
        for (String[] k : kinds) {
            assertEquals(List.of("f.txt:2: looks like a " + k[1]), check(file("f.txt", "nothing\n" + k[0] + "\n")).reasons(), k[0]);
        }
        assertEquals(List.of(), check(file("f.txt", "gh_" + "a".repeat(40) + " ghx_" + "a".repeat(40) + " Kelvin \u212Aey: \"" + b64 + "\"")).reasons());
    }
}
