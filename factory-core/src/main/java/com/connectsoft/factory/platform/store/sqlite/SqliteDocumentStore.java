package com.connectsoft.factory.platform.store.sqlite;

import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.platform.store.Document;
import com.connectsoft.factory.platform.store.DocumentStore;
import com.connectsoft.factory.platform.store.DocumentTransaction;
import com.connectsoft.factory.platform.store.Filter;
import com.connectsoft.factory.platform.store.Page;
import com.connectsoft.factory.platform.store.PageRequest;
import com.connectsoft.factory.platform.store.StoreConflictException;
import com.connectsoft.factory.platform.store.StoreConflictException.Kind;
import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.shared.domain.TenantId;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** The embedded document store: one SQLite table keyed by (tenant, collection, id). */
public final class SqliteDocumentStore implements DocumentStore {
    private final EmbeddedDatabase db;
    private final Clock clock;

    public SqliteDocumentStore(EmbeddedDatabase db, Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public <T> T transact(TenantId tenant, Function<DocumentTransaction, T> work) {
        Objects.requireNonNull(tenant, "tenantId is required: every store operation is scoped to one tenant");
        Objects.requireNonNull(work, "work");
        return db.inTransaction(c -> work.apply(new Tx(c, tenant)));
    }

    @Override
    public Optional<Document> get(TenantId tenant, String collection, String id) {
        return transact(tenant, tx -> tx.get(collection, id));
    }

    @Override
    public Page<Document> query(TenantId tenant, String collection, Filter filter, PageRequest page) {
        Objects.requireNonNull(tenant, "tenantId is required: every store operation is scoped to one tenant");
        Objects.requireNonNull(filter, "filter");
        StringBuilder sql = new StringBuilder("SELECT * FROM documents WHERE tenant_id = ? AND collection = ?");
        List<String> args = new ArrayList<>(List.of(tenant.value(), collection));
        for (Map.Entry<String, String> e : filter.equalTo().entrySet()) {
            sql.append(" AND json_extract(body, '$.").append(e.getKey()).append("') = ?");
            args.add(e.getValue());
        }
        page.continuation().ifPresent(token -> {
            sql.append(" AND id > ?");
            args.add(decodeToken(token));
        });
        sql.append(" ORDER BY id LIMIT ").append(page.limit() + 1);
        return db.inTransaction(c -> {
            List<Document> docs = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setString(i + 1, args.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        docs.add(read(rs));
                    }
                }
            }
            if (docs.size() > page.limit()) {
                List<Document> items = docs.subList(0, page.limit());
                return new Page<>(items, Optional.of(encodeToken(items.get(items.size() - 1).id())));
            }
            return new Page<>(docs, Optional.empty());
        });
    }

    private static String encodeToken(String lastId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastId.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeToken(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("continuation token '" + token + "' is not one this store issued");
        }
    }

    private static Document read(ResultSet rs) throws SQLException {
        return new Document(TenantId.of(rs.getString("tenant_id")), rs.getString("collection"), rs.getString("id"),
                rs.getString("etag"), Json.read(rs.getString("body")),
                Instant.parse(rs.getString("created_at")), Instant.parse(rs.getString("updated_at")));
    }

    private final class Tx implements DocumentTransaction {
        private final Connection c;
        private final TenantId tenant;

        Tx(Connection c, TenantId tenant) {
            this.c = c;
            this.tenant = tenant;
        }

        @Override
        public Optional<Document> get(String collection, String id) {
            requireKey(collection, id);
            return sql(() -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT * FROM documents WHERE tenant_id = ? AND collection = ? AND id = ?")) {
                    ps.setString(1, tenant.value());
                    ps.setString(2, collection);
                    ps.setString(3, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? Optional.of(read(rs)) : Optional.<Document>empty();
                    }
                }
            });
        }

        @Override
        public Document create(String collection, String id, JsonNode body) {
            if (get(collection, id).isPresent()) {
                throw new StoreConflictException(Kind.ALREADY_EXISTS, collection + "/" + id + " already exists");
            }
            Instant now = clock.instant();
            return write(collection, id, body, now, now, true);
        }

        @Override
        public Document replace(String collection, String id, JsonNode body, String ifMatch) {
            Document current = get(collection, id).orElseThrow(() ->
                    new StoreConflictException(Kind.NOT_FOUND, collection + "/" + id + " does not exist"));
            if (!current.etag().equals(ifMatch)) {
                throw new StoreConflictException(Kind.ETAG_MISMATCH,
                        collection + "/" + id + " was changed by someone else (etag " + ifMatch + " is stale)");
            }
            return write(collection, id, body, current.createdAt(), clock.instant(), false);
        }

        @Override
        public Document upsert(String collection, String id, JsonNode body) {
            Optional<Document> current = get(collection, id);
            Instant now = clock.instant();
            return write(collection, id, body, current.map(Document::createdAt).orElse(now), now, current.isEmpty());
        }

        @Override
        public boolean delete(String collection, String id, Optional<String> ifMatch) {
            Optional<Document> current = get(collection, id);
            if (current.isEmpty()) {
                return false;
            }
            if (ifMatch.isPresent() && !current.get().etag().equals(ifMatch.get())) {
                throw new StoreConflictException(Kind.ETAG_MISMATCH,
                        collection + "/" + id + " was changed by someone else (etag " + ifMatch.get() + " is stale)");
            }
            return sql(() -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "DELETE FROM documents WHERE tenant_id = ? AND collection = ? AND id = ?")) {
                    ps.setString(1, tenant.value());
                    ps.setString(2, collection);
                    ps.setString(3, id);
                    return ps.executeUpdate() == 1;
                }
            });
        }

        @Override
        public void publish(Envelope event) {
            Objects.requireNonNull(event, "event");
            if (!event.tenantId().equals(tenant.value())) {
                throw new IllegalArgumentException("event " + event.eventId() + " belongs to tenant " + event.tenantId()
                        + " and cannot be published in a transaction of tenant " + tenant.value());
            }
            sql(() -> {
                Outbox.insert(c, event, clock.instant());
                db.outboxWritten();
                return null;
            });
        }

        private Document write(String collection, String id, JsonNode body, Instant created, Instant updated, boolean insert) {
            requireKey(collection, id);
            if (!(body instanceof ObjectNode)) {
                throw new IllegalArgumentException("a document body must be a JSON object");
            }
            ObjectNode stored = ((ObjectNode) body).deepCopy();
            stored.put("id", id);
            stored.put("tenantId", tenant.value());
            String etag = "\"" + UUID.randomUUID() + "\"";
            String sql = insert
                    ? "INSERT INTO documents (etag, body, created_at, updated_at, tenant_id, collection, id) VALUES (?,?,?,?,?,?,?)"
                    : "UPDATE documents SET etag = ?, body = ?, created_at = ?, updated_at = ? WHERE tenant_id = ? AND collection = ? AND id = ?";
            sql(() -> {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setString(1, etag);
                    ps.setString(2, Json.write(stored));
                    ps.setString(3, created.toString());
                    ps.setString(4, updated.toString());
                    ps.setString(5, tenant.value());
                    ps.setString(6, collection);
                    ps.setString(7, id);
                    return ps.executeUpdate();
                }
            });
            return new Document(tenant, collection, id, etag, stored, created, updated);
        }

        private <T> T sql(SqlCall<T> work) {
            try {
                return work.call();
            } catch (SQLException e) {
                throw new IllegalStateException("embedded database error: " + e.getMessage(), e);
            }
        }
    }

    @FunctionalInterface
    private interface SqlCall<T> {
        T call() throws SQLException;
    }

    private static void requireKey(String collection, String id) {
        if (collection == null || collection.isBlank()) {
            throw new IllegalArgumentException("collection is required");
        }
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("document id is required");
        }
    }
}
