package com.connectsoft.factory.build.adapter;

import com.connectsoft.factory.build.domain.MutationReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads PIT's {@code mutations.xml}. The file comes out of the build sandbox, so it is untrusted input: no DTDs or
 * external entities, at most {@link #MAX_BYTES} bytes and {@link #MAX_MUTANTS} mutants, and only status and class names
 * are kept (a class name is shown, so it is reduced to the characters a Java name may have).
 */
public final class PitReports {
    static final long MAX_BYTES = 8L << 20;
    static final int MAX_MUTANTS = 100_000;
    /** PIT's statuses that count as detected in its mutation score. */
    private static final Set<String> DETECTED = Set.of("KILLED", "TIMED_OUT", "MEMORY_ERROR", "RUN_ERROR");

    private PitReports() {
    }

    /** A report is unreadable or too large: the measurement failed. */
    public static final class UnreadableReport extends Exception {
        UnreadableReport(String message) {
            super(message);
        }
    }

    /** The figures of {@code xml} for {@code module}, with at most {@code topClasses} classes listed. */
    public static MutationReport read(String module, Path xml, long durationMs, int topClasses) throws UnreadableReport {
        if (!Files.isRegularFile(xml, LinkOption.NOFOLLOW_LINKS)) {
            throw new UnreadableReport("PIT wrote no report (target/pit-reports/mutations.xml)");
        }
        try {
            if (Files.size(xml) > MAX_BYTES) {
                throw new UnreadableReport("PIT's report is larger than " + (MAX_BYTES >> 20) + " MiB");
            }
            try (InputStream in = Files.newInputStream(xml)) {
                return read(module, in, durationMs, topClasses);
            }
        } catch (IOException e) {
            throw new UnreadableReport("PIT's report cannot be read: " + e.getMessage());
        }
    }

    static MutationReport read(String module, InputStream in, long durationMs, int topClasses) throws UnreadableReport {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        int mutants = 0;
        int killed = 0;
        int survived = 0;
        int noCoverage = 0;
        Map<String, int[]> perClass = new LinkedHashMap<>();
        try {
            XMLStreamReader r = f.createXMLStreamReader(in);
            String status = null;
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.DTD) {
                    throw new UnreadableReport("PIT's report declares a DTD");
                }
                if (event != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                if (r.getLocalName().equals("mutation")) {
                    status = r.getAttributeValue(null, "status");
                    if (++mutants > MAX_MUTANTS) {
                        throw new UnreadableReport("PIT's report lists more than " + MAX_MUTANTS + " mutants");
                    }
                } else if (r.getLocalName().equals("mutatedClass") && status != null) {
                    String cls = javaName(r.getElementText());
                    int[] c = perClass.computeIfAbsent(cls, k -> new int[3]);
                    c[0]++;
                    if (DETECTED.contains(status)) {
                        killed++;
                    } else if (status.equals("NO_COVERAGE")) {
                        noCoverage++;
                        c[2]++;
                    } else {
                        survived++;
                        c[1]++;
                    }
                    status = null;
                }
            }
        } catch (XMLStreamException e) {
            throw new UnreadableReport("PIT's report is not well-formed XML (line " + (e.getLocation() == null ? "?" : e.getLocation().getLineNumber()) + ")");
        }
        List<MutationReport.ClassFigures> classes = new ArrayList<>();
        perClass.forEach((name, c) -> {
            if (c[1] + c[2] > 0) {
                classes.add(new MutationReport.ClassFigures(name, c[0], c[1], c[2]));
            }
        });
        classes.sort(Comparator.comparingInt(MutationReport.ClassFigures::undetected).reversed()
                .thenComparing(MutationReport.ClassFigures::className));
        return new MutationReport(module, true, mutants, killed, survived, noCoverage, durationMs,
                classes.subList(0, Math.min(topClasses, classes.size())), "");
    }

    /** A class name as shown: letters, digits, '.', '$' and '_' only, at most 200 characters. */
    static String javaName(String raw) {
        StringBuilder b = new StringBuilder();
        raw.strip().codePoints().filter(c -> Character.isLetterOrDigit(c) || c == '.' || c == '$' || c == '_')
                .limit(200).forEach(b::appendCodePoint);
        return b.isEmpty() ? "?" : b.toString();
    }
}
