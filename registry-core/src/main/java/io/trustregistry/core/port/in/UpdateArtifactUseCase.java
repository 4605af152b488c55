package io.trustregistry.core.port.in;

import java.util.Objects;

import io.trustregistry.core.model.ArtifactId;
import io.trustregistry.core.model.ArtifactRecord;
import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.model.Principal;

/**
 * Replaces an artifact's source ({@code PUT /artifacts/{type}/{id}}): the source is resolved
 * again and the stored evidence replaced. Needs {@code upload}.
 */
public interface UpdateArtifactUseCase {

    /**
     * @throws io.trustregistry.core.error.InvalidRequestException if the body's id differs from
     *         the path's, its type differs, its name differs from the stored name, or the URL is
     *         unusable
     * @throws io.trustregistry.core.error.NotFoundException if no such artifact exists
     * @throws io.trustregistry.core.error.ConflictException if another update won meanwhile
     */
    ArtifactRecord update(Principal caller, Command command);

    /**
     * @param type the type in the path
     * @param id   the id in the path
     * @param bodyId   the id in the body's metadata
     * @param bodyType the type in the body's metadata
     * @param name the name in the body's metadata
     * @param url  the new source URL
     */
    record Command(ArtifactType type, ArtifactId id, ArtifactId bodyId, ArtifactType bodyType, String name,
                   String url) {
        public Command {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(bodyId, "bodyId");
            Objects.requireNonNull(bodyType, "bodyType");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(url, "url");
        }
    }
}
