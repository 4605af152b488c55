package io.trustregistry.core.service;

import java.net.URI;

import io.trustregistry.core.error.InvalidRequestException;
import io.trustregistry.core.error.NotFoundException;
import io.trustregistry.core.error.UpstreamException;
import io.trustregistry.core.license.LicenseCompatibility;
import io.trustregistry.core.license.SpdxLicenses;
import io.trustregistry.core.model.ArtifactId;
import io.trustregistry.core.model.SourceReference;
import io.trustregistry.core.model.ArtifactRecord;
import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.model.Permission;
import io.trustregistry.core.model.Principal;
import io.trustregistry.core.model.RepositoryLicense;
import io.trustregistry.core.port.in.CheckLicenseCompatibilityUseCase;
import io.trustregistry.core.port.out.ArtifactCatalog;
import io.trustregistry.core.port.out.UpstreamHub;

/** Compares a GitHub repository's license with a model's, for fine-tuning plus inference. */
public final class CheckLicenseCompatibilityService implements CheckLicenseCompatibilityUseCase {

    private final ArtifactCatalog catalog;
    private final UpstreamHub hub;
    private final SourceResolver sources;

    public CheckLicenseCompatibilityService(ArtifactCatalog catalog, UpstreamHub hub, SourceResolver sources) {
        this.catalog = catalog;
        this.hub = hub;
        this.sources = sources;
    }

    @Override
    public boolean isCompatible(Principal caller, ArtifactId modelId, String githubUrl) {
        AccessGuard.require(caller, Permission.SEARCH);
        URI url = sources.parseUrl(githubUrl);
        if (!(identify(url) instanceof SourceReference.GitHub)) {
            throw new InvalidRequestException("'github_url' must be a GitHub repository URL such as"
                    + " https://github.com/owner/repository");
        }
        ArtifactRecord model = ArtifactLookup.require(catalog, ArtifactType.MODEL, modelId);
        RepositoryLicense repository;
        try {
            repository = hub.repositoryLicense(url);
        } catch (UpstreamException.SourceNotFound | UpstreamException.AccessDenied e) {
            throw new NotFoundException("the GitHub repository was not found: " + e.getMessage(), e);
        } catch (UpstreamException.ForbiddenAddress | UpstreamException.Unsupported e) {
            throw new InvalidRequestException("'github_url' cannot be checked: " + e.getMessage(), e);
        }
        return LicenseCompatibility.compatible(SpdxLicenses.classify(repository.spdxId()),
                SpdxLicenses.classify(model.evidence().license()));
    }

    private SourceReference identify(URI url) {
        try {
            return hub.identify(url);
        } catch (UpstreamException.Unsupported notAnArtifact) {
            return new SourceReference.Web(url.toString());
        }
    }
}
