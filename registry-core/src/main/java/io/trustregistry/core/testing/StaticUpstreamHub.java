package io.trustregistry.core.testing;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.trustregistry.core.error.UpstreamException;
import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.model.ComponentHealth;
import io.trustregistry.core.model.HealthStatus;
import io.trustregistry.core.model.RepositoryLicense;
import io.trustregistry.core.model.SourceEvidence;
import io.trustregistry.core.model.SourceFile;
import io.trustregistry.core.model.SourceReference;
import io.trustregistry.core.port.out.UpstreamHub;

/**
 * A hub that knows only what it was given: sources registered with {@link #publish} and
 * repository licenses with {@link #publishLicense}. For offline embedding and tests.
 */
public final class StaticUpstreamHub implements UpstreamHub {

    private final Map<String, SourceEvidence> sources = new ConcurrentHashMap<>();
    private final Map<String, Optional<String>> licenses = new ConcurrentHashMap<>();
    private final Map<String, byte[]> contents = new ConcurrentHashMap<>();

    /** Makes {@code url} resolve to {@code evidence}. */
    public StaticUpstreamHub publish(String url, SourceEvidence evidence) {
        sources.put(canonical(url), evidence);
        return this;
    }

    /** Makes {@code path} of the source published at {@code url} hold {@code content}. */
    public StaticUpstreamHub publishFile(String url, String path, byte[] content) {
        contents.put(canonical(url) + "#" + path, content.clone());
        return this;
    }

    /** Makes the GitHub repository {@code owner/repo} declare {@code spdxId} (empty: none). */
    public StaticUpstreamHub publishLicense(String ownerSlashRepo, Optional<String> spdxId) {
        licenses.put(ownerSlashRepo.toLowerCase(Locale.ROOT), spdxId);
        return this;
    }

    @Override
    public SourceEvidence resolve(ArtifactType type, URI source) {
        SourceEvidence evidence = sources.get(canonical(source.toString()));
        if (evidence == null) {
            throw new UpstreamException.SourceNotFound("nothing is published at " + source);
        }
        return evidence;
    }

    @Override
    public InputStream openFile(SourceEvidence evidence, SourceFile file) {
        byte[] content = contents.get(canonical(evidence.canonicalUrl()) + "#" + file.path());
        if (content == null) {
            throw new UpstreamException.SourceNotFound("no content published for " + file.path());
        }
        return new ByteArrayInputStream(content);
    }

    /**
     * A published source's own identity; otherwise a GitHub repository for
     * {@code github.com/owner/repo} URLs (the only shape this double recognises), else a web URL.
     */
    @Override
    public SourceReference identify(URI source) {
        SourceEvidence published = sources.get(canonical(source.toString()));
        if (published != null && published.hubId().isPresent()) {
            String id = published.hubId().get();
            return switch (published.kind()) {
                case HUGGING_FACE_MODEL -> new SourceReference.HuggingFace(false, id);
                case HUGGING_FACE_DATASET -> new SourceReference.HuggingFace(true, id);
                case GITHUB_REPOSITORY -> new SourceReference.GitHub(id.substring(0, Math.max(0, id.indexOf('/'))),
                        id.substring(id.indexOf('/') + 1));
                case KAGGLE_DATASET -> new SourceReference.Kaggle(id.substring(0, Math.max(0, id.indexOf('/'))),
                        id.substring(id.indexOf('/') + 1));
                case WEB_DOWNLOAD -> new SourceReference.Web(published.canonicalUrl());
            };
        }
        return gitHubRepository(source).<SourceReference>map(repo -> new SourceReference.GitHub(
                repo.substring(0, repo.indexOf('/')), repo.substring(repo.indexOf('/') + 1)))
                .orElse(new SourceReference.Web(source.toString()));
    }

    private static Optional<String> gitHubRepository(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (!host.equals("github.com") && !host.equals("www.github.com") || uri.getPath() == null) {
            return Optional.empty();
        }
        String[] parts = uri.getPath().replaceAll("^/+", "").split("/");
        if (parts.length < 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(parts[0] + "/" + parts[1].replaceAll("\\.git$", ""));
    }

    @Override
    public RepositoryLicense repositoryLicense(URI repositoryUrl) {
        String repo = gitHubRepository(repositoryUrl)
                .orElseThrow(() -> new UpstreamException.Unsupported("not a GitHub repository URL: " + repositoryUrl));
        Optional<String> license = licenses.get(repo.toLowerCase(Locale.ROOT));
        if (license == null) {
            throw new UpstreamException.SourceNotFound("no repository " + repo);
        }
        return new RepositoryLicense(repositoryUrl.toString(), license);
    }

    /** Lower-case host, no trailing slash, no {@code .git}, no {@code /tree/...} or {@code /blob/...}. */
    static String canonical(String url) {
        String result = url.strip();
        int scheme = result.indexOf("://");
        if (scheme > 0) {
            int pathStart = result.indexOf('/', scheme + 3);
            String head = pathStart < 0 ? result : result.substring(0, pathStart);
            String path = pathStart < 0 ? "" : result.substring(pathStart);
            for (String marker : new String[] {"/tree/", "/blob/", "/resolve/"}) {
                int at = path.indexOf(marker);
                if (at >= 0) {
                    path = path.substring(0, at);
                }
            }
            while (path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            if (path.endsWith(".git")) {
                path = path.substring(0, path.length() - 4);
            }
            result = head.toLowerCase(Locale.ROOT) + path;
        }
        return result;
    }

    @Override
    public List<ComponentHealth> checkHealth() {
        return List.of(new ComponentHealth("hub-static", "Static hub", "Sources published in memory",
                HealthStatus.OK, Instant.now(), Map.of("sources", sources.size()), List.of()));
    }
}
