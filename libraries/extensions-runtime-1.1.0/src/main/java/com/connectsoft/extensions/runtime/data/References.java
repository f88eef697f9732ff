package com.connectsoft.extensions.runtime.data;

/**
 * Whether an item of one of this module's entity types exists in a tenant: how create, update and patch check the
 * module's own references. Scoped to the tenant: an id of another tenant does not exist.
 */
@FunctionalInterface
public interface References {
    boolean exists(String tenantId, String entity, String id);
}
