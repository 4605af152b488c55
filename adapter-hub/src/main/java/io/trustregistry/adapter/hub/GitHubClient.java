package io.trustregistry.adapter.hub;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.trustregistry.core.error.UpstreamException;
import io.trustregistry.core.model.Popularity;
import io.trustregistry.core.model.RepositoryLicense;
import io.trustregistry.core.model.SourceEvidence;
import io.trustregistry.core.model.SourceFile;
import io.trustregistry.core.model.SourceKind;

/**
 * Reads GitHub repositories through REST API v3: {@code /repos/{owner}/{repo}} for metadata,
 * size and license, {@code /repos/{owner}/{repo}/readme} (raw) for the README.
 */
final class GitHubClient {

    private final HttpFetcher http;
    private final HubSettings settings;
    private final ObjectMapper json = new ObjectMapper();

    GitHubClient(HttpFetcher http, HubSettings settings) {
        this.http = http;
        this.settings = settings;
    }

    SourceEvidence resolve(SourceLocator.GitHub repo) {
        JsonNode info = repository(repo);
        String fullName = info.path("full_name").asText(repo.fullName());
        String name = info.path("name").asText(repo.repo());
        URI readmeUri = api("/repos/" + path(repo) + "/readme");
        Map<String, String> rawHeaders = headers();
        rawHeaders.put("Accept", "application/vnd.github.raw+json");
        String readme = http.getIfPresent(readmeUri, rawHeaders, settings.maxReadmeBytes(), true)
                .map(answer -> new String(answer.body(), StandardCharsets.UTF_8)).orElse("");
        long sizeBytes = Math.max(0, info.path("size").asLong(0)) * 1024;

        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("default_branch", info.path("default_branch").asText("main"));
        attributes.put("archived", Boolean.toString(info.path("archived").asBoolean(false)));
        attributes.put("forks", Long.toString(info.path("forks_count").asLong(0)));
        if (info.hasNonNull("description")) {
            attributes.put("description", info.path("description").asText());
        }
        return SourceEvidence.builder(SourceKind.GITHUB_REPOSITORY, "https://github.com/" + fullName, name)
                .hubId(fullName)
                .readme(readme)
                .license(spdx(info).orElse(null))
                .files(List.of(new SourceFile("repository archive", sizeBytes, Optional.empty())))
                .totalSizeBytes(sizeBytes)
                .popularity(new Popularity(-1, info.path("stargazers_count").asLong(-1),
                        instant(info.path("pushed_at").asText(""))))
                .attributes(attributes)
                .build();
    }

    RepositoryLicense license(SourceLocator.GitHub repo) {
        JsonNode info = repository(repo);
        return new RepositoryLicense("https://github.com/" + info.path("full_name").asText(repo.fullName()), spdx(info));
    }

    private JsonNode repository(SourceLocator.GitHub repo) {
        URI uri = api("/repos/" + path(repo));
        byte[] body = http.get(uri, headers(), settings.maxJsonBytes(), false).body();
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject() || !node.has("full_name")) {
                throw new UpstreamException.Unavailable("GitHub sent an unexpected answer for " + repo.fullName(), null);
            }
            return node;
        } catch (java.io.IOException e) {
            throw new UpstreamException.Unavailable("GitHub sent malformed JSON for " + repo.fullName(), e);
        }
    }

    /** The SPDX id, or empty for no license and GitHub's {@code NOASSERTION} ("other"). */
    private static Optional<String> spdx(JsonNode info) {
        String id = info.path("license").path("spdx_id").asText("");
        return id.isBlank() || id.equals("NOASSERTION") ? Optional.empty() : Optional.of(id);
    }

    private Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/vnd.github+json");
        headers.put("X-GitHub-Api-Version", "2022-11-28");
        settings.gitHubToken().ifPresent(token -> headers.put("Authorization", "Bearer " + token));
        return headers;
    }

    private URI api(String path) {
        return URI.create(settings.gitHubApiUrl().toString().replaceAll("/+$", "") + path);
    }

    private static String path(SourceLocator.GitHub repo) {
        return encode(repo.owner()) + "/" + encode(repo.repo());
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Optional<Instant> instant(String text) {
        try {
            return text.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
