package io.trustregistry.core.port.out;

import java.io.InputStream;
import java.net.URI;
import java.util.List;

import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.model.ComponentHealth;
import io.trustregistry.core.model.RepositoryLicense;
import io.trustregistry.core.model.SourceEvidence;
import io.trustregistry.core.model.SourceFile;
import io.trustregistry.core.model.SourceReference;

/**
 * The places artifacts come from: Hugging Face, GitHub and plain download hosts. An adapter
 * turns a source URL into {@link SourceEvidence}. Implementations must refuse to fetch internal
 * addresses (loopback, private, link-local) unless configured to allow them, use timeouts, and
 * retry transient failures a bounded number of times. Safe for concurrent use.
 *
 * <p>All methods report failures as {@link io.trustregistry.core.error.UpstreamException}
 * subclasses: {@code SourceNotFound}, {@code AccessDenied}, {@code Unavailable},
 * {@code ForbiddenAddress} or {@code Unsupported}.
 */
public interface UpstreamHub {

    /**
     * Fetches what the source says about itself.
     *
     * @param type   what the client says the artifact is; a GitHub URL registered as a
     *               dataset is still fetched as a repository
     * @param source an absolute http(s) URL
     */
    SourceEvidence resolve(ArtifactType type, URI source);

    /**
     * Opens one of the source's files for streaming. For Hugging Face this is the file at the
     * resolved revision; for a GitHub repository the one file is its archive (a zip of the
     * default branch); for a plain download the URL itself. The caller closes the stream.
     *
     * @param evidence what {@link #resolve} returned for the source
     * @param file     one of {@code evidence.files()}
     * @throws io.trustregistry.core.error.UpstreamException.SourceNotFound if the file is gone
     * @throws io.trustregistry.core.error.UpstreamException.Unavailable if it cannot be fetched
     */
    InputStream openFile(SourceEvidence evidence, SourceFile file);

    /**
     * What {@code source} names, recognised from the URL alone, without any network call: the
     * adapter's URL grammar, for use cases that must tell a GitHub repository from anything
     * else. The core itself never parses source URLs.
     *
     * @return a {@link SourceReference.Web} for a URL that names no known hub's repository
     * @throws io.trustregistry.core.error.UpstreamException.Unsupported if the URL is on a known
     *         hub but recognisably names no artifact (a Space, a user page)
     */
    SourceReference identify(URI source);

    /**
     * The license a GitHub repository declares.
     *
     * @throws io.trustregistry.core.error.UpstreamException.SourceNotFound if the repository
     *         does not exist
     * @throws io.trustregistry.core.error.UpstreamException.Unsupported if the URL is not a
     *         GitHub repository URL
     */
    RepositoryLicense repositoryLicense(URI repositoryUrl);

    /** Reachability of each upstream, one entry per hub. Never throws. */
    List<ComponentHealth> checkHealth();
}
