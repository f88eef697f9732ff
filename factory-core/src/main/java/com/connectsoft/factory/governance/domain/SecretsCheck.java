package com.connectsoft.factory.governance.domain;

import com.connectsoft.factory.template.domain.RenderedFile;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** No secrets in the output: storage and bus keys, private keys, cloud and git tokens, hard-coded passwords. */
public final class SecretsCheck implements GovernanceCheck {
    public static final String ID = "ConnectSoft.Governance.NoSecrets";
    static final String POLICY_VERSION = "1.0.0";
    private static final Map<String, Pattern> PATTERNS = Map.of(
            "storage account key", Pattern.compile("AccountKey=[A-Za-z0-9+/=]{20,}"),
            "shared access key", Pattern.compile("SharedAccessKey=[A-Za-z0-9+/=]{20,}"),
            "private key", Pattern.compile("-----BEGIN ([A-Z]+ )?PRIVATE KEY-----"),
            "AWS access key", Pattern.compile("\\bAKIA[0-9A-Z]{16}\\b"),
            "GitHub token", Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{36,}\\b"),
            "Slack token", Pattern.compile("\\bxox[abprs]-[A-Za-z0-9-]{10,}"),
            "Cosmos DB key", Pattern.compile("(?i)\"?(cosmos|account)_?key\"?\\s*[:=]\\s*\"[A-Za-z0-9+/=]{40,}\""),
            "hard-coded password", Pattern.compile("(?i)(password|passwd|pwd|secret)\"?\\s*[:=]\\s*\"[^\"\\s]{8,}\""));
    private static final Pattern GITHUB_PREFIX = Pattern.compile("gh[pousr]_");
    /**
     * Per pattern, text that every match contains (in the file's text, or for the case-insensitive ones in its ASCII
     * lower case): a file without it cannot match, and is not scanned with that pattern. The patterns that start with a
     * word boundary or ignore case are tried at every offset of a file; this literal search is a fraction of that.
     */
    private static final Map<String, java.util.function.BiPredicate<String, String>> PROBES = Map.of(
            "storage account key", (text, lower) -> text.contains("AccountKey="),
            "shared access key", (text, lower) -> text.contains("SharedAccessKey="),
            "private key", (text, lower) -> text.contains("PRIVATE KEY-----"),
            "AWS access key", (text, lower) -> text.contains("AKIA"),
            "GitHub token", (text, lower) -> GITHUB_PREFIX.matcher(text).find(),
            "Slack token", (text, lower) -> text.contains("xox"),
            "Cosmos DB key", (text, lower) -> lower.contains("key"),
            "hard-coded password", (text, lower) -> lower.contains("pass") || lower.contains("pwd") || lower.contains("secret"));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public CheckResult evaluate(String moduleId, List<RenderedFile> files) {
        Set<String> violations = new TreeSet<>();
        for (RenderedFile f : files) {
            String text = new String(f.bytes(), StandardCharsets.UTF_8);
            String lower = asciiLowerCase(text);
            int[] lineStarts = null;
            for (Map.Entry<String, Pattern> p : PATTERNS.entrySet()) {
                if (PROBES.get(p.getKey()).test(text, lower)) {
                    lineStarts = lineStarts != null ? lineStarts : lineStarts(text);
                    scan(f.path(), text, lineStarts, p.getKey(), p.getValue(), violations);
                }
            }
        }
        return CheckResult.of(ID, POLICY_VERSION, List.copyOf(violations));
    }

    /**
     * Finds the pattern line by line, in one pass over the file: a match within one line is a finding of that line;
     * a match that runs over a line break (a {@code \\s*} may cross it) is not, but each line it touches is tried
     * on its own, so the result is exactly that of matching every line separately.
     */
    private static void scan(String path, String text, int[] lineStarts, String what, Pattern pattern, Set<String> violations) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            int line = lineOf(lineStarts, m.start());
            int lastLine = lineOf(lineStarts, Math.max(m.start(), m.end() - 1));
            for (int i = line; i <= lastLine; i++) {
                if (line == lastLine || pattern.matcher(text).region(lineStarts[i], lineEnd(text, lineStarts, i)).find()) {
                    violations.add(path + ":" + (i + 1) + ": looks like a " + what);
                }
            }
        }
    }

    /** The text with A-Z as a-z and every other character as it is (what an ASCII case-insensitive pattern folds). */
    private static String asciiLowerCase(String text) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] >= 'A' && chars[i] <= 'Z') {
                chars[i] = (char) (chars[i] + ('a' - 'A'));
            }
        }
        return new String(chars);
    }

    /** Offsets where each line starts; line i (0-based) runs to the next start less its line break. */
    private static int[] lineStarts(String text) {
        int count = 1;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            count++;
        }
        int[] starts = new int[count];
        int n = 1;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            starts[n++] = i + 1;
        }
        return starts;
    }

    private static int lineEnd(String text, int[] lineStarts, int line) {
        return line + 1 < lineStarts.length ? lineStarts[line + 1] - 1 : text.length();
    }

    /** The 0-based line of a character offset. */
    private static int lineOf(int[] lineStarts, int offset) {
        int i = Arrays.binarySearch(lineStarts, offset);
        return i >= 0 ? i : -i - 2;
    }
}
