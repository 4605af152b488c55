package io.trustregistry.adapter.hub;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.trustregistry.core.error.UpstreamException;
import io.trustregistry.core.model.Contributor;
import io.trustregistry.core.model.ParentReference;
import io.trustregistry.core.model.Popularity;
import io.trustregistry.core.model.SourceEvidence;
import io.trustregistry.core.model.SourceFile;
import io.trustregistry.core.model.SourceKind;

/**
 * Reads model and dataset repositories through the Hub REST API:
 * {@code /api/models/{id}?blobs=true} (or {@code /api/datasets/{id}}) for info and file sizes,
 * then {@code /{id}/resolve/{rev}/README.md} and {@code config.json}. Lineage comes from
 * {@code cardData.base_model}, {@code base_model:} tags and {@code config.json}'s
 * {@code _name_or_path}; datasets from {@code cardData.datasets} and {@code dataset:} tags;
 * code from GitHub links in the README.
 */
final class HuggingFaceClient {

    private static final Pattern GITHUB_LINK = Pattern.compile(
            "https?://(?:www\\.)?github\\.com/([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+)");
    private static final int MAX_CODE_LINKS = 20;
    private static final Set<String> NOT_PROJECTS = Set.of("sponsors", "orgs", "features", "topics", "about");

    private final HttpFetcher http;
    private final HubSettings settings;
    private final ObjectMapper json = new ObjectMapper();

    HuggingFaceClient(HttpFetcher http, HubSettings settings) {
        this.http = http;
        this.settings = settings;
    }

    SourceEvidence resolve(SourceLocator.HuggingFace repo) {
        String kindPath = repo.dataset() ? "datasets" : "models";
        URI infoUri = endpoint("/api/" + kindPath + "/" + encodePath(repo.repoId())
                + (repo.revision().equals("main") ? "" : "/revision/" + encode(repo.revision())) + "?blobs=true");
        JsonNode info = parse(http.get(infoUri, headers(), settings.maxJsonBytes(), false).body(), infoUri);
        String repoId = info.path("id").asText(repo.repoId());
        String revision = repo.revision();
        boolean hasConfigFile = false;
        for (JsonNode sibling : info.path("siblings")) {
            hasConfigFile |= sibling.path("rfilename").asText().equals("config.json");
        }
        // round trip two: README, config.json and commit history at once
        try (Gatherer gather = new Gatherer()) {
            var readmeCall = gather.start("README.md", () -> fetchText(repo.dataset(), repoId, revision, "README.md"));
            boolean fetchConfig = hasConfigFile && !repo.dataset();
            var configCall = gather.start("config.json", () -> fetchConfig
                    ? configParent(repoId, revision) : Optional.<ParentReference>empty());
            var commitsCall = gather.start("commit history", () -> Optional.of(contributors(kindPath, repoId,
                    revision)));
            String readme = readmeCall.get().orElse("");
            Optional<ParentReference> configParent = configCall.get();
            List<Contributor> contributors = commitsCall.get().orElse(List.of());
            return evidence(repo, info, repoId, revision, readme, configParent, contributors, gather.degradations());
        }
    }

