package io.trustregistry.core.model;

import java.util.Optional;

/**
 * The license a code repository declares.
 *
 * @param repositoryUrl the repository
 * @param spdxId        its SPDX identifier, empty when the host could not classify it
 *                      (GitHub's {@code NOASSERTION}) or there is no license
 */
public record RepositoryLicense(String repositoryUrl, Optional<String> spdxId) {
}
