package com.connectsoft.extensions.runtime.data.cosmos;

import com.azure.cosmos.CosmosException;

/**
 * A Cosmos DB transactional batch that failed for a reason other than a conflict or a stale ETag (e.g. 429, 503):
 * an infrastructure fault, with the status the batch reported, handled like any other {@link CosmosException}.
 */
public final class BatchFailedException extends CosmosException {
    public BatchFailedException(int statusCode, String message) {
        super(statusCode, message);
    }
}
