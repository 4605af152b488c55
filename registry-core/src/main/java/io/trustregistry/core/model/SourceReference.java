package io.trustregistry.core.model;

import java.util.Objects;

/**
 * What one artifact's evidence names as another source (a dataset, a code repository), typed
 * by the hub adapter that recognised it. The core never parses a URL or a hub id: adapters
 * hand it these, and {@link ArtifactKeys} turns them into lookup keys.
 */
public sealed interface SourceReference {

    /** A Hugging Face repository, {@code owner/name} or a legacy bare {@code name}. */
    record HuggingFace(boolean dataset, String repoId) implements SourceReference {
        public HuggingFace {
            Objects.requireNonNull(repoId, "repoId");
        }
    }

    /** A GitHub repository. */
    record GitHub(String owner, String repo) implements SourceReference {
        public GitHub {
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(repo, "repo");
        }

        /** {@code owner/repo}. */
        public String fullName() {
            return owner + "/" + repo;
        }
    }

    /** A Kaggle dataset. */
    record Kaggle(String owner, String slug) implements SourceReference {
        public Kaggle {
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(slug, "slug");
        }
    }

    /** Any other URL, as the adapter normalised it. */
    record Web(String url) implements SourceReference {
        public Web {
            Objects.requireNonNull(url, "url");
        }
    }
}
