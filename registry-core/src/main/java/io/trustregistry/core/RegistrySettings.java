package io.trustregistry.core;

import java.time.Duration;

/**
 * Tunable limits of the core. Every value has a safe default; {@link #defaults()} is what a
 * registry with no configuration uses. Build other values with {@link #builder()} or
 * {@link #toBuilder()}, never positionally.
 *
 * @param pageSize                 artifacts per enumeration page
 * @param maxQueries               queries accepted in one enumeration request
 * @param maxRegexLength           longest regular expression accepted, in characters
 * @param regexTimeBudget          how long a regex search may scan before answering 400
 * @param tokenLifetime            how long a token stays valid
 * @param tokenMaxUses             how many calls a token authorises
 * @param minPasswordLength        shortest password a new user may have
 * @param maxUrlLength             longest source URL accepted
 * @param ratingGate               whether models rating below {@code ratingThreshold} are refused (424)
 * @param ratingThreshold          the least each gated metric must score
 * @param maxBundleBytes           largest source whose files are all stored; beyond it only small files are
 * @param smallFileBytes           files up to this size are stored even from sources over the cap
 * @param maxBundleFiles           most files one registration fetches and stores (a repository with
 *                                 thousands of files would otherwise cost a request each); the rest
 *                                 stay listed in the evidence with their sizes, so cost is unchanged
 * @param downloadRedirect         whether a single-file download may be answered with a redirect to a
 *                                 URL the blob store presigns (when it can)
 * @param downloadRedirectMinBytes smaller files are always served directly (READMEs, configs)
 * @param presignTtl               how long a presigned download URL stays valid
 * @param blobCollectionGrace      blobs written less than this long ago are never collected (an
 *                                 ingest commits its blobs before its record; this must exceed
 *                                 the longest ingest)
 * @param loginMaxFailures         failed logins for one user, or from one address, before further
 *                                 attempts are refused for a while (429)
 * @param loginMaxLockout          the longest such a refusal lasts (it doubles with each failure)
 * @param userRequestsPerSecond    calls one user may make per second, sustained, before 429; 0 for
 *                                 no limit
 * @param userRequestBurst         calls one user may make at once beyond that rate
 */
