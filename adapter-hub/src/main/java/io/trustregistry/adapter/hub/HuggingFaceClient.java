package io.trustregistry.adapter.hub;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
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
import io.trustregistry.core.model.SourceReference;

/**
 * Reads model and dataset repositories through the Hub REST API:
 * {@code /api/models/{id}?blobs=true} (or {@code /api/datasets/{id}}) for info and file sizes,
 * then, at once, {@code /{id}/resolve/{rev}/README.md}, {@code config.json} (or a PEFT
 * adapter's {@code adapter_config.json}) and the commit history (paginated by {@code Link}).
 *
 * <p>Lineage comes from {@code cardData.base_model} (a string or a list), the
 * {@code base_model:} tags, which the Hub writes in two forms, {@code base_model:ORG/NAME} and
 * {@code base_model:RELATION:ORG/NAME} with RELATION one of {@code finetune},
 * {@code adapter}, {@code quantized}, {@code merge} (huggingface_hub {@code repocard_data.py};
 * Hub docs "Model cards: specifying a base model"), and {@code config.json}'s
 * {@code _name_or_path} or {@code adapter_config.json}'s {@code base_model_name_or_path}.
 * Datasets come from {@code cardData.datasets} and {@code dataset:} tags; code from GitHub
 * links in the README. {@code license: other} is read with {@code license_name} and
 * {@code license_link}.
 *
 * <p>A gated repository publishes its info but refuses its files without accepted access:
 * it is registered from what is public, and what was refused is named in the evidence's
 * degradations (which the rating repeats and the registration answer lists).
 */
final class HuggingFaceClient {

    private static final Pattern GITHUB_LINK = Pattern.compile(
            "https?://(?:www\\.)?github\\.com/([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+)");
    private static final int MAX_CODE_LINKS = 20;
    private static final Set<String> NOT_PROJECTS = Set.of("sponsors", "orgs", "features", "topics", "about");
    private static final Set<String> RELATIONS = Set.of("finetune", "adapter", "quantized", "merge");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpFetcher http;
    private final HubSettings settings;

    HuggingFaceClient(HttpFetcher http, HubSettings settings) {
        this.http = http;
        this.settings = settings;
    }

    SourceEvidence resolve(SourceLocator.HuggingFace repo) {
        String kindPath = repo.dataset() ? "datasets" : "models";
        URI infoUri = endpoint("/api/" + kindPath + "/" + UrlPaths.path(repo.repoId())
                + (repo.revision().equals("main") ? "" : "/revision/" + UrlPaths.segment(repo.revision())) + "?blobs=true");
        JsonNode info;
        try {
            info = parseObject(http.get(infoUri, headers(), settings.maxJsonBytes(), false).body(), infoUri);
        } catch (UpstreamException.SourceNotFound missing) {
            throw notARepository(repo).orElseThrow(() -> missing);
        }
        String repoId = text(info.path("id")).filter(HuggingFaceClient::looksLikeHubId).orElse(repo.repoId());
        String revision = repo.revision();
        Set<String> siblings = new LinkedHashSet<>();
        for (JsonNode sibling : array(info.path("siblings"))) {
            text(sibling.path("rfilename")).ifPresent(siblings::add);
        }
        // round trip two: README, configuration and commit history at once
        try (Gatherer gather = new Gatherer()) {
            var readmeCall = gather.start("README.md", () -> fetchText(repo.dataset(), repoId, revision, "README.md"));
            var configCall = gather.start("configuration", () -> repo.dataset() ? Optional.<ParentReference>empty()
                    : configParent(repoId, revision, siblings));
            var commitsCall = gather.start("commit history", () -> Optional.of(contributors(kindPath, repoId,
                    revision)));
            String readme = readmeCall.get().orElse("");
            Optional<ParentReference> configParent = configCall.get();
            List<Contributor> contributors = commitsCall.get().orElse(List.of());
            return evidence(repo, info, repoId, revision, readme, configParent, contributors, gather.degradations());
        }
    }