    private SourceEvidence evidence(SourceLocator.HuggingFace repo, JsonNode info, String repoId, String revision,
                                    String readme, Optional<ParentReference> configParent,
                                    List<Contributor> contributors, List<String> degradations) {

        List<SourceFile> files = new ArrayList<>();
        long total = 0;
        for (JsonNode sibling : info.path("siblings")) {
            String path = sibling.path("rfilename").asText();
            long size = sibling.path("lfs").path("size").asLong(sibling.path("size").asLong(-1));
            Optional<String> sha = Optional.of(sibling.path("lfs").path("sha256").asText(""))
                    .filter(s -> s.matches("[0-9a-f]{64}"));
            files.add(new SourceFile(path, size, sha));
            total += Math.max(0, size);
        }
        if (total == 0 && info.path("usedStorage").asLong(0) > 0) {
            total = info.path("usedStorage").asLong();
        }

        JsonNode card = info.path("cardData");
        Set<String> tags = new LinkedHashSet<>();
        info.path("tags").forEach(t -> tags.add(t.asText()));

        List<ParentReference> parents = new ArrayList<>();
        if (!repo.dataset()) {
            for (String base : textOrList(card.path("base_model"))) {
                parents.add(new ParentReference(base, "card_data", relationshipFromTags(tags, base)));
            }
            for (String tag : tags) {
                if (tag.startsWith("base_model:")) {
                    String rest = tag.substring("base_model:".length());
                    String relationship = "base_model";
                    int colon = rest.indexOf(':');
                    if (colon > 0 && !rest.substring(0, colon).contains("/")) {
                        relationship = rest.substring(0, colon);
                        rest = rest.substring(colon + 1);
                    }
                    parents.add(new ParentReference(rest, "tags", relationship));
                }
            }
            configParent.ifPresent(parents::add);
        }

        Set<String> datasets = new LinkedHashSet<>(textOrList(card.path("datasets")));
        tags.stream().filter(t -> t.startsWith("dataset:")).map(t -> t.substring("dataset:".length()))
                .forEach(datasets::add);

        Optional<String> license = textOrList(card.path("license")).stream().findFirst()
                .or(() -> tags.stream().filter(t -> t.startsWith("license:")).map(t -> t.substring(8)).findFirst());

        Map<String, String> attributes = new LinkedHashMap<>();
        put(attributes, "sha", info.path("sha"));
        put(attributes, "pipeline_tag", info.path("pipeline_tag"));
        put(attributes, "library_name", info.path("library_name"));
        put(attributes, "gated", info.path("gated"));
        put(attributes, "parameters", info.path("safetensors").path("total"));
        put(attributes, "model_type", info.path("config").path("model_type"));
        int results = 0;
        for (JsonNode entry : card.path("model-index")) {
            results += entry.path("results").size();
        }
        if (results > 0) {
            attributes.put("model_index_results", Integer.toString(results));
        }

        return SourceEvidence.builder(repo.dataset() ? SourceKind.HUGGING_FACE_DATASET : SourceKind.HUGGING_FACE_MODEL,
                        new SourceLocator.HuggingFace(repo.dataset(), repoId, revision).canonicalUrl(),
                        repoId.substring(repoId.lastIndexOf('/') + 1))
                .hubId(repoId)
                .readme(readme)
                .license(license.orElse(null))
                .files(files)
                .totalSizeBytes(total)
                .datasetReferences(List.copyOf(datasets))
                .codeReferences(gitHubLinks(readme))
                .parents(dedupe(parents, repoId))
                .popularity(new Popularity(info.path("downloads").asLong(-1), info.path("likes").asLong(-1),
                        instant(info.path("lastModified").asText(""))))
                .attributes(attributes)
                .contributors(contributors)
                .degradations(degradations)
                .build();
    }

