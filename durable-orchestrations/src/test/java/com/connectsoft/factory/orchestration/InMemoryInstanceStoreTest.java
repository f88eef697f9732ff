package com.connectsoft.factory.orchestration;

import com.connectsoft.factory.orchestration.local.InstanceStore;
import com.connectsoft.factory.orchestration.local.InstanceStoreContract;

/** The orchestration tests' in-memory store keeps the contract the factory's store keeps. */
class InMemoryInstanceStoreTest extends InstanceStoreContract {
    private final InMemoryInstanceStore store = new InMemoryInstanceStore();

    @Override
    protected InstanceStore store() {
        return store;
    }
}
