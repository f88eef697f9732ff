package com.connectsoft.factory.build.adapter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Test counts and failed tests from Surefire's {@code TEST-*.xml} reports (and JUnit XML of the same name from other
 * test runners, such as Vitest's, whose {@code testsuites} root holds the totals). The reports come out of an untrusted
 * build: they are read as plain XML (no DTDs, no external entities), only regular files, at most 8 MiB each.
 */
final class SurefireReports {
    private static final long MAX_BYTES = 8L << 20;
    private static final XMLInputFactory XML = XMLInputFactory.newFactory();

    static {
        XML.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XML.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XML.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    }

    /** A test that failed or errored, with the first line of its message. */
    record FailedTest(String testClass, String test, String message) {
        String describe() {
            if (testClass.contains("/")) {
                // a JavaScript test file (Vitest's junit reporter names the file, and the test by its describe path)
                return testClass.substring(testClass.lastIndexOf('/') + 1) + ": " + test + (message.isBlank() ? "" : " (" + message + ")");
            }
            String simple = testClass.substring(testClass.lastIndexOf('.') + 1);
            return simple + "." + test + (message.isBlank() ? "" : " (" + message + ")");
        }
    }

    record Summary(int tests, int failures, int errors, int skipped, List<FailedTest> failed) {
        static final Summary NONE = new Summary(0, 0, 0, 0, List.of());

        Summary plus(Summary o) {
            List<FailedTest> all = new ArrayList<>(failed);
            all.addAll(o.failed);
            return new Summary(tests + o.tests, failures + o.failures, errors + o.errors, skipped + o.skipped, List.copyOf(all));
        }
    }

    private SurefireReports() {
    }

    static Summary read(Path dir) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return Summary.NONE;
        }
        Summary total = Summary.NONE;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (name.startsWith("TEST-") && name.endsWith(".xml") && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)
                        && Files.size(f) <= MAX_BYTES) {
                    total = total.plus(readOne(f));
                }
            }
        } catch (IOException e) {
            return total;
        }
        return total;
    }

    private static Summary readOne(Path file) {
        int tests = 0;
        int failures = 0;
        int errors = 0;
        int skipped = 0;
        List<FailedTest> failed = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            XMLStreamReader r = XML.createXMLStreamReader(in);
            String testClass = "";
            String test = "";
            boolean suiteSeen = false;
            while (r.hasNext()) {
                if (r.next() != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                switch (r.getLocalName()) {
                    case "testsuites" -> {
                        // one report for many suites (Vitest): its totals are the file's
                        if (!suiteSeen && r.getAttributeValue(null, "tests") != null) {
                            suiteSeen = true;
                            tests = number(r.getAttributeValue(null, "tests"));
                            failures = number(r.getAttributeValue(null, "failures"));
                            errors = number(r.getAttributeValue(null, "errors"));
                            skipped = number(r.getAttributeValue(null, "skipped"));
                        }
                    }
                    case "testsuite" -> {
                        if (!suiteSeen) {
                            suiteSeen = true;
                            tests = number(r.getAttributeValue(null, "tests"));
                            failures = number(r.getAttributeValue(null, "failures"));
                            errors = number(r.getAttributeValue(null, "errors"));
                            skipped = number(r.getAttributeValue(null, "skipped"));
                        }
                    }
                    case "testcase" -> {
                        testClass = attribute(r, "classname");
                        test = attribute(r, "name");
                    }
                    case "failure", "error" -> {
                        if (failed.size() < 50) {
                            String message = attribute(r, "message");
                            if (message.isBlank()) {
                                message = attribute(r, "type");
                            }
                            failed.add(new FailedTest(testClass, test, firstLine(message)));
                        }
                    }
                    default -> {
                    }
                }
            }
        } catch (IOException | XMLStreamException | RuntimeException e) {
            // an unreadable report counts as what was read of it
        }
        return new Summary(tests, failures, errors, skipped, failed);
    }

    private static String attribute(XMLStreamReader r, String name) {
        String v = r.getAttributeValue(null, name);
        return v == null ? "" : v;
    }

    private static int number(String s) {
        try {
            return s == null ? 0 : Math.max(0, Integer.parseInt(s.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static String firstLine(String s) {
        String line = s.strip().lines().findFirst().orElse("");
        line = MavenDiagnosis.printable(line);
        return line.length() <= 100 ? line : line.substring(0, 99) + "…";
    }
}
