package io.trustregistry.adapter.hub;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.trustregistry.core.error.UpstreamException;
import io.trustregistry.core.model.Contributor;
import io.trustregistry.core.model.Popularity;
import io.trustregistry.core.model.RepositoryInsight;
import io.trustregistry.core.model.RepositoryLicense;
import io.trustregistry.core.model.ReviewSample;
import io.trustregistry.core.model.SourceEvidence;
import io.trustregistry.core.model.SourceFile;
import io.trustregistry.core.model.SourceKind;

/**
 * Reads GitHub repositories through REST API v3: {@code /repos/{owner}/{repo}} for metadata,
 * size and license; then, at once, the raw README, contributors, languages, the recursive file
 * tree and recently closed pull requests; then, at once, details and reviews of up to
 * {@value #REVIEW_SAMPLE} merged ones. Only the first call is required: any other that fails is
 * recorded as a degradation and leaves its evidence empty.
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
        // only a well-formed owner/name from the answer replaces the one the URL gave
        String fullName = Optional.of(info.path("full_name").asText("")).filter(n -> n.matches("[A-Za-z0-9_.-]+/"
                + "[A-Za-z0-9_.-]+")).orElse(repo.fullName());
        String name = fullName.substring(fullName.indexOf('/') + 1);
        String defaultBranch = info.path("default_branch").asText("main");
        // /tree/REF or /blob/REF in the URL picks the revision; otherwise the default branch
        String branch = repo.ref().orElse(defaultBranch);
        String readme;
        List<Contributor> contributors;
        RepositoryInsight insight;
        List<String> degradations;
        // round trip two: README, contributors, languages, tree and pull requests at once;
        // round trip three: details and reviews of the sampled merged pull requests at once
        try (Gatherer gather = new Gatherer()) {
            var readmeCall = gather.start("README", () -> readme(repo, repo.ref(), folderOf(repo.path())));
            var contributorsCall = gather.start("contributors", () -> Optional.of(contributors(repo)));
            var languagesCall = gather.start("languages", () -> Optional.of(languages(repo)));
            var treeCall = gather.start("file tree", () -> Optional.of(tree(repo, branch)));
            var pullsCall = gather.start("pull requests", () -> Optional.of(mergedPulls(repo)));
            readme = readmeCall.get().orElse("");
            contributors = contributorsCall.get().orElse(List.of());
            Optional<Tree> tree = treeCall.get();
            Optional<ReviewSample> reviews = pullsCall.get().flatMap(pulls -> reviewSample(repo, pulls, gather));
            insight = new RepositoryInsight(tree.map(Tree::paths).orElse(List.of()),
                    tree.map(Tree::truncated).orElse(true), languagesCall.get().orElse(Map.of()),
                    info.path("stargazers_count").asLong(0), info.path("forks_count").asLong(0),
                    info.path("archived").asBoolean(false), UrlPaths.instant(info.path("pushed_at").asText("")), reviews);
            degradations = gather.degradations();
        }
        long sizeBytes = Math.max(0, info.path("size").asLong(0)) * 1024;

        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("default_branch", defaultBranch);
        attributes.put("ref", branch);
        if (!repo.path().isEmpty()) {
            attributes.put("path", repo.path());
        }
        attributes.put("archived", Boolean.toString(info.path("archived").asBoolean(false)));
        attributes.put("forks", Long.toString(info.path("forks_count").asLong(0)));
        if (info.hasNonNull("description")) {
            attributes.put("description", info.path("description").asText());
        }
        return SourceEvidence.builder(SourceKind.GITHUB_REPOSITORY, "https://github.com/" + fullName, name)
                .hubId(fullName)
                .readme(readme)
                .license(spdx(info).orElse(null))
                // the archive's size is unknown until it is made; the repository size still prices it
                .files(List.of(new SourceFile(name + "-" + branch + ".zip", -1, Optional.empty())))
                .totalSizeBytes(sizeBytes)
                .popularity(new Popularity(-1, info.path("stargazers_count").asLong(-1),
                        UrlPaths.instant(info.path("pushed_at").asText(""))))
                .attributes(attributes)
                .contributors(contributors)
                .repository(insight)
                .degradations(degradations)
                .build();
    }

    /** Most merged pull requests whose reviews are examined. */
    static final int REVIEW_SAMPLE = 15;
    private static final int MAX_TREE_PATHS = 20_000;

    private record Tree(List<String> paths, boolean truncated) {
    }

    private record Pull(int number, String author) {
    }

    /**
     * The README of the folder the URL names (GitHub's {@code /readme/{dir}}), else of the
     * repository, at the URL's ref; raw, decoded by its declared or sniffed charset.
     */
    private Optional<String> readme(SourceLocator.GitHub repo, Optional<String> ref, String folder) {
        Map<String, String> raw = headers();
        raw.put("Accept", "application/vnd.github.raw+json");
        String query = ref.map(r -> "?ref=" + UrlPaths.segment(r)).orElse("");
        if (!folder.isEmpty()) {
            Optional<String> inFolder = http.getIfPresent(api("/repos/" + path(repo) + "/readme/" + UrlPaths.path(folder)
                    + query), raw, settings.maxReadmeBytes(), true).map(HttpFetcher.Answer::text);
            if (inFolder.isPresent()) {
                return inFolder;
            }
        }
        return http.getIfPresent(api("/repos/" + path(repo) + "/readme" + query), raw, settings.maxReadmeBytes(), true)
                .map(HttpFetcher.Answer::text);
    }

    /** The folder part of a path inside the repository: a file's folder, or the folder itself. */
    private static String folderOf(String path) {
        int slash = path.lastIndexOf('/');
        String last = slash < 0 ? path : path.substring(slash + 1);
        return last.contains(".") ? (slash < 0 ? "" : path.substring(0, slash)) : path;
    }

    /** Every page of {@code /contributors} (GitHub paginates with {@code Link}), bounded by maxPages. */
    private List<Contributor> contributors(SourceLocator.GitHub repo) {
        List<Contributor> contributors = new ArrayList<>();
        URI uri = api("/repos/" + path(repo) + "/contributors?per_page=100");
        for (int page = 0; page < settings.maxPages(); page++) {
            HttpFetcher.Answer answer = http.get(uri, headers(), settings.maxJsonBytes(), false);
            for (JsonNode c : arrayOf(answer.body(), uri)) {
                String login = c.path("login").isTextual() ? c.path("login").asText() : "";
                if (!login.isBlank()) {
                    contributors.add(new Contributor(login, Math.max(0, c.path("contributions").asLong(0))));
                }
            }
            Optional<URI> next = HttpFetcher.nextPage(answer);
            if (next.isEmpty()) {
                break;
            }
            uri = next.get();
        }
        return contributors;
    }

    private JsonNode arrayOf(byte[] body, URI uri) {
        try {
            JsonNode node = json.readTree(body);
            return node != null && node.isArray() ? node : json.createArrayNode();
        } catch (java.io.IOException e) {
            throw new UpstreamException.Unavailable("GitHub sent malformed JSON for " + uri.getPath(), e);
        }
    }

    private Map<String, Long> languages(SourceLocator.GitHub repo) {
        Map<String, Long> languages = new LinkedHashMap<>();
        read("/repos/" + path(repo) + "/languages").fields()
                .forEachRemaining(f -> languages.put(f.getKey(), f.getValue().asLong(0)));
        return languages;
    }

    private Tree tree(SourceLocator.GitHub repo, String branch) {
        JsonNode tree = read("/repos/" + path(repo) + "/git/trees/" + UrlPaths.segment(branch) + "?recursive=1");
        List<String> paths = new ArrayList<>();
        for (JsonNode entry : tree.path("tree")) {
            if (entry.path("type").asText().equals("blob") && entry.path("path").isTextual()
                    && paths.size() < MAX_TREE_PATHS) {
                paths.add(entry.path("path").asText());
            }
        }
        return new Tree(paths, tree.path("truncated").asBoolean(false) || paths.size() >= MAX_TREE_PATHS);
    }

    private List<Pull> mergedPulls(SourceLocator.GitHub repo) {
        List<Pull> pulls = new ArrayList<>();
        for (JsonNode pull : array("/repos/" + path(repo) + "/pulls?state=closed&sort=updated&direction=desc"
                + "&per_page=50")) {
            if (pull.hasNonNull("merged_at") && pulls.size() < REVIEW_SAMPLE) {
                pulls.add(new Pull(pull.path("number").asInt(), pull.path("user").path("login").asText("")));
            }
        }
        return pulls;
    }

    /** Lines added by each sampled pull request, and whether someone other than its author reviewed it. */
    private Optional<ReviewSample> reviewSample(SourceLocator.GitHub repo, List<Pull> pulls, Gatherer gather) {
        List<Gatherer.Pending<Long>> additions = new ArrayList<>();
        List<Gatherer.Pending<Boolean>> reviewed = new ArrayList<>();
        for (Pull pull : pulls) {
            String base = "/repos/" + path(repo) + "/pulls/" + pull.number();
            additions.add(gather.start("pull request #" + pull.number(),
                    () -> Optional.of(Math.max(0, read(base).path("additions").asLong(0)))));
            reviewed.add(gather.start("reviews of #" + pull.number(), () -> {
                for (JsonNode review : array(base + "/reviews?per_page=100")) {
                    String reviewer = review.path("user").path("login").asText("");
                    if (!reviewer.isBlank() && !reviewer.equalsIgnoreCase(pull.author())) {
                        return Optional.of(true);
                    }
                }
                return Optional.of(false);
            }));
        }
        int merged = 0;
        int reviewedCount = 0;
        long lines = 0;
        long reviewedLines = 0;
        for (int i = 0; i < pulls.size(); i++) {
            Optional<Long> added = additions.get(i).get();
            Optional<Boolean> wasReviewed = reviewed.get(i).get();
            if (wasReviewed.isEmpty()) {
                continue;
            }
            merged++;
            // bounded so that no answer, however large its numbers, overflows the sums
            long n = Math.min(added.orElse(0L), 1_000_000_000_000L);
            lines += n;
            if (wasReviewed.get()) {
                reviewedCount++;
                reviewedLines += n;
            }
        }
        return merged == 0 ? Optional.empty() : Optional.of(new ReviewSample(merged, reviewedCount, lines,
                reviewedLines));
    }

    private JsonNode read(String pathAndQuery) {
        URI uri = api(pathAndQuery);
        try {
            JsonNode node = json.readTree(http.get(uri, headers(), settings.maxJsonBytes(), false).body());
            return node == null ? json.createObjectNode() : node;
        } catch (java.io.IOException e) {
            throw new UpstreamException.Unavailable("GitHub sent malformed JSON for " + uri.getPath(), e);
        }
    }

    private JsonNode array(String pathAndQuery) {
        JsonNode node = read(pathAndQuery);
        return node.isArray() ? node : json.createArrayNode();
    }

    /** Streams the default branch as a zip ({@code /repos/{o}/{r}/zipball/{branch}}, redirected to codeload). */
    java.io.InputStream openArchive(SourceEvidence evidence) {
        String branch = evidence.attributes().getOrDefault("ref", evidence.attributes().getOrDefault("default_branch",
                "main"));
        String[] parts = evidence.hubId().orElseThrow().split("/", 2);
        return http.stream(api("/repos/" + UrlPaths.segment(parts[0]) + "/" + UrlPaths.segment(parts[1])
                + "/zipball/" + UrlPaths.segment(branch)), headers());
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
        return UrlPaths.segment(repo.owner()) + "/" + UrlPaths.segment(repo.repo());
    }



}
