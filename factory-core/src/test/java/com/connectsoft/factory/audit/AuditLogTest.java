package com.connectsoft.factory.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.audit.adapter.DocumentAuditLog;
import com.connectsoft.factory.audit.domain.AuditAction;
import com.connectsoft.factory.audit.domain.AuditChain;
import com.connectsoft.factory.audit.domain.AuditChain.Breach;
import com.connectsoft.factory.audit.domain.AuditChain.Verification;
import com.connectsoft.factory.audit.domain.AuditEntry;
import com.connectsoft.factory.audit.domain.AuditEvent;
import com.connectsoft.factory.audit.domain.AuditTrail;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.platform.store.Document;
import com.connectsoft.factory.platform.store.DocumentStore;
import com.connectsoft.factory.run.TestFactory;
import com.connectsoft.factory.shared.domain.TenantId;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tenant's audit log on the embedded store: a linear hash chain, one entry per key, safe under concurrent appends;
 * verifying names the first entry that was altered, removed or reordered.
 */
class AuditLogTest {
    private static final TenantId ACME = TenantId.of("acme");
    private static final TenantId GLOBEX = TenantId.of("globex");
    private Path dir;
    private Factory app;
    private AuditTrail trail;
    private DocumentStore store;

    @BeforeEach
    void open() throws Exception {
        dir = Files.createTempDirectory("audit");
        app = Factory.with(TestFactory.settings(dir.resolve("data"))).open();
        trail = app.audit().trail();
        store = app.platform().store();
    }

    @AfterEach
    void close() {
        app.close();
    }

    private void appendFive() {
        for (int i = 1; i <= 5; i++) {
            trail.record(ACME, AuditEvent.of("k" + i, AuditAction.POLICY_DECIDED, "policy:secrets", "run/r" + i).with("decision", "Allow"));
        }
    }

    private Verification verify(TenantId tenant) {
        return app.audit().queries().verify(tenant);
    }

    private ObjectNode body(long sequence) {
        return (ObjectNode) store.get(ACME, "audit-entries", DocumentAuditLog.entryId(sequence)).orElseThrow().body().deepCopy();
    }

    private void overwrite(long sequence, ObjectNode body) {
        store.transact(ACME, tx -> tx.upsert("audit-entries", DocumentAuditLog.entryId(sequence), body));
    }

