package io.trustregistry.core.model;

import java.time.Instant;
import java.util.Optional;

/**
 * Upstream popularity signals; {@code -1} where the source does not publish a count.
 *
 * @param downloads    recent downloads as the hub reports them
 * @param likes        likes or stars
 * @param lastModified when the source last changed, if known
 */
public record Popularity(long downloads, long likes, Optional<Instant> lastModified) {
    /** Nothing known. */
    public static final Popularity UNKNOWN = new Popularity(-1, -1, Optional.empty());
}
