package com.connectsoft.factory.build.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.build.domain.MutationReport;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PIT's mutations.xml, read as the untrusted file it is: figures per status and class, hostile XML refused. */
class PitReportsTest {
    @TempDir
    Path dir;

    private static String mutation(String status, String cls) {
        return "<mutation detected='" + !status.equals("SURVIVED") + "' status='" + status + "' numberOfTestsRun='1'>"
                + "<sourceFile>X.java</sourceFile><mutatedClass>" + cls + "</mutatedClass><mutatedMethod>m</mutatedMethod>"
                + "<lineNumber>3</lineNumber><mutator>org.pitest.M</mutator><description>d</description></mutation>";
    }

    private static MutationReport read(String xml, int top) throws Exception {
        return PitReports.read("orders", new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), 42, top);
    }

    @Test
    void countsDetectedSurvivedAndUncoveredMutantsAndRanksClassesBySurvivors() throws Exception {
        String xml = "<?xml version='1.0' encoding='UTF-8'?><mutations partial='false'>"
                + mutation("KILLED", "a.Fields") + mutation("KILLED", "a.Fields") + mutation("SURVIVED", "a.Fields")
                + mutation("NO_COVERAGE", "a.Http") + mutation("NO_COVERAGE", "a.Http") + mutation("SURVIVED", "a.Http")
                + mutation("TIMED_OUT", "a.Page") + mutation("MEMORY_ERROR", "a.Page") + mutation("RUN_ERROR", "a.Page")
                + mutation("KILLED", "a.Json") + "</mutations>";
        MutationReport r = read(xml, 5);
        assertTrue(r.measured());
        assertEquals("orders", r.module());
        assertEquals(10, r.mutants());
        assertEquals(6, r.killed(), "killed, timed out, memory and run errors are detected, as PIT scores them");
        assertEquals(2, r.survived());
        assertEquals(2, r.noCoverage());
        assertEquals(60.0, r.score(), 1e-9);
        assertEquals(42, r.durationMs());
        assertEquals(List.of(new MutationReport.ClassFigures("a.Http", 3, 1, 2), new MutationReport.ClassFigures("a.Fields", 3, 1, 0)),
                r.classes(), "classes without undetected mutants are left out; most undetected first");
        assertEquals(1, read(xml, 1).classes().size());
    }

    @Test
    void anEmptyReportHasAScoreOfZero() throws Exception {
        MutationReport r = read("<mutations/>", 5);
        assertEquals(0, r.mutants());
        assertEquals(0.0, r.score());
        assertEquals(List.of(), r.classes());
    }

    @Test
    void aDtdOrMalformedXmlIsRefused() {
        String xxe = "<?xml version='1.0'?><!DOCTYPE m [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><mutations>"
                + mutation("KILLED", "&x;") + "</mutations>";
        assertThrows(PitReports.UnreadableReport.class, () -> read(xxe, 5));
        PitReports.UnreadableReport e = assertThrows(PitReports.UnreadableReport.class, () -> read("<mutations><mutation>", 5));
        assertTrue(e.getMessage().contains("not well-formed"), e.getMessage());
    }

    @Test
    void classNamesAreReducedToJavaNameCharacters() throws Exception {
        MutationReport r = read("<mutations>" + mutation("SURVIVED", " a.B$1 [31m&lt;script&gt;\n") + "</mutations>", 5);
        assertFalse(r.classes().isEmpty());
        assertEquals("a.B$131mscript", r.classes().get(0).className());
    }

    @Test
    void aMissingOrOversizedFileIsUnreadable() throws Exception {
        assertThrows(PitReports.UnreadableReport.class, () -> PitReports.read("m", dir.resolve("none.xml"), 0, 5));
        Path big = dir.resolve("big.xml");
        try (var out = Files.newOutputStream(big)) {
            byte[] chunk = new byte[1 << 20];
            java.util.Arrays.fill(chunk, (byte) ' ');
            for (int i = 0; i <= PitReports.MAX_BYTES >> 20; i++) {
                out.write(chunk);
            }
        }
        PitReports.UnreadableReport e = assertThrows(PitReports.UnreadableReport.class, () -> PitReports.read("m", big, 0, 5));
        assertTrue(e.getMessage().contains("larger than"), e.getMessage());
    }
}