    /**
     * Why a repository that the Hub says is missing is not one at all: a one-segment URL that
     * names a user or an organisation ({@code /api/users/{name}/overview},
     * {@code /api/organizations/{name}/overview}, as huggingface_hub's
     * {@code get_user_overview} and {@code get_organization_overview} call them).
     */
    private Optional<UpstreamException> notARepository(SourceLocator.HuggingFace repo) {
        if (repo.dataset() || repo.repoId().contains("/")) {
            return Optional.empty();
        }
        for (String kind : new String[] {"users", "organizations"}) {
            URI uri = endpoint("/api/" + kind + "/" + UrlPaths.segment(repo.repoId()) + "/overview");
            try {
                http.get(uri, headers(), settings.maxJsonBytes(), false);
                return Optional.of(new UpstreamException.Unsupported("https://huggingface.co/" + repo.repoId()
                        + " is the page of the Hugging Face " + (kind.equals("users") ? "user" : "organisation") + " '"
                        + repo.repoId() + "', not a repository; give the repository's URL, https://huggingface.co/"
                        + repo.repoId() + "/NAME"));
            } catch (UpstreamException.SourceNotFound | UpstreamException.AccessDenied notThat) {
                // try the other kind of account
            }
        }
        return Optional.empty();
    }

    private SourceEvidence evidence(SourceLocator.HuggingFace repo, JsonNode info, String repoId, String revision,
                                    String readme, Optional<ParentReference> configParent,
                                    List<Contributor> contributors, List<String> degradations) {

        List<SourceFile> files = new ArrayList<>();
        long total = 0;
        for (JsonNode sibling : array(info.path("siblings"))) {
            Optional<String> path = text(sibling.path("rfilename")).filter(HuggingFaceClient::isSafePath);
            if (path.isEmpty()) {
                continue;
            }
            long size = sizeOf(sibling.path("lfs").path("size")).orElse(sizeOf(sibling.path("size")).orElse(-1L));
            Optional<String> sha = text(sibling.path("lfs").path("sha256")).filter(s -> s.matches("[0-9a-f]{64}"));
            files.add(new SourceFile(path.get(), size, sha));
            total = saturatedAdd(total, Math.max(0, size));
        }
        if (total == 0) {
            total = sizeOf(info.path("usedStorage")).orElse(0L);
        }

        JsonNode card = info.path("cardData").isObject() ? info.path("cardData") : JSON.createObjectNode();
        List<String> tags = textOrList(info.path("tags"));

        List<ParentReference> parents = new ArrayList<>();
        if (!repo.dataset()) {
            Map<String, Tagged> tagged = baseModelTags(tags);
            for (String base : textOrList(card.path("base_model"))) {
                Tagged tag = tagged.get(base.toLowerCase(Locale.ROOT));
                parents.add(new ParentReference(base, "card_data", tag == null ? "base_model" : tag.relation()));
            }
            tagged.values().forEach(tag -> parents.add(new ParentReference(tag.id(), "tags", tag.relation())));
            configParent.ifPresent(parents::add);
        }

        Set<String> named = new LinkedHashSet<>(textOrList(card.path("datasets")));
        tags.stream().filter(t -> t.startsWith("dataset:")).map(t -> t.substring("dataset:".length()))
                .filter(d -> !d.isBlank()).forEach(named::add);
        Set<SourceReference> datasets = new LinkedHashSet<>();
        Optional<String> hubHost = Optional.ofNullable(settings.huggingFaceEndpoint().getRawAuthority());
        named.forEach(d -> References.dataset(d, hubHost).ifPresent(datasets::add));

        Map<String, String> attributes = new LinkedHashMap<>();
        Optional<String> license = license(card, tags, attributes);
        put(attributes, "sha", info.path("sha"));
        put(attributes, "pipeline_tag", info.path("pipeline_tag"));
        put(attributes, "library_name", info.path("library_name"));
        put(attributes, "gated", info.path("gated"));
        put(attributes, "parameters", info.path("safetensors").path("total"));
        put(attributes, "model_type", info.path("config").path("model_type"));
        if (!revision.equals("main")) {
            attributes.put("revision", revision);
        }
        int results = 0;
        for (JsonNode entry : array(card.path("model-index"))) {
            results += array(entry.path("results")).size();
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
                .popularity(new Popularity(sizeOf(info.path("downloads")).orElse(-1L),
                        sizeOf(info.path("likes")).orElse(-1L), text(info.path("lastModified"))
                        .flatMap(UrlPaths::instant)))
                .attributes(attributes)
                .contributors(contributors)
                .degradations(degradations)
                .build();
    }

    /**
     * Parent ids named by {@code base_model:} tags, lower-cased, with their relation: the
     * specific form {@code base_model:RELATION:ID} wins over the plain {@code base_model:ID}
     * whatever the order of the tags.
     */
    static Map<String, Tagged> baseModelTags(List<String> tags) {
        Map<String, Tagged> relations = new LinkedHashMap<>();
        for (String tag : tags) {
            if (!tag.startsWith("base_model:")) {
                continue;
            }
            String rest = tag.substring("base_model:".length()).strip();
            String relation = "base_model";
            int colon = rest.indexOf(':');
            if (colon >= 0) {
                String candidate = rest.substring(0, colon);
                if (!RELATIONS.contains(candidate)) {
                    continue;
                }
                relation = candidate;
                rest = rest.substring(colon + 1).strip();
            }
            if (!looksLikeHubId(rest)) {
                continue;
            }
            String key = rest.toLowerCase(Locale.ROOT);
            if (!relation.equals("base_model") || !relations.containsKey(key)) {
                relations.put(key, new Tagged(rest, relation));
            }
        }
        return relations;
    }

    /** A parent a {@code base_model:} tag names, as written, and its relation. */
    record Tagged(String id, String relation) {
    }

    /**
     * The card's license; for {@code license: other}, its {@code license_name} (the Hub's
     * convention for custom licenses, with {@code license_link} kept as an attribute).
     */
    private static Optional<String> license(JsonNode card, List<String> tags, Map<String, String> attributes) {
        Optional<String> declared = textOrList(card.path("license")).stream().findFirst()
                .or(() -> tags.stream().filter(t -> t.startsWith("license:")).map(t -> t.substring(8))
                        .filter(l -> !l.isBlank()).findFirst());
        text(card.path("license_link")).ifPresent(link -> attributes.put("license_link", link));
        Optional<String> name = text(card.path("license_name"));
        if (declared.map(l -> l.equalsIgnoreCase("other")).orElse(true) && name.isPresent()) {
            attributes.put("license_name", name.get());
            return name;
        }
        return declared;
    }

    /** Commit authors from {@code /api/{models|datasets}/{id}/commits/{rev}}, every page, most commits first. */
    private List<Contributor> contributors(String kindPath, String repoId, String revision) {
        URI uri = endpoint("/api/" + kindPath + "/" + UrlPaths.path(repoId) + "/commits/" + UrlPaths.segment(revision));
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int page = 0; page < settings.maxPages(); page++) {
            HttpFetcher.Answer answer = http.get(uri, headers(), settings.maxJsonBytes(), false);
            JsonNode root = parse(answer.body(), uri);
            JsonNode commits = root.isArray() ? root : root.path("commits");
            for (JsonNode commit : array(commits)) {
                for (JsonNode author : array(commit.path("authors"))) {
                    String name = author.isTextual() ? author.asText() : author.path("user").asText("");
                    if (!name.isBlank()) {
                        counts.merge(name, 1L, Long::sum);
                    }
                }
            }
            Optional<URI> next = HttpFetcher.nextPage(answer);
            if (next.isEmpty()) {
                break;
            }
            uri = next.get();
        }
        return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> new Contributor(e.getKey(), e.getValue())).toList();
    }

    /**
     * Streams one file at the commit the evidence was read from. The token goes to the Hub only:
     * LFS and xet files answer with a redirect to a CDN, which gets no credentials.
     */
    java.io.InputStream openFile(SourceEvidence evidence, SourceFile file) {
        boolean dataset = evidence.kind() == SourceKind.HUGGING_FACE_DATASET;
        String revision = evidence.attributes().getOrDefault("sha", "main");
        StringBuilder path = new StringBuilder();
        for (String part : file.path().split("/")) {
            path.append('/').append(UrlPaths.segment(part));
        }
        URI uri = endpoint((dataset ? "/datasets/" : "/") + UrlPaths.path(evidence.hubId().orElseThrow()) + "/resolve/"
                + UrlPaths.segment(revision) + path);
        Map<String, String> headers = new LinkedHashMap<>();
        settings.huggingFaceToken().ifPresent(token -> headers.put("Authorization", "Bearer " + token));
        return http.stream(uri, headers);
    }

    /**
     * The parent a model's configuration names: {@code config.json}'s {@code _name_or_path}, or,
     * for a PEFT adapter (which ships {@code adapter_config.json} and no {@code config.json}),
     * {@code base_model_name_or_path} with the relation {@code adapter}.
     */
    private Optional<ParentReference> configParent(String repoId, String revision, Set<String> siblings) {
        boolean adapter = !siblings.contains("config.json") && siblings.contains("adapter_config.json");
        if (!adapter && !siblings.contains("config.json")) {
            return Optional.empty();
        }
        String file = adapter ? "adapter_config.json" : "config.json";
        Optional<String> config = fetchText(false, repoId, revision, file);
        if (config.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(config.get());
            if (node == null || !node.isObject()) {
                return Optional.empty();
            }
            for (String field : new String[] {"base_model_name_or_path", "_name_or_path"}) {
                Optional<String> value = text(node.path(field));
                if (value.isPresent() && looksLikeHubId(value.get()) && !value.get().equalsIgnoreCase(repoId)) {
                    return Optional.of(new ParentReference(value.get(), adapter ? "adapter_config_json" : "config_json",
                            adapter ? "adapter" : "base_model"));
                }
            }
        } catch (java.io.IOException e) {
            // a broken configuration is the repository's problem, not a reason to refuse it
        }
        return Optional.empty();
    }

    private Optional<String> fetchText(boolean dataset, String repoId, String revision, String file) {
        URI uri = endpoint((dataset ? "/datasets/" : "/") + UrlPaths.path(repoId) + "/resolve/" + UrlPaths.segment(revision) + "/"
                + file);
        return http.getIfPresent(uri, headers(), settings.maxReadmeBytes(), true).map(HttpFetcher.Answer::text);
    }

    static boolean looksLikeHubId(String value) {
        return value.length() <= 200 && value.matches("[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?")
                && !value.contains("..");
    }

    private static boolean isSafePath(String path) {
        return !path.isBlank() && path.length() <= 1024 && !path.startsWith("/") && !path.contains("\\")
                && java.util.Arrays.stream(path.split("/")).noneMatch(p -> p.isEmpty() || p.equals("..")
                || p.equals(".")) && path.chars().noneMatch(c -> c < 0x20);
    }

    /** One reference per parent, keeping the first (most authoritative) origin; never the repo itself. */
    private static List<ParentReference> dedupe(List<ParentReference> parents, String self) {
        Map<String, ParentReference> unique = new LinkedHashMap<>();
        for (ParentReference parent : parents) {
            String key = parent.hubId().toLowerCase(Locale.ROOT);
            if (!key.equals(self.toLowerCase(Locale.ROOT)) && looksLikeHubId(parent.hubId())) {
                unique.putIfAbsent(key, parent);
            }
        }
        return List.copyOf(unique.values());
    }

    /** The GitHub repositories a README links to, at most {@value #MAX_CODE_LINKS}. */
    static List<SourceReference> gitHubLinks(String readme) {
        Set<SourceReference> links = new LinkedHashSet<>();
        Matcher m = GITHUB_LINK.matcher(readme);
        while (m.find() && links.size() < MAX_CODE_LINKS) {
            String owner = m.group(1);
            String repo = m.group(2).replaceAll("\\.git$", "").replaceAll("[.]+$", "");
            if (!NOT_PROJECTS.contains(owner.toLowerCase(Locale.ROOT)) && !repo.isEmpty()) {
                links.add(new SourceReference.GitHub(owner, repo));
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
                if (v.isTextual() && !v.asText().isBlank() && values.size() < 1_000) {
                    values.add(v.asText().strip());
                }
            });
        }
        return values;
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText().strip()) : Optional.empty();
    }

    private static JsonNode array(JsonNode node) {
        return node.isArray() ? node : JSON.createArrayNode();
    }

    /** A non-negative integral number, whatever JSON type carries it. */
    private static Optional<Long> sizeOf(JsonNode node) {
        if (node.isIntegralNumber() && node.canConvertToLong() && node.asLong() >= 0) {
            return Optional.of(node.asLong());
        }
        if (node.isTextual() && node.asText().strip().matches("[0-9]{1,18}")) {
            return Optional.of(Long.parseLong(node.asText().strip()));
        }
        return Optional.empty();
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    private static void put(Map<String, String> attributes, String key, JsonNode value) {
        if (value.isValueNode() && !value.isNull() && value.asText().length() <= 200) {
            attributes.put(key, value.asText());
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

    private static JsonNode parseObject(byte[] body, URI from) {
        JsonNode node = parse(body, from);
        if (!node.isObject()) {
            throw new UpstreamException.Unavailable(from.getHost() + " sent an unexpected answer for "
                    + from.getPath() + " (not a JSON object)", null);
        }
        return node;
    }

    private static JsonNode parse(byte[] body, URI from) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !(node.isObject() || node.isArray())) {
                throw new UpstreamException.Unavailable(from.getHost() + " sent an unexpected answer for "
                        + from.getPath() + " (not JSON)", null);
            }
            return node;
        } catch (java.io.IOException e) {
            throw new UpstreamException.Unavailable(from.getHost() + " sent something other than JSON for "
                    + from.getPath() + " (an HTML page or a broken answer)", e);
        }
    }


}
