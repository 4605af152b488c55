package io.trustregistry.core.port.in;

import java.util.Objects;
import java.util.Optional;

import io.trustregistry.core.model.ArtifactRecord;
import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.model.Principal;

/** Registers an artifact from its source URL ({@code POST /artifact/{type}}). Needs {@code upload}. */
public interface RegisterArtifactUseCase {

    /**
     * Resolves the source, stores the artifact under a fresh id and records a CREATE audit entry.
     *
     * @throws io.trustregistry.core.error.InvalidRequestException if the URL is malformed, not
     *         http(s), names no existing source, or points at a forbidden address; or if an
     *         artifact other than a model is to be sensitive
     * @throws io.trustregistry.core.error.UpstreamException.Unavailable if the source could not
     *         be reached; nothing is stored
     */
    ArtifactRecord register(Principal caller, Command command);

    /**
     * @param type the artifact's type
     * @param url  the source URL
     * @param name the name to register under; derived from the source when empty
     * @param sensitive whether the model is sensitive from the start (models only; see
     *                  {@link SensitiveModelsUseCase})
     */
    record Command(ArtifactType type, String url, Optional<String> name, boolean sensitive) {
        public Command {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(name, "name");
        }

        /** A registration of an artifact that is not sensitive. */
        public Command(ArtifactType type, String url, Optional<String> name) {
            this(type, url, name, false);
        }
    }
}