public record RegistrySettings(
        int pageSize,
        int maxQueries,
        int maxRegexLength,
        Duration regexTimeBudget,
        Duration tokenLifetime,
        long tokenMaxUses,
        int minPasswordLength,
        int maxUrlLength,
        boolean ratingGate,
        double ratingThreshold,
        long maxBundleBytes,
        long smallFileBytes,
        int maxBundleFiles,
        boolean downloadRedirect,
        long downloadRedirectMinBytes,
        Duration presignTtl,
        Duration blobCollectionGrace,
        int loginMaxFailures,
        Duration loginMaxLockout,
        int userRequestsPerSecond,
        int userRequestBurst) {

    public RegistrySettings {
        if (pageSize < 1 || pageSize > 10_000) {
            throw new IllegalArgumentException("pageSize must be between 1 and 10000");
        }
        if (maxQueries < 1) {
            throw new IllegalArgumentException("maxQueries must be positive");
        }
        if (maxRegexLength < 1) {
            throw new IllegalArgumentException("maxRegexLength must be positive");
        }
        if (regexTimeBudget.isNegative() || regexTimeBudget.isZero()) {
            throw new IllegalArgumentException("regexTimeBudget must be positive");
        }
        if (tokenLifetime.isNegative() || tokenLifetime.isZero()) {
            throw new IllegalArgumentException("tokenLifetime must be positive");
        }
        if (tokenMaxUses < 1) {
            throw new IllegalArgumentException("tokenMaxUses must be positive");
        }
        if (minPasswordLength < 1) {
            throw new IllegalArgumentException("minPasswordLength must be positive");
        }
        if (maxUrlLength < 16) {
            throw new IllegalArgumentException("maxUrlLength must be at least 16");
        }
        if (maxBundleBytes < 0 || smallFileBytes < 0 || maxBundleFiles < 0 || downloadRedirectMinBytes < 0) {
            throw new IllegalArgumentException("bundle and download limits must not be negative");
        }
        if (!(ratingThreshold >= 0 && ratingThreshold <= 1)) {
            throw new IllegalArgumentException("ratingThreshold must be within [0, 1]");
        }
        if (presignTtl.isNegative() || presignTtl.isZero()) {
            throw new IllegalArgumentException("presignTtl must be positive");
        }
        if (loginMaxFailures < 1 || loginMaxLockout.isNegative() || loginMaxLockout.isZero()) {
            throw new IllegalArgumentException("loginMaxFailures and loginMaxLockout must be positive");
        }
        if (userRequestsPerSecond < 0 || userRequestBurst < 1) {
            throw new IllegalArgumentException("userRequestsPerSecond must not be negative and userRequestBurst must be"
                    + " positive");
        }
        if (blobCollectionGrace.isNegative()) {
            throw new IllegalArgumentException("blobCollectionGrace must not be negative");
        }
    }

    /** The defaults: 100 per page, 10-hour tokens good for 1000 calls, no rating gate, no redirects. */
    public static RegistrySettings defaults() {
        return new RegistrySettings(100, 100, 2_000, Duration.ofSeconds(1), Duration.ofHours(10), 1000, 8, 2048,
                false, 0.5, 2L << 30, 10L << 20, 200, false, 1L << 20, Duration.ofMinutes(15), Duration.ofHours(6), 10,
                Duration.ofMinutes(15), 100, 500);
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return defaults().toBuilder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A copy with another page size. */
    public RegistrySettings withPageSize(int value) {
        return toBuilder().pageSize(value).build();
    }

    /** A copy with another token lifetime and use limit. */
    public RegistrySettings withTokens(Duration lifetime, long maxUses) {
        return toBuilder().tokenLifetime(lifetime).tokenMaxUses(maxUses).build();
    }

    /** A copy with other bundle limits. */
    public RegistrySettings withBundleLimits(long maxBytes, long smallFile) {
        return toBuilder().maxBundleBytes(maxBytes).smallFileBytes(smallFile).build();
    }

    /** A copy fetching at most {@code files} files per registration. */
    public RegistrySettings withMaxBundleFiles(int files) {
        return toBuilder().maxBundleFiles(files).build();
    }

    /** A copy with the rating gate on at {@code threshold}. */
    public RegistrySettings withRatingGate(double threshold) {
        return toBuilder().ratingGate(true).ratingThreshold(threshold).build();
    }

    /** Builds settings one named value at a time; {@link #build()} validates them together. */
    public static final class Builder {
        private int pageSize;
        private int maxQueries;
        private int maxRegexLength;
        private Duration regexTimeBudget;
        private Duration tokenLifetime;
        private long tokenMaxUses;
        private int minPasswordLength;
        private int maxUrlLength;
        private boolean ratingGate;
        private double ratingThreshold;
        private long maxBundleBytes;
        private long smallFileBytes;
        private int maxBundleFiles;
        private boolean downloadRedirect;
        private long downloadRedirectMinBytes;
        private Duration presignTtl;
        private Duration blobCollectionGrace;
        private int loginMaxFailures;
        private Duration loginMaxLockout;
        private int userRequestsPerSecond;
        private int userRequestBurst;

        private Builder(RegistrySettings from) {
            pageSize = from.pageSize;
            maxQueries = from.maxQueries;
            maxRegexLength = from.maxRegexLength;
            regexTimeBudget = from.regexTimeBudget;
            tokenLifetime = from.tokenLifetime;
            tokenMaxUses = from.tokenMaxUses;
            minPasswordLength = from.minPasswordLength;
            maxUrlLength = from.maxUrlLength;
            ratingGate = from.ratingGate;
            ratingThreshold = from.ratingThreshold;
            maxBundleBytes = from.maxBundleBytes;
            smallFileBytes = from.smallFileBytes;
            maxBundleFiles = from.maxBundleFiles;
            downloadRedirect = from.downloadRedirect;
            downloadRedirectMinBytes = from.downloadRedirectMinBytes;
            presignTtl = from.presignTtl;
            blobCollectionGrace = from.blobCollectionGrace;
            loginMaxFailures = from.loginMaxFailures;
            loginMaxLockout = from.loginMaxLockout;
            userRequestsPerSecond = from.userRequestsPerSecond;
            userRequestBurst = from.userRequestBurst;
        }

        public Builder pageSize(int value) {
            pageSize = value;
            return this;
        }

        public Builder maxQueries(int value) {
            maxQueries = value;
            return this;
        }

        public Builder maxRegexLength(int value) {
            maxRegexLength = value;
            return this;
        }

        public Builder regexTimeBudget(Duration value) {
            regexTimeBudget = value;
            return this;
        }

        public Builder tokenLifetime(Duration value) {
            tokenLifetime = value;
            return this;
        }

        public Builder tokenMaxUses(long value) {
            tokenMaxUses = value;
            return this;
        }

        public Builder minPasswordLength(int value) {
            minPasswordLength = value;
            return this;
        }

        public Builder maxUrlLength(int value) {
            maxUrlLength = value;
            return this;
        }

        public Builder ratingGate(boolean value) {
            ratingGate = value;
            return this;
        }

        public Builder ratingThreshold(double value) {
            ratingThreshold = value;
            return this;
        }

        public Builder maxBundleBytes(long value) {
            maxBundleBytes = value;
            return this;
        }

        public Builder smallFileBytes(long value) {
            smallFileBytes = value;
            return this;
        }

        public Builder maxBundleFiles(int value) {
            maxBundleFiles = value;
            return this;
        }

        public Builder downloadRedirect(boolean value) {
            downloadRedirect = value;
            return this;
        }

        public Builder downloadRedirectMinBytes(long value) {
            downloadRedirectMinBytes = value;
            return this;
        }

        public Builder presignTtl(Duration value) {
            presignTtl = value;
            return this;
        }

        public Builder blobCollectionGrace(Duration value) {
            blobCollectionGrace = value;
            return this;
        }

        public Builder loginMaxFailures(int value) {
            loginMaxFailures = value;
            return this;
        }

        public Builder loginMaxLockout(Duration value) {
            loginMaxLockout = value;
            return this;
        }

        public Builder userRequestsPerSecond(int value) {
            userRequestsPerSecond = value;
            return this;
        }

        public Builder userRequestBurst(int value) {
            userRequestBurst = value;
            return this;
        }

        /** The settings, validated. */
        public RegistrySettings build() {
            return new RegistrySettings(pageSize, maxQueries, maxRegexLength, regexTimeBudget, tokenLifetime,
                    tokenMaxUses, minPasswordLength, maxUrlLength, ratingGate, ratingThreshold, maxBundleBytes,
                    smallFileBytes, maxBundleFiles, downloadRedirect, downloadRedirectMinBytes, presignTtl,
                    blobCollectionGrace, loginMaxFailures, loginMaxLockout, userRequestsPerSecond, userRequestBurst);
        }
    }
}
