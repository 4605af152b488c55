package io.trustregistry.core.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything an upstream hub told us about a source at ingest time. It is stored with the
 * artifact, so reads, searches, lineage, cost and license checks never call upstream again.
 *
 * @param kind          what the URL points at
 * @param canonicalUrl  the source URL normalised (no {@code /tree/...}, no {@code .git})
 * @param hubId         {@code owner/name} on the hub, empty for plain downloads
 * @param suggestedName the name the registry derives when the client gives none
 * @param readme        README text, possibly truncated to the configured limit; empty if none
 * @param license       the license identifier as published (SPDX-like), if any
 * @param files         files with sizes
 * @param totalSizeBytes bytes a full download costs (sum of file sizes, or the published size)
 * @param datasetReferences datasets the source names (card data, tags), as the adapter typed them
 * @param codeReferences code repositories the source links to (README links)
 * @param parents       models this one derives from
 * @param popularity    downloads, likes, last modification
 * @param attributes    small scalar facts kept for display and lineage metadata
 *                      (for example {@code pipeline_tag}, {@code sha}, {@code library_name})
 * @param contributors  who changed the source repository, most active first (commit authors
 *                      on Hugging Face, contributors on GitHub); empty when unknown
 * @param repository    for code repositories: tree, languages, review coverage
 * @param degradations  upstream calls that failed during ingest and what they left unknown;
 *                      the rating repeats them in its notes
 */
public record SourceEvidence(
        SourceKind kind,
        String canonicalUrl,
        Optional<String> hubId,
        String suggestedName,
        String readme,
        Optional<String> license,
        List<SourceFile> files,
        long totalSizeBytes,
        List<SourceReference> datasetReferences,
        List<SourceReference> codeReferences,
        List<ParentReference> parents,
        Popularity popularity,
        Map<String, String> attributes,
        List<Contributor> contributors,
        Optional<RepositoryInsight> repository,
        List<String> degradations) {

    public SourceEvidence {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(canonicalUrl, "canonicalUrl");
        Objects.requireNonNull(hubId, "hubId");
        Objects.requireNonNull(suggestedName, "suggestedName");
        Objects.requireNonNull(readme, "readme");
        Objects.requireNonNull(license, "license");
        Objects.requireNonNull(popularity, "popularity");
        files = List.copyOf(files);
        datasetReferences = List.copyOf(datasetReferences);
        codeReferences = List.copyOf(codeReferences);
        parents = List.copyOf(parents);
        attributes = Map.copyOf(attributes);
        contributors = List.copyOf(contributors);
        Objects.requireNonNull(repository, "repository");
        degradations = List.copyOf(degradations);
        if (totalSizeBytes < 0) {
            throw new IllegalArgumentException("totalSizeBytes must not be negative");
        }
    }

    /** Starts a builder; fields left unset are empty. */
    public static Builder builder(SourceKind kind, String canonicalUrl, String suggestedName) {
        return new Builder(kind, canonicalUrl, suggestedName);
    }

    /** A builder for hub adapters, which learn fields one call at a time. */
    public static final class Builder {
        private final SourceKind kind;
        private final String canonicalUrl;
        private final String suggestedName;
        private Optional<String> hubId = Optional.empty();
        private String readme = "";
        private Optional<String> license = Optional.empty();
        private List<SourceFile> files = List.of();
        private long totalSizeBytes;
        private List<SourceReference> datasetReferences = List.of();
        private List<SourceReference> codeReferences = List.of();
        private List<ParentReference> parents = List.of();
        private Popularity popularity = Popularity.UNKNOWN;
        private Map<String, String> attributes = Map.of();
        private List<Contributor> contributors = List.of();
        private Optional<RepositoryInsight> repository = Optional.empty();
        private List<String> degradations = List.of();

        private Builder(SourceKind kind, String canonicalUrl, String suggestedName) {
            this.kind = kind;
            this.canonicalUrl = canonicalUrl;
            this.suggestedName = suggestedName;
        }

        public Builder hubId(String value) {
            this.hubId = Optional.ofNullable(value);
            return this;
        }

        public Builder readme(String value) {
            this.readme = value == null ? "" : value;
            return this;
        }

        public Builder license(String value) {
            this.license = Optional.ofNullable(value).filter(s -> !s.isBlank());
            return this;
        }

        public Builder files(List<SourceFile> value) {
            this.files = value;
            return this;
        }

        public Builder totalSizeBytes(long value) {
            this.totalSizeBytes = Math.max(0, value);
            return this;
        }

        public Builder datasetReferences(List<SourceReference> value) {
            this.datasetReferences = value;
            return this;
        }

        public Builder codeReferences(List<SourceReference> value) {
            this.codeReferences = value;
            return this;
        }

        public Builder parents(List<ParentReference> value) {
            this.parents = value;
            return this;
        }

        public Builder popularity(Popularity value) {
            this.popularity = value;
            return this;
        }

        public Builder attributes(Map<String, String> value) {
            this.attributes = value;
            return this;
        }

        public Builder contributors(List<Contributor> value) {
            this.contributors = value;
            return this;
        }

        public Builder repository(RepositoryInsight value) {
            this.repository = Optional.ofNullable(value);
            return this;
        }

        public Builder degradations(List<String> value) {
            this.degradations = value;
            return this;
        }

        public SourceEvidence build() {
            return new SourceEvidence(kind, canonicalUrl, hubId, suggestedName, readme, license, files,
                    totalSizeBytes, datasetReferences, codeReferences, parents, popularity, attributes,
                    contributors, repository, degradations);
        }
    }
}
