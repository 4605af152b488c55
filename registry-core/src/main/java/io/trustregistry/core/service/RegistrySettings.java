package io.trustregistry.core.service;

import java.time.Duration;

/**
 * Tunable limits of the core. Every value has a safe default; {@link #defaults()} is what a
 * registry with no configuration uses.
 *
 * @param pageSize          artifacts per enumeration page
 * @param maxQueries        queries accepted in one enumeration request
 * @param maxRegexLength    longest regular expression accepted, in characters
 * @param regexTimeBudget   how long a regex search may scan before answering 400
 * @param tokenLifetime     how long a token stays valid
 * @param tokenMaxUses      how many calls a token authorises
 * @param minPasswordLength shortest password a new user may have
 * @param maxUrlLength      longest source URL accepted
 * @param ratingGate        whether models rating below {@code ratingThreshold} are refused (424)
 * @param ratingThreshold   the least each gated metric must score
 * @param maxBundleBytes    largest source whose files are all stored; beyond it only small files are
 * @param smallFileBytes    files up to this size are stored even from sources over the cap
 * @param maxBundleFiles    most files one registration fetches and stores (a repository with
 *                          thousands of files would otherwise cost a request each); the rest
 *                          stay listed in the evidence with their sizes, so cost is unchanged
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
        int maxBundleFiles) {

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
        if (maxBundleBytes < 0 || smallFileBytes < 0 || maxBundleFiles < 0) {
            throw new IllegalArgumentException("bundle limits must not be negative");
        }
        if (!(ratingThreshold >= 0 && ratingThreshold <= 1)) {
            throw new IllegalArgumentException("ratingThreshold must be within [0, 1]");
        }
    }

    /** The defaults: 100 per page, 10-hour tokens good for 1000 calls, no rating gate. */
    public static RegistrySettings defaults() {
        return new RegistrySettings(100, 100, 2_000, Duration.ofSeconds(1), Duration.ofHours(10), 1000, 8, 2048,
                false, 0.5, 2L << 30, 10L << 20, 200);
    }

    /** A copy with another page size. */
    public RegistrySettings withPageSize(int value) {
        return new RegistrySettings(value, maxQueries, maxRegexLength, regexTimeBudget, tokenLifetime, tokenMaxUses,
                minPasswordLength, maxUrlLength, ratingGate, ratingThreshold, maxBundleBytes, smallFileBytes, maxBundleFiles);
    }

    /** A copy with another token lifetime and use limit. */
    public RegistrySettings withTokens(Duration lifetime, long maxUses) {
        return new RegistrySettings(pageSize, maxQueries, maxRegexLength, regexTimeBudget, lifetime, maxUses,
                minPasswordLength, maxUrlLength, ratingGate, ratingThreshold, maxBundleBytes, smallFileBytes, maxBundleFiles);
    }

    /** A copy with other bundle limits. */
    public RegistrySettings withBundleLimits(long maxBytes, long smallFile) {
        return new RegistrySettings(pageSize, maxQueries, maxRegexLength, regexTimeBudget, tokenLifetime, tokenMaxUses,
                minPasswordLength, maxUrlLength, ratingGate, ratingThreshold, maxBytes, smallFile, maxBundleFiles);
    }

    /** A copy fetching at most {@code files} files per registration. */
    public RegistrySettings withMaxBundleFiles(int files) {
        return new RegistrySettings(pageSize, maxQueries, maxRegexLength, regexTimeBudget, tokenLifetime, tokenMaxUses,
                minPasswordLength, maxUrlLength, ratingGate, ratingThreshold, maxBundleBytes, smallFileBytes, files);
    }

    /** A copy with the rating gate on at {@code threshold}. */
    public RegistrySettings withRatingGate(double threshold) {
        return new RegistrySettings(pageSize, maxQueries, maxRegexLength, regexTimeBudget, tokenLifetime, tokenMaxUses,
                minPasswordLength, maxUrlLength, true, threshold, maxBundleBytes, smallFileBytes, maxBundleFiles);
    }
}
