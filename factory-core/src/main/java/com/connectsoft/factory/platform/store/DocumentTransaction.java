package com.connectsoft.factory.platform.store;

import com.connectsoft.factory.shared.domain.Envelope;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Writes inside one tenant's partition that commit or roll back together, together with the events they publish
 * (transactional outbox): an event is delivered if and only if the transaction that published it committed.
 */
public interface DocumentTransaction {
    Optional<Document> get(String collection, String id);

    /** @throws StoreConflictException ALREADY_EXISTS when the id is taken in this tenant's collection */
    Document create(String collection, String id, JsonNode body);

    /** @throws StoreConflictException NOT_FOUND or ETAG_MISMATCH when {@code ifMatch} is not the stored etag */
    Document replace(String collection, String id, JsonNode body, String ifMatch);

    Document upsert(String collection, String id, JsonNode body);

    /** @return false when nothing was there; @throws StoreConflictException ETAG_MISMATCH for a stale ifMatch */
    boolean delete(String collection, String id, Optional<String> ifMatch);

    /** Publishes through the outbox; the envelope's tenant must be the transaction's tenant. Same eventId twice is one event. */
    void publish(Envelope event);
}
