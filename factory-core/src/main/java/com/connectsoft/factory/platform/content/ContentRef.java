package com.connectsoft.factory.platform.content;

/** Where stored bytes are: their {@code sha256:} hash, size, and a storage reference for lineage records. */
public record ContentRef(String contentHash, long size, String storageRef) {
}