    /** Commit authors from {@code /api/{models|datasets}/{id}/commits/{rev}}, most commits first. */
    private List<Contributor> contributors(String kindPath, String repoId, String revision) {
        URI uri = endpoint("/api/" + kindPath + "/" + encodePath(repoId) + "/commits/" + encode(revision));
        byte[] body = http.get(uri, headers(), settings.maxJsonBytes(), false).body();
        JsonNode root = parse(body, uri, true);
        JsonNode commits = root.isArray() ? root : root.path("commits");
        Map<String, Long> counts = new LinkedHashMap<>();
        for (JsonNode commit : commits) {
            for (JsonNode author : commit.path("authors")) {
                String name = author.isTextual() ? author.asText() : author.path("user").asText("");
                if (!name.isBlank()) {
                    counts.merge(name, 1L, Long::sum);
                }
            }
        }
        return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> new Contributor(e.getKey(), e.getValue())).toList();
    }

    /** Streams one file at the commit the evidence was read from. */
    java.io.InputStream openFile(SourceEvidence evidence, SourceFile file) {
        boolean dataset = evidence.kind() == io.trustregistry.core.model.SourceKind.HUGGING_FACE_DATASET;
        String revision = evidence.attributes().getOrDefault("sha", "main");
        StringBuilder path = new StringBuilder();
        for (String part : file.path().split("/")) {
            path.append('/').append(encode(part));
        }
        URI uri = endpoint((dataset ? "/datasets/" : "/") + encodePath(evidence.hubId().orElseThrow()) + "/resolve/"
                + encode(revision) + path);
        Map<String, String> headers = new LinkedHashMap<>();
        settings.huggingFaceToken().ifPresent(token -> headers.put("Authorization", "Bearer " + token));
        return http.stream(uri, headers);
    }

    private Optional<ParentReference> configParent(String repoId, String revision) {
        Optional<String> config = fetchText(false, repoId, revision, "config.json");
        if (config.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode node = json.readTree(config.get());
            for (String field : new String[] {"_name_or_path", "base_model_name_or_path"}) {
                String value = node.path(field).asText("").strip();
                if (looksLikeHubId(value) && !value.equalsIgnoreCase(repoId)) {
                    return Optional.of(new ParentReference(value, "config_json", "base_model"));
                }
            }
        } catch (java.io.IOException e) {
            // a broken config.json is the repository's problem, not a reason to refuse it
        }
        return Optional.empty();
    }

    private Optional<String> fetchText(boolean dataset, String repoId, String revision, String file) {
        URI uri = endpoint((dataset ? "/datasets/" : "/") + encodePath(repoId) + "/resolve/" + encode(revision) + "/"
                + file);
        return http.getIfPresent(uri, headers(), settings.maxReadmeBytes(), true)
                .map(answer -> new String(answer.body(), StandardCharsets.UTF_8));
    }

    private static boolean looksLikeHubId(String value) {
        return value.matches("[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?") && !value.startsWith(".")
                && value.length() <= 200;
    }

    private static String relationshipFromTags(Set<String> tags, String base) {
        for (String tag : tags) {
            if (tag.startsWith("base_model:") && tag.endsWith(":" + base)) {
                String middle = tag.substring("base_model:".length(), tag.length() - base.length() - 1);
                if (!middle.isEmpty() && !middle.contains("/")) {
                    return middle;
                }
            }
        }
        return "base_model";
    }

    /** One reference per parent, keeping the first (most authoritative) origin; never the repo itself. */
    private static List<ParentReference> dedupe(List<ParentReference> parents, String self) {
        Map<String, ParentReference> unique = new LinkedHashMap<>();
        for (ParentReference parent : parents) {
            String key = parent.hubId().toLowerCase(java.util.Locale.ROOT);
            if (!key.equals(self.toLowerCase(java.util.Locale.ROOT)) && looksLikeHubId(parent.hubId())) {
                unique.putIfAbsent(key, parent);
            }
        }
        return List.copyOf(unique.values());
    }

    static List<String> gitHubLinks(String readme) {
        Set<String> links = new LinkedHashSet<>();
        Matcher m = GITHUB_LINK.matcher(readme);
        while (m.find() && links.size() < MAX_CODE_LINKS) {
            String owner = m.group(1);
            String repo = m.group(2).replaceAll("\\.git$", "").replaceAll("[.]+$", "");
            if (!NOT_PROJECTS.contains(owner.toLowerCase(java.util.Locale.ROOT)) && !repo.isEmpty()) {
                links.add("https://github.com/" + owner + "/" + repo);
            }
        }
        return List.copyOf(links);
    }

    private static List<String> textOrList(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isTextual() && !node.asText().isBlank()) {
            values.add(node.asText().strip());
        } else if (node.isArray()) {
            node.forEach(v -> {
                if (v.isTextual() && !v.asText().isBlank()) {
                    values.add(v.asText().strip());
                }
            });
        }
        return values;
    }

    private static void put(Map<String, String> attributes, String key, JsonNode value) {
        if (!value.isMissingNode() && !value.isNull() && !value.isContainerNode()) {
            attributes.put(key, value.asText());
        }
    }

    private static Optional<Instant> instant(String text) {
        try {
            return text.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        settings.huggingFaceToken().ifPresent(token -> headers.put("Authorization", "Bearer " + token));
        return headers;
    }

    private URI endpoint(String pathAndQuery) {
        String base = settings.huggingFaceEndpoint().toString().replaceAll("/+$", "");
        return URI.create(base + pathAndQuery);
    }

    private JsonNode parse(byte[] body, URI from) {
        return parse(body, from, false);
    }

    private JsonNode parse(byte[] body, URI from, boolean arrayAllowed) {
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !(node.isObject() || arrayAllowed && node.isArray())) {
                throw new UpstreamException.Unavailable(from.getHost() + " sent an unexpected answer for "
                        + from.getPath(), null);
            }
            return node;
        } catch (java.io.IOException e) {
            throw new UpstreamException.Unavailable(from.getHost() + " sent malformed JSON for " + from.getPath(), e);
        }
    }

    private static String encodePath(String repoId) {
        StringBuilder out = new StringBuilder();
        for (String part : repoId.split("/")) {
            if (!out.isEmpty()) {
                out.append('/');
            }
            out.append(encode(part));
        }
        return out.toString();
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
