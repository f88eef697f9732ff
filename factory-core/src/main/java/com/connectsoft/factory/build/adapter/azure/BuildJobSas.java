package com.connectsoft.factory.build.adapter.azure;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.UserDelegationKey;
import com.azure.storage.blob.sas.BlobSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import com.azure.storage.blob.specialized.BlobClientBase;
import com.azure.storage.common.sas.SasProtocol;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Signs the URLs a build job gets: read on one blob (its sources), create and write on one blob (its report, its log),
 * each valid from a few minutes ago (clock skew) until {@code expiry}, never on a container, never list or delete.
 */
public interface BuildJobSas {
    /** The blob's URL with a SAS that lets its holder read it until {@code expiry}. */
    String read(BlobClientBase blob, OffsetDateTime expiry);

    /** The blob's URL with a SAS that lets its holder create or overwrite it until {@code expiry}. */
    String write(BlobClientBase blob, OffsetDateTime expiry);

    /** What signs: one line for logs. */
    String description();

    Duration SKEW = Duration.ofMinutes(5);

    /** The blob's URL with its name as is ('/' not escaped: the factory's blob names are letters, digits, '-', '.' and '/'). */
    static String url(BlobClientBase blob) {
        if (!blob.getBlobName().matches("[A-Za-z0-9./-]+")) {
            throw new IllegalArgumentException("blob name " + blob.getBlobName() + " would need escaping");
        }
        return blob.getAccountUrl() + "/" + blob.getContainerName() + "/" + blob.getBlobName();
    }

    static BlobServiceSasSignatureValues values(BlobSasPermission permission, OffsetDateTime now, OffsetDateTime expiry, SasProtocol protocol) {
        return new BlobServiceSasSignatureValues(expiry, permission).setStartTime(now.minus(SKEW)).setProtocol(protocol);
    }

    static BlobSasPermission readOnly() {
        return new BlobSasPermission().setReadPermission(true);
    }

    static BlobSasPermission createWrite() {
        return new BlobSasPermission().setCreatePermission(true).setWritePermission(true);
    }

    /**
     * User-delegation SAS: signed with a key the factory's identity asks Blob Storage for (its role must allow
     * {@code generateUserDelegationKey}; Storage Blob Data Contributor does), so no account key exists anywhere and a
     * SAS grants at most what the identity may do. Https only. The key is fetched for several hours and reused while
     * it outlives the SAS being signed.
     */
    final class UserDelegation implements BuildJobSas {
        static final Duration KEY_LIFETIME = Duration.ofHours(6);

        private final BlobServiceClient service;
        private final Clock clock;
        private UserDelegationKey key;

        public UserDelegation(BlobServiceClient service, Clock clock) {
            this.service = service;
            this.clock = clock;
        }

        @Override
        public String read(BlobClientBase blob, OffsetDateTime expiry) {
            return sign(blob, readOnly(), expiry);
        }

        @Override
        public String write(BlobClientBase blob, OffsetDateTime expiry) {
            return sign(blob, createWrite(), expiry);
        }

        private String sign(BlobClientBase blob, BlobSasPermission permission, OffsetDateTime expiry) {
            OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
            return url(blob) + "?" + blob.generateUserDelegationSas(values(permission, now, expiry, SasProtocol.HTTPS_ONLY), key(now, expiry));
        }

        private synchronized UserDelegationKey key(OffsetDateTime now, OffsetDateTime until) {
            if (key == null || key.getSignedExpiry().isBefore(until)) {
                OffsetDateTime expiry = now.plus(KEY_LIFETIME);
                key = service.getUserDelegationKey(now.minus(SKEW), expiry.isBefore(until) ? until : expiry);
            }
            return key;
        }

        @Override
        public String description() {
            return "user-delegation SAS of account " + service.getAccountName();
        }
    }

    /**
     * Service SAS signed with the account key of a connection string: for Azurite and local development only (in Azure
     * the artifact account has shared keys turned off, and the factory uses {@link UserDelegation}).
     */
    final class AccountKey implements BuildJobSas {
        private final Clock clock;

        public AccountKey(Clock clock) {
            this.clock = clock;
        }

        @Override
        public String read(BlobClientBase blob, OffsetDateTime expiry) {
            return sign(blob, readOnly(), expiry);
        }

        @Override
        public String write(BlobClientBase blob, OffsetDateTime expiry) {
            return sign(blob, createWrite(), expiry);
        }

        private String sign(BlobClientBase blob, BlobSasPermission permission, OffsetDateTime expiry) {
            OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
            return url(blob) + "?" + blob.generateSas(values(permission, now, expiry, SasProtocol.HTTPS_HTTP));
        }

        @Override
        public String description() {
            return "account-key SAS (connection string; local development only)";
        }
    }
}
