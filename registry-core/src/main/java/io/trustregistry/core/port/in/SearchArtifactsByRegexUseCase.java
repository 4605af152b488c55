package io.trustregistry.core.port.in;

import java.util.List;

import io.trustregistry.core.model.ArtifactMetadata;
import io.trustregistry.core.model.Principal;

/**
 * Finds artifacts whose name or README contains a match of a regular expression
 * ({@code POST /artifact/byRegEx}). Matching is linear-time (RE2 semantics), unanchored and
 * case-sensitive. Needs {@code search}.
 */
public interface SearchArtifactsByRegexUseCase {

    /**
     * @throws io.trustregistry.core.error.InvalidRequestException for an empty, too long or
     *         invalid pattern, or one RE2 cannot run in linear time (backreferences)
     * @throws io.trustregistry.core.error.NotFoundException when nothing matches
     */
    List<ArtifactMetadata> search(Principal caller, String regex);
}