    @Test
    void entriesChainByHashAndAnUntouchedLogVerifies() {
        appendFive();
        List<AuditEntry> entries = app.audit().queries().latest(ACME, 1000);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), entries.stream().map(AuditEntry::sequence).toList());
        assertEquals(AuditChain.GENESIS, entries.get(0).previousHash());
        for (int i = 1; i < entries.size(); i++) {
            assertEquals(entries.get(i - 1).hash(), entries.get(i).previousHash());
            assertEquals(AuditChain.hashOf(entries.get(i)), entries.get(i).hash());
        }
        Verification.Intact ok = assertInstanceOf(Verification.Intact.class, verify(ACME));
        assertEquals(5, ok.entries());
        assertEquals(entries.get(4).hash(), ok.headHash());
        assertEquals(0, assertInstanceOf(Verification.Intact.class, verify(GLOBEX)).entries(), "another tenant's log is its own");
    }

    @Test
    void theSameKeyAppendsOnce() {
        AuditEntry first = trail.record(ACME, AuditEvent.of("approval:run-1:m1", AuditAction.APPROVAL_GRANTED, "user:dana", "run/run-1"));
        AuditEntry again = trail.record(ACME, AuditEvent.of("approval:run-1:m1", AuditAction.APPROVAL_GRANTED, "user:dana", "run/run-1"));
        assertEquals(first, again);
        trail.record(GLOBEX, AuditEvent.of("approval:run-1:m1", AuditAction.APPROVAL_GRANTED, "user:dana", "run/run-1"));
        assertEquals(1, app.audit().queries().latest(ACME, 1000).size());
        assertEquals(1, app.audit().queries().latest(GLOBEX, 1000).size(), "keys are per tenant");
    }

    @Test
    void billingRecordsQuotaRefusalsAndPlanChangesThroughTheSamePortOncePerRequest() {
        trail.record(ACME, AuditEvent.quotaRefused("req-9", "tenant:acme", "runs", "20 per month", "2026-12-31T23:59:59Z"));
        trail.record(ACME, AuditEvent.quotaRefused("req-9", "tenant:acme", "runs", "20 per month", "2026-12-31T23:59:59Z"));
        trail.record(ACME, AuditEvent.planChanged("plan-v2", "admin", "developer", "team"));
        List<AuditEntry> entries = app.audit().queries().latest(ACME, 10);
        assertEquals(List.of(AuditAction.QUOTA_REFUSED, AuditAction.PLAN_CHANGED), entries.stream().map(AuditEntry::action).toList());
        assertEquals("runs", entries.get(0).details().get("meter"));
        assertEquals("team", entries.get(1).details().get("to"));
    }

    @Test
    void anAlteredEntryIsNamed() {
        appendFive();
        ObjectNode third = body(3);
        ((ObjectNode) third.get("details")).put("decision", "Deny");
        overwrite(3, third);
        Verification.Broken broken = assertInstanceOf(Verification.Broken.class, verify(ACME));
        assertEquals(3, broken.sequence());
        assertEquals(Breach.ALTERED, broken.breach(), broken.detail());
    }

    @Test
    void anEntryRewrittenWithAFreshHashBreaksTheLinkOfTheNext() {
        appendFive();
        AuditEntry e = Json.fromTree(body(2), AuditEntry.class);
        AuditEntry forged = new AuditEntry(e.sequence(), e.tenantId(), e.at(), AuditAction.APPROVAL_GRANTED, e.actor(), e.subject(), e.details(),
                e.key(), e.previousHash(), null);
        forged = new AuditEntry(forged.sequence(), forged.tenantId(), forged.at(), forged.action(), forged.actor(), forged.subject(),
                forged.details(), forged.key(), forged.previousHash(), AuditChain.hashOf(forged));
        overwrite(2, (ObjectNode) Json.toTree(forged));
        Verification.Broken broken = assertInstanceOf(Verification.Broken.class, verify(ACME));
        assertEquals(3, broken.sequence(), broken.detail());
        assertEquals(Breach.UNLINKED, broken.breach());
    }

    @Test
    void aRemovedEntryIsNamedInTheMiddleAndAtTheEnd() {
        appendFive();
        store.transact(ACME, tx -> tx.delete("audit-entries", DocumentAuditLog.entryId(2), Optional.empty()));
        Verification.Broken middle = assertInstanceOf(Verification.Broken.class, verify(ACME));
        assertEquals(2, middle.sequence());
        assertEquals(Breach.MISSING, middle.breach(), middle.detail());


        // the newest entry removed: only the head still names it
        TenantId other = TenantId.of("acme-two");
        AuditTrail t = app.audit().trail();
        for (int i = 1; i <= 3; i++) {
            t.record(other, AuditEvent.of("k" + i, AuditAction.RUN_CANCELLED, "run", "run/r" + i));
        }
        store.transact(other, tx -> tx.delete("audit-entries", DocumentAuditLog.entryId(3), Optional.empty()));
        Verification.Broken end = assertInstanceOf(Verification.Broken.class, verify(other));
        assertEquals(3, end.sequence(), end.detail());
        assertEquals(Breach.MISSING, end.breach());
    }

    @Test
    void reorderedEntriesAreNamed() {
        appendFive();
        ObjectNode second = body(2);
        ObjectNode third = body(3);
        overwrite(2, third);
        overwrite(3, second);
        Verification.Broken broken = assertInstanceOf(Verification.Broken.class, verify(ACME));
        assertEquals(2, broken.sequence(), broken.detail());
        assertEquals(Breach.OUT_OF_ORDER, broken.breach(), broken.detail());
    }

    @Test
    void concurrentAppendsGetDistinctSequencesAndOneLinearChain() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<List<Long>>> futures = new ArrayList<>();
            for (int w = 0; w < 6; w++) {
                int worker = w;
                futures.add(pool.submit(() -> {
                    List<Long> seqs = new ArrayList<>();
                    for (int i = 0; i < 20; i++) {
                        seqs.add(trail.record(ACME, AuditEvent.of("w" + worker + "-" + i, AuditAction.API_KEY_CREATED, "tenant:acme",
                                "key-" + worker + "-" + i)).sequence());
                        // the same occurrence from a redelivery, concurrently with the others
                        trail.record(ACME, AuditEvent.of("w" + worker + "-" + i, AuditAction.API_KEY_CREATED, "tenant:acme", "key"));
                    }
                    return seqs;
                }));
            }
            Set<Long> all = new HashSet<>();
            for (Future<List<Long>> f : futures) {
                all.addAll(f.get(60, TimeUnit.SECONDS));
            }
            assertEquals(120, all.size(), "every append got its own sequence number");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(120, assertInstanceOf(Verification.Intact.class, verify(ACME)).entries());
    }

    @Test
    void keyCreationAndRevocationAreAudited() {
        var issued = app.tenancy().administration().onboard(ACME, "Acme", "developer", java.time.Duration.ofDays(1)).key();
        app.tenancy().administration().revokeKey(ACME, issued.info().keyId());
        app.tenancy().administration().revokeKey(ACME, issued.info().keyId());
        List<AuditEntry> entries = app.audit().queries().latest(ACME, 10);
        assertEquals(List.of(AuditAction.API_KEY_CREATED, AuditAction.API_KEY_REVOKED), entries.stream().map(AuditEntry::action).toList());
        assertTrue(entries.stream().allMatch(e -> e.subject().equals(issued.info().keyId())));
        assertTrue(entries.stream().noneMatch(e -> e.details().toString().contains(issued.key())), "the key itself is never in the log");
    }

    @Test
    void theCanonicalFormIsCompactJsonWithSortedKeysAndEscapedStrings() {
        AuditEntry e = new AuditEntry(7, "acme", java.time.Instant.parse("2026-12-01T09:00:00.123456789Z"), AuditAction.APPROVAL_REJECTED,
                "user:\"dana\" \\ o'neil\n\u0001é", "run/r", java.util.Map.of("z", "last", "comment", "tab\there"), "k", AuditChain.GENESIS, null);
        String canonical = AuditChain.canonical(e);
        var tree = Json.read(canonical);
        assertEquals(List.of("action", "actor", "at", "details", "key", "previousHash", "sequence", "subject", "tenantId"),
                names(tree));
        assertEquals(e.actor(), tree.get("actor").asText());
        assertEquals(List.of("comment", "z"), names(tree.get("details")));
        assertEquals(7, tree.get("sequence").asLong());
        assertEquals("2026-12-01T09:00:00.123456789Z", tree.get("at").asText());
        assertTrue(canonical.contains("\\u0001") && !canonical.contains("\n"), canonical);
        assertEquals(Json.write(tree), canonical, "the same text Jackson writes for it");
    }

    private static List<String> names(com.fasterxml.jackson.databind.JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
