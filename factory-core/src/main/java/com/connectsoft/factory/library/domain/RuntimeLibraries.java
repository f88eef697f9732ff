package com.connectsoft.factory.library.domain;

import java.util.List;
import java.util.Optional;

/**
 * The runtime libraries this factory holds, by id and version. Platform data, not a tenant's: every tenant's templates
 * name the same libraries. Read-only.
 */
public interface RuntimeLibraries {
    List<RuntimeLibrary> all();

    Optional<RuntimeLibrary> find(String id, String version);

    /**
     * The hash of what a library version is made of ({@code sha256:} over every file of its project but build outputs, in
     * path order): its verification is recorded against it, as a template version's is against its content hash.
     */
    String contentHash(RuntimeLibrary library);

    /** None: for factories without a libraries folder (a template naming a library then cannot be prepared). */
    RuntimeLibraries NONE = new RuntimeLibraries() {
        @Override
        public List<RuntimeLibrary> all() {
            return List.of();
        }

        @Override
        public Optional<RuntimeLibrary> find(String id, String version) {
            return Optional.empty();
        }

        @Override
        public String contentHash(RuntimeLibrary library) {
            throw new IllegalArgumentException("no runtime library " + library.ref() + " here");
        }
    };
}
