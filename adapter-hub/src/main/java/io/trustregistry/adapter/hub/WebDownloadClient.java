package io.trustregistry.adapter.hub;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import io.trustregistry.core.error.UpstreamException;
import io.trustregistry.core.model.Popularity;
import io.trustregistry.core.model.SourceEvidence;
import io.trustregistry.core.model.SourceFile;
import io.trustregistry.core.model.SourceKind;

/**
 * Any other http(s) URL, treated as one downloadable file: a {@code HEAD} request (or, where
 * HEAD is refused, a one-byte ranged GET) proves it exists and tells its size. A URL that
 * answers with an HTML page is a website, not an artifact, and is refused.
 */
final class WebDownloadClient {

    private final HttpFetcher http;

    WebDownloadClient(HttpFetcher http) {
        this.http = http;
    }

    SourceEvidence resolve(SourceLocator.Web web) {
        URI uri = web.uri();
        HttpFetcher.Answer answer;
        try {
            answer = http.head(uri, Map.of());
        } catch (UpstreamException.Unsupported | UpstreamException.AccessDenied headRefused) {
            answer = http.get(uri, Map.of("Range", "bytes=0-0"), 1, true);
        }
        String type = answer.header("Content-Type").orElse("").toLowerCase(java.util.Locale.ROOT);
        if (type.startsWith("text/html") || type.startsWith("application/xhtml")) {
            throw new UpstreamException.Unsupported(uri.getHost() + " answers " + uri.getPath() + " with a web page"
                    + " (HTML), not a file: give the direct download link of the artifact");
        }
        OptionalLong size = HttpFetcher.announcedSize(answer);
        String name = nameOf(answer.finalUri()).or(() -> nameOf(uri)).orElse(uri.getHost());
        return SourceEvidence.builder(SourceKind.WEB_DOWNLOAD, uri.toString(), name)
                .files(List.of(new SourceFile(name, size.orElse(-1), Optional.empty())))
                .totalSizeBytes(size.orElse(0))
                .popularity(Popularity.UNKNOWN)
                .build();
    }

    /** The last non-empty path segment, decoded, without characters a name may not hold. */
    static Optional<String> nameOf(URI uri) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String[] segments = path.split("/");
        for (int i = segments.length - 1; i >= 0; i--) {
            if (!segments[i].isBlank()) {
                String decoded = URLDecoder.decode(segments[i], StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", "");
                if (!decoded.isBlank() && !decoded.equals("*")) {
                    return Optional.of(decoded.length() > 200 ? decoded.substring(0, 200) : decoded);
                }
            }
        }
        return Optional.empty();
    }
}
