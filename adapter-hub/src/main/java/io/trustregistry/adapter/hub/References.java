package io.trustregistry.adapter.hub;

import java.net.URI;
import java.util.Optional;

import io.trustregistry.core.error.UpstreamException;
import io.trustregistry.core.model.SourceReference;

/** Turns what {@link SourceLocator} recognised, or a hub id found in metadata, into the core's typed references. */
final class References {

    private References() {
    }

    /** The reference a located URL stands for. */
    static SourceReference of(SourceLocator located) {
        return switch (located) {
            case SourceLocator.HuggingFace hf -> new SourceReference.HuggingFace(hf.dataset(), hf.repoId());
            case SourceLocator.GitHub gh -> new SourceReference.GitHub(gh.owner(), gh.repo());
            case SourceLocator.Kaggle kaggle -> new SourceReference.Kaggle(kaggle.owner(), kaggle.slug());
            case SourceLocator.Web web -> new SourceReference.Web(web.uri().toString());
            case SourceLocator.Refused refused -> throw new UpstreamException.Unsupported(refused.reason());
        };
    }

    /**
     * A dataset a card names: a Hub dataset id ({@code bookcorpus}, {@code acme/data}) or a URL
     * of any hub; empty for text that is neither.
     */
    static Optional<SourceReference> dataset(String text, Optional<String> hubHost) {
        String value = text.strip();
        if (value.regionMatches(true, 0, "http://", 0, 7) || value.regionMatches(true, 0, "https://", 0, 8)) {
            try {
                SourceLocator located = SourceLocator.of(URI.create(value), hubHost);
                return located instanceof SourceLocator.Refused ? Optional.empty() : Optional.of(of(located));
            } catch (IllegalArgumentException notAUrl) {
                return Optional.empty();
            }
        }
        return HuggingFaceClient.looksLikeHubId(value) ? Optional.of(new SourceReference.HuggingFace(true, value))
                : Optional.empty();
    }
}
