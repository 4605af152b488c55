package io.trustregistry.core.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of an enumeration, in ascending id order.
 *
 * @param items      the artifacts on this page
 * @param nextCursor the id of the last item when more may follow; pass it back to continue
 */
public record ArtifactPage(List<ArtifactMetadata> items, Optional<ArtifactId> nextCursor) {
    public ArtifactPage {
        items = List.copyOf(items);
        Objects.requireNonNull(nextCursor, "nextCursor");
    }
}
