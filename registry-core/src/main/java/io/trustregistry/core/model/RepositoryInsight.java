package io.trustregistry.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a code repository (GitHub) reveals beyond its README: its file tree, languages,
 * popularity, maintenance state, and how its changes were reviewed.
 *
 * @param paths         file paths of the default branch (capped; see {@code treeTruncated})
 * @param treeTruncated whether {@code paths} is incomplete
 * @param languages     bytes of code per language
 * @param stars         stargazers
 * @param forks         forks
 * @param archived      whether the repository is archived (read-only)
 * @param pushedAt      last push, if known
 * @param reviews       review coverage of recent merged pull requests, if it could be measured
 */
public record RepositoryInsight(List<String> paths, boolean treeTruncated, Map<String, Long> languages, long stars,
                                long forks, boolean archived, Optional<Instant> pushedAt,
                                Optional<ReviewSample> reviews) {
    public RepositoryInsight {
        paths = List.copyOf(paths);
        languages = Map.copyOf(languages);
        Objects.requireNonNull(pushedAt, "pushedAt");
        Objects.requireNonNull(reviews, "reviews");
    }
}
