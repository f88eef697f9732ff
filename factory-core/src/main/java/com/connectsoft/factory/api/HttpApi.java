package com.connectsoft.factory.api;

/**
 * What an HTTP host serves, independent of the server: requests in, responses out. A host runs the requests that
 * {@link #isWork} names (work whose cost depends on what a tenant sent: parsing, planning) on a bounded pool under a
 * deadline, and everything else on its request pool.
 */
public interface HttpApi {
    FactoryApi.Response handle(FactoryApi.Request request);

    /** Whether this request does work whose cost depends on tenant input, and so must run under a deadline. */
    boolean isWork(String method, String path);
}
