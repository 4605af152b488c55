package io.trustregistry.core.port.in;

import java.util.List;
import java.util.Optional;

import io.trustregistry.core.model.ArtifactPage;
import io.trustregistry.core.model.ArtifactQuery;
import io.trustregistry.core.model.Principal;

/** Enumerates artifacts matching queries, a page at a time ({@code POST /artifacts}). Needs {@code search}. */
public interface ListArtifactsUseCase {

    /**
     * @param queries the union of their matches is listed; at least one
     * @param offset  the {@code nextCursor} of the previous page, a non-negative position, or
     *                empty for the first page
     * @throws io.trustregistry.core.error.InvalidRequestException for no queries, too many
     *         queries, or an offset that is neither a cursor nor a position
     */
    ArtifactPage list(Principal caller, List<ArtifactQuery> queries, Optional<String> offset);
}
