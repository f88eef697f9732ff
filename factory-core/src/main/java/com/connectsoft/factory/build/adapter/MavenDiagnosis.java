package com.connectsoft.factory.build.adapter;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a Maven build failed, in one line a person can act on, read from its log (which an untrusted build wrote: only
 * printable text is kept, and every line is bounded).
 */
final class MavenDiagnosis {
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]");
    private static final Pattern NOT_DOWNLOADED = Pattern.compile(
            "artifact (\\S+) has not been downloaded from it before");
    private static final Pattern UNRESOLVED_LIST = Pattern.compile(
            "The following artifacts could not be resolved: (.+?): (?:Cannot access|Could not find|Could not transfer)");
    private static final Pattern PLUGIN = Pattern.compile("Plugin (\\S+) or one of its dependencies could not be resolved");
    private static final Pattern IMPORT_POM = Pattern.compile("Non-resolvable import POM: .*?artifact (\\S+) has not been downloaded");
    private static final Pattern PARENT_POM = Pattern.compile("Non-resolvable parent POM for .*?artifact (\\S+) has not been downloaded");
    private static final Pattern COMPILE_ERROR = Pattern.compile("^\\[ERROR\\] (?:/\\S*/)?([^/\\s]+\\.java):\\[(\\d+),\\d+\\] (.+)$");
    private static final Pattern FAILED_GOAL = Pattern.compile("^\\[ERROR\\] Failed to execute goal (.+)$");
    private static final Pattern TESTS_RUN = Pattern.compile("Tests run: (\\d+), Failures: (\\d+), Errors: (\\d+)");

    private MavenDiagnosis() {
    }

    /** The line without terminal escapes and control characters, at most 500 characters. */
    static String printable(String line) {
        String s = ANSI.matcher(line).replaceAll("");
        StringBuilder out = new StringBuilder(Math.min(s.length(), 500));
        for (int i = 0; i < s.length() && out.length() < 500; i++) {
            char c = s.charAt(i);
            if (c == '\t') {
                out.append(' ');
            } else if (!Character.isISOControl(c) && Character.getType(c) != Character.FORMAT) {
                out.append(c);
            }
        }
        return out.toString();
    }

    static List<String> printable(List<String> lines) {
        return lines.stream().map(MavenDiagnosis::printable).toList();
    }

    /**
     * Why the build failed.
     *
     * @param log    the build's log lines
     * @param tests  what the test reports say
     * @param exit    the process's exit code
     * @param offline whether the build ran offline (a missing artifact is then missing from the local repository)
     */
    static String reason(List<String> log, SurefireReports.Summary tests, int exit, boolean offline) {
        List<String> lines = printable(log);
        String text = String.join("\n", lines);
        Optional<String> missing = missingArtifacts(text, offline);
        if (missing.isPresent()) {
            return missing.get();
        }
        List<String> compile = new ArrayList<>();
        for (String l : lines) {
            Matcher m = COMPILE_ERROR.matcher(l);
            if (m.matches()) {
                compile.add(m.group(1) + ":" + m.group(2) + ": " + m.group(3));
            }
        }
        if (!compile.isEmpty()) {
            Set<String> distinct = new LinkedHashSet<>(compile);
            return "compilation failed: " + distinct.iterator().next() + (distinct.size() > 1 ? " (and " + (distinct.size() - 1)
                    + " more error" + (distinct.size() > 2 ? "s" : "") + ")" : "");
        }
        int failed = tests.failures() + tests.errors();
        if (failed > 0) {
            List<String> names = tests.failed().stream().limit(2).map(SurefireReports.FailedTest::describe).toList();
            return failed + " of " + tests.tests() + " tests failed: " + String.join("; ", names)
                    + (failed > names.size() ? "; …" : "");
        }
        for (String l : lines) {
            Matcher m = TESTS_RUN.matcher(l);
            if (m.find() && (Integer.parseInt(m.group(2)) + Integer.parseInt(m.group(3))) > 0) {
                return "tests failed (" + l.replaceFirst("^\\[\\w+\\]\\s*", "").trim() + ")";
            }
        }
        if (text.contains("The forked VM terminated without properly saying goodbye") || text.contains("ExecutionException The forked VM")) {
            return "the test JVM ended abruptly (killed, out of memory, or System.exit in a test)";
        }
        if (text.contains("java.lang.OutOfMemoryError")) {
            return "out of memory";
        }
        for (String l : lines) {
            Matcher m = FAILED_GOAL.matcher(l);
            if (m.matches()) {
                return shorten(m.group(1).replaceAll(" -> \\[Help \\d+\\]$", ""));
            }
        }
        if (exit == 137) {
            return "killed (exit 137: the sandbox's memory or process limit, or a kill)";
        }
        for (int i = lines.size() - 1; i >= 0; i--) {
            String l = lines.get(i);
            if (l.startsWith("[ERROR]") && l.length() > 8 && !l.contains("Re-run Maven") && !l.contains("[Help ")
                    && !l.contains("For more information") && !l.contains("full stack trace") && !l.contains("-> [Help")) {
                return shorten(l.substring(7).trim());
            }
        }
        return "Maven exited with code " + exit;
    }

    private static String missing(boolean plural, boolean offline) {
        return offline ? (plural ? " are" : " is") + " not in the local repository (offline build)"
                : " could not be downloaded (check the network, proxy and Maven mirror settings)";
    }

    private static Optional<String> missingArtifacts(String text, boolean offline) {
        String why = missing(false, offline);
        Matcher plugin = PLUGIN.matcher(text);
        Matcher notDownloaded = NOT_DOWNLOADED.matcher(text);
        if (plugin.find()) {
            return Optional.of("plugin " + gav(plugin.group(1)) + why);
        }
        for (Pattern p : List.of(IMPORT_POM, PARENT_POM)) {
            Matcher m = p.matcher(text);
            if (m.find()) {
                return Optional.of((p == IMPORT_POM ? "imported BOM " : "parent POM ") + gav(m.group(1)) + why);
            }
        }
        Matcher list = UNRESOLVED_LIST.matcher(text);
        if (list.find()) {
            List<String> gavs = new ArrayList<>();
            for (String a : list.group(1).split(",\\s*")) {
                gavs.add(gav(a.trim()));
            }
            return Optional.of((gavs.size() == 1 ? "dependency " + gavs.get(0) : "dependencies " + String.join(", ", gavs))
                    + missing(gavs.size() > 1, offline));
        }
        if (notDownloaded.find()) {
            return Optional.of("dependency " + gav(notDownloaded.group(1)) + why);
        }
        return Optional.empty();
    }

    /** {@code g:a:jar:v} or {@code g:a:pom:v} as {@code g:a:v}; other forms unchanged. */
    static String gav(String coordinates) {
        String[] p = coordinates.replaceAll("[,.;]+$", "").split(":");
        if (p.length == 4) {
            return p[0] + ":" + p[1] + ":" + p[3];
        }
        if (p.length == 5) {
            return p[0] + ":" + p[1] + ":" + p[4] + " (" + p[3] + ")";
        }
        return String.join(":", p);
    }

    private static String shorten(String s) {
        return s.length() <= 240 ? s : s.substring(0, 239) + "…";
    }
}
