package io.trustregistry.core.port.in;

import io.trustregistry.core.model.ArtifactId;
import io.trustregistry.core.model.Principal;

/**
 * Whether a GitHub project's license lets its code be used with a model for fine-tuning and
 * inference ({@code POST /artifact/model/{id}/license-check}). Needs {@code search}.
 */
public interface CheckLicenseCompatibilityUseCase {

    /**
     * @throws io.trustregistry.core.error.InvalidRequestException if the URL is not a GitHub
     *         repository URL
     * @throws io.trustregistry.core.error.NotFoundException if the model or the repository does
     *         not exist
     * @throws io.trustregistry.core.error.UpstreamException.Unavailable if GitHub cannot be reached
     */
    boolean isCompatible(Principal caller, ArtifactId modelId, String githubUrl);
}
