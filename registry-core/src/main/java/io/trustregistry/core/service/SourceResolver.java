package io.trustregistry.core.service;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import io.trustregistry.core.error.InvalidRequestException;
import io.trustregistry.core.error.UpstreamException;
import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.model.SourceEvidence;
import io.trustregistry.core.port.out.UpstreamHub;
import io.trustregistry.core.RegistrySettings;

/**
 * Validates a source URL and asks the hub about it, turning upstream refusals that are the
 * client's doing (no such repository, forbidden address, unusable URL) into 400s. An upstream
 * outage stays an {@link UpstreamException.Unavailable} (502): the client did nothing wrong.
 */
public final class SourceResolver {

    private final UpstreamHub hub;
    private final RegistrySettings settings;

    public SourceResolver(UpstreamHub hub, RegistrySettings settings) {
        this.hub = hub;
        this.settings = settings;
    }

    /** Parses and checks a client-supplied source URL. */
    public URI parseUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new InvalidRequestException("'url' must be a non-empty http(s) URL");
        }
        if (url.length() > settings.maxUrlLength()) {
            throw new InvalidRequestException("'url' is longer than " + settings.maxUrlLength() + " characters");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new InvalidRequestException("'url' is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new InvalidRequestException("'url' must be an absolute http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new InvalidRequestException("'url' must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidRequestException("'url' must not carry credentials");
        }
        return uri;
    }

    /** Resolves the source behind {@code url}. */
    public SourceEvidence resolve(ArtifactType type, String url) {
        URI uri = parseUrl(url);
        try {
            return hub.resolve(type, uri);
        } catch (UpstreamException.SourceNotFound e) {
            throw new InvalidRequestException("the source does not exist: " + e.getMessage(), e);
        } catch (UpstreamException.AccessDenied e) {
            throw new InvalidRequestException("the source refused access (private or gated): " + e.getMessage(), e);
        } catch (UpstreamException.ForbiddenAddress e) {
            throw new InvalidRequestException("the source URL points at an address the registry may not fetch: "
                    + e.getMessage(), e);
        } catch (UpstreamException.Unsupported e) {
            throw new InvalidRequestException("the source URL cannot be ingested: " + e.getMessage(), e);
        }
    }
}
