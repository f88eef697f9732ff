package com.connectsoft.factory.platform.store.sqlite;

import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.shared.domain.Envelope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/** The outbox table of the embedded database: one row per eventId (a second insert of the same id is ignored). */
public final class Outbox {
    private Outbox() {
    }

    public static void insert(Connection c, Envelope event, Instant publishedAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT OR IGNORE INTO outbox (event_id, tenant_id, event_type, body, published_at) VALUES (?,?,?,?,?)")) {
            ps.setString(1, event.eventId());
            ps.setString(2, event.tenantId());
            ps.setString(3, event.eventType());
            ps.setString(4, Json.write(event));
            ps.setString(5, publishedAt.toString());
            ps.executeUpdate();
        }
    }
}
