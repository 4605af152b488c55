package io.trustregistry.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local HTTP server that answers like the Hugging Face Hub REST API, GitHub's REST API v3
 * and a plain file host, serving whatever was {@link #add added}. One server plays all three:
 * point {@code HF_ENDPOINT} and {@code GITHUB_API_URL} at {@link #baseUrl()}. A second server,
 * on another loopback address ({@code 127.0.0.2}), plays the CDN that the Hub's
 * {@code /resolve} redirects LFS and xet files to.
 *
 * <p>It answers the way the services do, not the way our client expects; each behaviour cites
 * its source:
 * <ul>
 *   <li>Tags carry each base model twice, {@code base_model:ID} and
 *       {@code base_model:RELATION:ID} (Hub docs "Model cards": base_model relations
 *       finetune/adapter/quantized/merge, which the Hub derives into tags), plain form first;
 *       {@code cardData.base_model} and {@code cardData.datasets} are a string or a list
 *       (huggingface_hub {@code repocard_data.py} {@code ModelCardData}); {@code license: other}
 *       comes with {@code license_name} and {@code license_link} (same file).</li>
 *   <li>{@code /resolve} of an LFS file answers 302 to a signed URL on another host, with
 *       {@code X-Linked-Size} and {@code X-Linked-Etag} (huggingface_hub
 *       {@code file_download.py}, {@code get_hf_file_metadata}); like S3, the signed URL refuses
 *       a request that also carries {@code Authorization} (S3: "Only one auth mechanism
 *       allowed", 400).</li>
 *   <li>Missing and private repositories: 401 to anonymous callers, 404 to authenticated
 *       ones, both with {@code X-Error-Code: RepoNotFound}; a gated repository's info is
 *       public, its files answer 401 (anonymous) or 403 (no access) with
 *       {@code X-Error-Code: GatedRepo}; a missing file 404 {@code EntryNotFound}; a revoked
 *       token 401 with {@code X-Error-Message: Invalid credentials in Authorization header}
 *       (huggingface_hub {@code utils/_http.py}, {@code hf_raise_for_status}). GitHub answers a
 *       bad token 401 {@code {"message":"Bad credentials"}} (GitHub REST docs,
 *       "Authenticating to the REST API").</li>
 *   <li>Rate limits: Hub answers carry {@code RateLimit: "api";r=R;t=T} and
 *       {@code RateLimit-Policy: "fixed window";"api";q=Q;w=300}, and 429 with
 *       {@code Retry-After} once spent (Hub docs "Rate limits"); GitHub answers carry
 *       {@code x-ratelimit-limit/remaining/reset/used}, a spent primary limit answers 403 with
 *       {@code x-ratelimit-remaining: 0}, a secondary limit 403 with {@code retry-after}
 *       (GitHub REST docs "Rate limits for the REST API").</li>
 *   <li>Pagination by {@code Link: <...>; rel="next"}: GitHub's contributors
 *       ({@code per_page} at most 100, {@code page}; GitHub REST docs "Using pagination in the
 *       REST API") and the Hub's commit list ({@code p}; huggingface_hub
 *       {@code utils/_pagination.py} follows {@code Link}).</li>
 *   <li>Renamed repositories: the Hub answers 307 with a relative {@code Location} (hence
 *       huggingface_hub's {@code _http.py} relative-redirect handling); GitHub 301 to
 *       {@code /repositories/{id}} (GitHub REST docs, "Get a repository").</li>
 *   <li>Faults the real internet produces: an HTML page where JSON is expected (a proxy or
 *       captive portal), a body that trickles a byte at a time.</li>
 * </ul>
 *
 * <ul>
 *   <li>{@code GET /api/models/{id}} and {@code /api/datasets/{id}} (with {@code ?blobs=true}):
 *       repository info with {@code siblings}, {@code cardData}, {@code tags}, counts;</li>
 *   <li>{@code GET /{id}/resolve/{rev}/{path}} and {@code /datasets/{id}/resolve/...}: files;</li>
 *   <li>{@code GET /repos/{owner}/{repo}}, {@code .../readme}, {@code .../license}, {@code /rate_limit};</li>
 *   <li>{@code GET|HEAD /files/{name}}: plain downloads with {@code Content-Length}.</li>
 * </ul>
 * Faults can be injected: a latency for every call, and a status for the next N calls to a path.
 */
public final class FakeHub implements AutoCloseable {

    private static final String INVALID_CREDENTIALS = "Invalid credentials in Authorization header";
    /** Commits per page of the Hub's commit list. */
    static final int COMMITS_PAGE = 50;

    private final HttpServer server;
    private final HttpServer cdn;
    private final Map<String, Map<String, Object>> models = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> datasets = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> repositories = new ConcurrentHashMap<>();
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, String> fileTypes = new ConcurrentHashMap<>();
    private final Map<String, List<String>> commitAuthors = new ConcurrentHashMap<>();
    private final Map<String, HubFixtures.Repository> repositoryFixtures = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Long>> declaredFiles = new ConcurrentHashMap<>();
    private final Map<String, ModelVariant> variants = new ConcurrentHashMap<>();
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, String> redirects = new ConcurrentHashMap<>();
    private final Map<String, String> hubRenames = new ConcurrentHashMap<>();
    private final Map<String, String> gitHubRenames = new ConcurrentHashMap<>();
    private final Map<String, Map<String, List<String>>> lastHeaders = new ConcurrentHashMap<>();
    private final Map<String, String> signedUrls = new ConcurrentHashMap<>();
    private final Set<String> revokedTokens = ConcurrentHashMap.newKeySet();
    private final Set<String> gatedAccess = ConcurrentHashMap.newKeySet();
    private final Set<String> accounts = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> trickles = new ConcurrentHashMap<>();
    private final Set<String> htmlPrefixes = ConcurrentHashMap.newKeySet();
    private volatile Quota hubQuota;
    private volatile Quota gitHubQuota;
    private final AtomicInteger gitHubSecondary = new AtomicInteger();
    private volatile int gitHubSecondaryRetryAfter;
    private volatile long latencyMillis;

    private record Fault(int status, AtomicInteger remaining, Map<String, String> headers) {
    }

    /** A fixed-window request quota. */
    private static final class Quota {
        private final int limit;
        private final long windowSeconds;
        private long windowStart = System.currentTimeMillis();
        private int used;

        Quota(int limit, long windowSeconds) {
            this.limit = limit;
            this.windowSeconds = windowSeconds;
        }

        /** Counts a request; false when the window's quota is spent. */
        synchronized boolean take() {
            if (System.currentTimeMillis() - windowStart >= windowSeconds * 1000) {
                windowStart = System.currentTimeMillis();
                used = 0;
            }
            if (used >= limit) {
                return false;
            }
            used++;
            return true;
        }

        synchronized int remaining() {
            return Math.max(0, limit - used);
        }

        synchronized long resetSeconds() {
            long left = windowSeconds - (System.currentTimeMillis() - windowStart) / 1000;
            return Math.max(0, left);
        }

        synchronized long resetEpoch() {
            return (windowStart / 1000) + windowSeconds;
        }
    }

    private FakeHub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
        cdn = HttpServer.create(new InetSocketAddress("127.0.0.2", 0), 0);
        cdn.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        cdn.createContext("/", this::handleCdn);
        cdn.start();
    }

    /** Starts an empty fake hub on a free loopback port. */
    public static FakeHub start() {
        try {
            return new FakeHub();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake hub", e);
        }
    }

    /** Starts a fake hub serving {@code fixtures}. */
    public static FakeHub serving(HubFixtures fixtures) {
        FakeHub hub = start();
        hub.add(fixtures);
        return hub;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** {@code http://127.0.0.2:<port>}: the CDN host LFS files are redirected to. */
    public String cdnUrl() {
        return "http://127.0.0.2:" + cdn.getAddress().getPort();
    }

    /** Publishes fixtures. */
    public FakeHub add(HubFixtures fixtures) {
        fixtures.models().forEach(this::addModel);
        fixtures.datasets().forEach(this::addDataset);
        fixtures.repositories().forEach(this::addRepository);
        return this;
    }

    /** Publishes one model as a plain repository (a fine-tune of its base models, if any). */
    public FakeHub addModel(HubFixtures.Model m) {
        return addModel(m, ModelVariant.plain());
    }

    /** Publishes one model in the shape {@code variant} describes. */
    public FakeHub addModel(HubFixtures.Model m, ModelVariant variant) {
        String key = "model:" + m.hubId();
        variants.put(key, variant);
        accounts.add(owner(m.hubId()));
        String relation = variant.relation().orElse("finetune");
        List<Object> tags = new ArrayList<>(List.of(variant.peftAdapter() ? "peft" : "transformers", "pytorch"));
        m.license().ifPresent(l -> tags.add("license:" + (variant.licenseName().isPresent() ? "other" : l)));
        m.datasets().forEach(d -> tags.add("dataset:" + d));
        for (String base : m.baseModels()) {
            // the Hub writes both forms; the plain one first, so order cannot hide a parsing bug
            tags.add("base_model:" + base);
            tags.add("base_model:" + relation + ":" + base);
        }
        Map<String, Object> card = new LinkedHashMap<>();
        if (variant.licenseName().isPresent()) {
            card.put("license", "other");
            if (!variant.licenseName().get().isEmpty()) {
                card.put("license_name", variant.licenseName().get());
            }
            variant.licenseLink().ifPresent(link -> card.put("license_link", link));
        } else {
            m.license().ifPresent(l -> card.put("license", l));
        }
        if (!m.datasets().isEmpty()) {
            card.put("datasets", variant.datasetsAsString() && m.datasets().size() == 1 ? m.datasets().get(0)
                    : m.datasets());
        }
        if (!m.baseModels().isEmpty()) {
            card.put("base_model", m.baseModels().size() == 1 && !variant.baseModelsAsList() ? m.baseModels().get(0)
                    : m.baseModels());
            card.put("base_model_relation", relation);
        }
        if (m.modelIndexResults() > 0) {
            List<Object> results = new ArrayList<>();
            for (int i = 0; i < m.modelIndexResults(); i++) {
                results.add(Json.obj("task", Json.obj("type", "fill-mask"), "dataset", Json.obj("name", "eval-" + i),
                        "metrics", List.of(Json.obj("type", "accuracy", "value", 0.9))));
            }
            card.put("model-index", List.of(Json.obj("name", m.hubId(), "results", results)));
        }
        commitAuthors.put("models/" + m.hubId(), m.commitAuthors());
        Map<String, Long> listed = new LinkedHashMap<>(m.files());
        if (variant.peftAdapter()) {
            listed.remove("config.json");
            String adapter = Json.write(Json.obj("base_model_name_or_path", m.baseModels().isEmpty() ? null
                    : m.baseModels().get(0), "peft_type", "LORA", "r", 8, "lora_alpha", 16));
            files.put(key + ":adapter_config.json", adapter.getBytes(StandardCharsets.UTF_8));
            listed.put("adapter_config.json", (long) adapter.length());
            listed.putIfAbsent("adapter_model.safetensors", 2_000_000L);
        }
        for (int i = 0; i < variant.extraFiles(); i++) {
            listed.put(String.format("shards/part-%05d.json", i), 1024L);
        }
        byte[] readme = variant.readmeBytes().orElse(m.readme().getBytes(StandardCharsets.UTF_8));
        files.put(key + ":README.md", readme);
        fileTypes.put(key + ":README.md", variant.readmeContentType());
        listed.put("README.md", (long) readme.length);
        if (listed.containsKey("config.json")) {
            String config = m.baseModels().isEmpty()
                    ? Json.write(Json.obj("model_type", "bert", "architectures", List.of("BertForMaskedLM")))
                    : Json.write(Json.obj("_name_or_path", m.baseModels().get(0), "model_type", "bert"));
            long declared = listed.get("config.json");
            // pad with whitespace (still valid JSON) so the served file has the size the listing declares
            String padded = config + " ".repeat((int) Math.max(0, declared - config.length()));
            files.put(key + ":config.json", padded.getBytes(StandardCharsets.UTF_8));
        }
        declaredFiles.put(key, listed);
        Map<String, Object> info = Json.obj("_id", Integer.toHexString(m.hubId().hashCode()), "id", m.hubId(),
                "modelId", m.hubId(), "author", owner(m.hubId()), "sha", sha(m.hubId()),
                "lastModified", "2024-02-19T11:06:12.000Z", "createdAt", "2022-03-02T23:29:04.000Z",
                "private", variant.privateRepo(), "gated", variant.gated().<Object>map(g -> g).orElse(false),
                "disabled", false, "downloads", m.downloads(), "likes", m.likes(),
                "library_name", variant.peftAdapter() ? "peft" : "transformers", "tags", tags, "cardData", card,
                "siblings", siblings(key, listed));
        m.pipelineTag().ifPresent(p -> info.put("pipeline_tag", p));
        models.put(m.hubId(), info);
        return this;
    }

    /** Publishes one dataset. */
    public FakeHub addDataset(HubFixtures.Dataset d) {
        Map<String, Object> card = new LinkedHashMap<>();
        d.license().ifPresent(l -> card.put("license", l));
        List<Object> tags = new ArrayList<>();
        d.license().ifPresent(l -> tags.add("license:" + l));
        accounts.add(owner(d.hubId()));
        files.put("dataset:" + d.hubId() + ":README.md", d.readme().getBytes(StandardCharsets.UTF_8));
        datasets.put(d.hubId(), Json.obj("_id", Integer.toHexString(d.hubId().hashCode()), "id", d.hubId(),
                "author", owner(d.hubId()), "sha", sha(d.hubId()), "lastModified", "2024-01-04T16:18:21.000Z",
                "private", false, "gated", false, "disabled", false, "downloads", d.downloads(),
                "likes", Math.max(12, d.downloads() / 4_000),
                "tags", tags, "cardData", card, "siblings", siblings("dataset:" + d.hubId(), d.files())));
        declaredFiles.put("dataset:" + d.hubId(), d.files());
        return this;
    }

    /** Publishes one GitHub repository. */
    public FakeHub addRepository(HubFixtures.Repository r) {
        String name = r.fullName().substring(r.fullName().indexOf('/') + 1);
        Object license = r.spdxLicense().<Object>map(id -> Json.obj("key", id.toLowerCase(), "name", id + " License",
                "spdx_id", id, "url", baseUrl() + "/licenses/" + id.toLowerCase())).orElse(null);
        repositoryFixtures.put(r.fullName(), r);
        repositories.put(r.fullName(), Json.obj("id", Math.abs(r.fullName().hashCode()), "name", name,
                "full_name", r.fullName(), "private", false,
                "html_url", "https://github.com/" + r.fullName(), "description", "fixture repository",
                "fork", false, "size", r.sizeKilobytes(), "stargazers_count", r.stars(), "watchers_count", r.stars(),
                "forks_count", 3, "open_issues_count", 1, "default_branch", "main", "archived", false,
                "pushed_at", r.pushedAt(), "updated_at", "2024-05-02T10:00:00Z",
                "created_at", "2018-10-01T10:00:00Z", "license", license,
                "owner", Json.obj("login", owner(r.fullName()), "type", "Organization")));
        files.put("repo:" + r.fullName() + ":README", r.readme().getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Replaces a repository's README with raw {@code bytes} served as {@code contentType}. */
    public void setRepositoryReadme(String fullName, byte[] bytes, String contentType) {
        files.put("repo:" + fullName + ":README", bytes.clone());
        fileTypes.put("repo:" + fullName + ":README", contentType);
    }

    /** Publishes a plain download at {@code /files/{name}} and returns its URL. */
    public String addFile(String name, byte[] content) {
        return addFile(name, content, "application/octet-stream");
    }

    /** Publishes a plain download served with {@code contentType}, and returns its URL. */
    public String addFile(String name, byte[] content, String contentType) {
        files.put("file:" + name, content);
        fileTypes.put("file:" + name, contentType);
        return baseUrl() + "/files/" + name;
    }

    /** Renames a Hub model: the old id answers 307 with a relative Location, as the Hub does. */
    public void renameModel(String oldId, String newId) {
        hubRenames.put(oldId, newId);
        accounts.add(owner(oldId));
    }

    /** Renames a GitHub repository: the old name answers 301 to {@code /repositories/{id}}. */
    public void renameRepository(String oldFullName, String newFullName) {
        gitHubRenames.put(oldFullName, newFullName);
    }

    /** From now on, a request bearing {@code token} is refused as the Hub and GitHub refuse revoked tokens. */
    public void revokeToken(String token) {
        revokedTokens.add(token);
    }

    /** {@code token} has accepted the conditions of every gated repository. */
    public void grantGatedAccess(String token) {
        gatedAccess.add(token);
    }

    /** Hub API and resolver requests share a quota of {@code limit} per {@code windowSeconds}. */
    public void limitHub(int limit, long windowSeconds) {
        hubQuota = new Quota(limit, windowSeconds);
    }

    /** GitHub's primary rate limit: {@code limit} requests per {@code windowSeconds}. */
    public void limitGitHub(int limit, long windowSeconds) {
        gitHubQuota = new Quota(limit, windowSeconds);
    }

    /** The next {@code times} GitHub requests hit a secondary rate limit asking to wait {@code seconds}. */
    public void gitHubSecondaryLimit(int times, int seconds) {
        gitHubSecondaryRetryAfter = seconds;
        gitHubSecondary.set(times);
    }

    /** Answers requests whose path starts with {@code pathPrefix} one byte every {@code millisPerByte}. */
    public void trickle(String pathPrefix, long millisPerByte) {
        trickles.put(pathPrefix, millisPerByte);
    }

    /** Answers requests whose path starts with {@code pathPrefix} with an HTML page and status 200. */
    public void serveHtml(String pathPrefix) {
        htmlPrefixes.add(pathPrefix);
    }

    /** Delays every answer by {@code millis}. */
    public void setLatencyMillis(long millis) {
        this.latencyMillis = millis;
    }

    /** Answers the next {@code times} requests whose path starts with {@code pathPrefix} with {@code status}. */
    public void failNext(String pathPrefix, int status, int times) {
        failNext(pathPrefix, status, times, Map.of());
    }

    /** As {@link #failNext(String, int, int)}, adding response headers to the faulty answers. */
    public void failNext(String pathPrefix, int status, int times, Map<String, String> headers) {
        faults.put(pathPrefix, new Fault(status, new AtomicInteger(times), Map.copyOf(headers)));
    }

    /** Makes {@code /files/{name}} redirect (302) to {@code location}; returns its URL. */
    public String addRedirect(String name, String location) {
        redirects.put(name, location);
        return baseUrl() + "/files/" + name;
    }

    /** A request header of the last request to exactly {@code path} (on the CDN: {@code cdn:path}), if any. */
    public Optional<String> lastHeader(String path, String header) {
        Map<String, List<String>> headers = lastHeaders.get(path);
        if (headers == null) {
            return Optional.empty();
        }
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(header))
                .flatMap(e -> e.getValue().stream()).findFirst();
    }

    /** Whether any request to a path starting with {@code pathPrefix} carried {@code header}. */
    public boolean anyRequestCarried(String pathPrefix, String header) {
        return lastHeaders.entrySet().stream().filter(e -> e.getKey().startsWith(pathPrefix))
                .anyMatch(e -> e.getValue().keySet().stream().anyMatch(h -> h.equalsIgnoreCase(header)));
    }

    /** How many requests arrived in all. */
    public int totalCalls() {
        return calls.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** How many requests arrived for exactly {@code path}. */
    public int callsExactly(String path) {
        AtomicInteger count = calls.get(path);
        return count == null ? 0 : count.get();
    }

    /** How many requests arrived for paths starting with {@code pathPrefix}. */
    public int callsTo(String pathPrefix) {
        return calls.entrySet().stream().filter(e -> e.getKey().startsWith(pathPrefix))
                .mapToInt(e -> e.getValue().get()).sum();
    }

    @Override
    public void close() {
        server.stop(0);
        cdn.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            String path = uri.getRawPath();
            calls.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            lastHeaders.put(path, Map.copyOf(exchange.getRequestHeaders()));
            if (latencyMillis > 0) {
                Thread.sleep(latencyMillis);
            }
            for (Map.Entry<String, Fault> fault : faults.entrySet()) {
                if (path.startsWith(fault.getKey()) && fault.getValue().remaining().getAndDecrement() > 0) {
                    fault.getValue().headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
                    send(exchange, fault.getValue().status(), "application/json",
                            Json.write(Json.obj("error", "injected fault")).getBytes(StandardCharsets.UTF_8));
                    return;
                }
            }
            for (String prefix : htmlPrefixes) {
                if (path.startsWith(prefix)) {
                    send(exchange, 200, "text/html; charset=utf-8", ("<!DOCTYPE html><html><head><title>Just a"
                            + " moment...</title></head><body>Checking your browser</body></html>")
                            .getBytes(StandardCharsets.UTF_8));
                    return;
                }
            }
            for (Map.Entry<String, Long> trickle : trickles.entrySet()) {
                if (path.startsWith(trickle.getKey())) {
                    trickle(exchange, trickle.getValue());
                    return;
                }
            }
            boolean gitHub = isGitHubPath(path);
            Optional<String> token = bearer(exchange);
            if (token.isPresent() && revokedTokens.contains(token.get())) {
                if (gitHub) {
                    send(exchange, 401, "application/json; charset=utf-8", Json.write(Json.obj("message",
                            "Bad credentials", "documentation_url", "https://docs.github.com/rest", "status", "401"))
                            .getBytes(StandardCharsets.UTF_8));
                } else {
                    exchange.getResponseHeaders().set("X-Error-Message", INVALID_CREDENTIALS);
                    send(exchange, 401, "application/json", Json.write(Json.obj("error", INVALID_CREDENTIALS))
                            .getBytes(StandardCharsets.UTF_8));
                }
                return;
            }
            if (gitHub ? !gitHubQuota(exchange) : !hubQuota(exchange)) {
                return;
            }
            route(exchange, path, token);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean isGitHubPath(String path) {
        return path.startsWith("/repos/") || path.startsWith("/repositories/") || path.equals("/rate_limit")
                || path.equals("/user");
    }

    private static Optional<String> bearer(HttpExchange exchange) {
        String value = exchange.getRequestHeaders().getFirst("Authorization");
        if (value == null || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(value.substring(7).strip());
    }

    /** Hub docs "Rate limits": RateLimit and RateLimit-Policy on every answer, 429 once spent. */
    private boolean hubQuota(HttpExchange exchange) throws IOException {
        Quota quota = hubQuota;
        if (quota == null) {
            return true;
        }
        boolean allowed = quota.take();
        exchange.getResponseHeaders().set("RateLimit", "\"api\";r=" + quota.remaining() + ";t=" + quota.resetSeconds());
        exchange.getResponseHeaders().set("RateLimit-Policy", "\"fixed window\";\"api\";q=" + quota.limit + ";w="
                + quota.windowSeconds);
        if (!allowed) {
            exchange.getResponseHeaders().set("Retry-After", Long.toString(Math.max(1, quota.resetSeconds())));
            send(exchange, 429, "application/json", Json.write(Json.obj("error", "You have exceeded our hourly quotas"
                    + " for action: api. Retry later.")).getBytes(StandardCharsets.UTF_8));
        }
        return allowed;
    }

    /** GitHub docs "Rate limits for the REST API": x-ratelimit-* on every answer; 403 when spent. */
    private boolean gitHubQuota(HttpExchange exchange) throws IOException {
        if (gitHubSecondary.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            exchange.getResponseHeaders().set("retry-after", Integer.toString(gitHubSecondaryRetryAfter));
            send(exchange, 403, "application/json; charset=utf-8", Json.write(Json.obj("message", "You have exceeded a"
                    + " secondary rate limit. Please wait a few minutes before you try again.", "documentation_url",
                    "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api")).getBytes(
                    StandardCharsets.UTF_8));
            return false;
        }
        Quota quota = gitHubQuota;
        if (quota == null) {
            return true;
        }
        boolean allowed = quota.take();
        exchange.getResponseHeaders().set("x-ratelimit-limit", Integer.toString(quota.limit));
        exchange.getResponseHeaders().set("x-ratelimit-remaining", Integer.toString(quota.remaining()));
        exchange.getResponseHeaders().set("x-ratelimit-used", Integer.toString(quota.limit - quota.remaining()));
        exchange.getResponseHeaders().set("x-ratelimit-reset", Long.toString(quota.resetEpoch()));
        exchange.getResponseHeaders().set("x-ratelimit-resource", "core");
        if (!allowed) {
            send(exchange, 403, "application/json; charset=utf-8", Json.write(Json.obj("message", "API rate limit"
                    + " exceeded for 127.0.0.1. (But here's the good news: Authenticated requests get a higher rate"
                    + " limit.)", "documentation_url", "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"))
                    .getBytes(StandardCharsets.UTF_8));
        }
        return allowed;
    }

    private static void trickle(HttpExchange exchange, long millisPerByte) throws IOException, InterruptedException {
        byte[] body = Json.write(Json.obj("id", "slow/answer", "note", "x".repeat(200))).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            for (byte b : body) {
                out.write(b);
                out.flush();
                Thread.sleep(millisPerByte);
            }
        } catch (IOException clientGaveUp) {
            // the client closed the connection: exactly what a deadline should do
        }
    }

    private void route(HttpExchange exchange, String path, Optional<String> token) throws IOException {
        String[] s = path.substring(1).split("/");
        if (path.equals("/api/whoami-v2")) {
            if (token.isEmpty()) {
                exchange.getResponseHeaders().set("X-Error-Message", INVALID_CREDENTIALS);
                send(exchange, 401, "application/json", Json.write(Json.obj("error", INVALID_CREDENTIALS))
                        .getBytes(StandardCharsets.UTF_8));
            } else {
                json(exchange, Json.obj("type", "user", "name", "registry-bot", "auth", Json.obj("type", "access_token",
                        "accessToken", Json.obj("role", "read"))), "");
            }
        } else if ((path.startsWith("/api/users/") || path.startsWith("/api/organizations/")) && s.length == 4
                && s[3].equals("overview")) {
            // every fixture owner is an organisation (as google-bert or openai are)
            json(exchange, accounts.contains(s[2]) && s[1].equals("organizations") ? Json.obj("name", s[2],
                    "fullname", s[2], "numModels", 1, "numFollowers", 10) : null, "");
        } else if (path.startsWith("/api/models/") && hubRename(exchange, path, "/api/models/")) {
            return;
        } else if (path.startsWith("/api/") && path.contains("/commits/")) {
            String kind = s[1];
            String repo = path.substring(("/api/" + kind + "/").length(), path.indexOf("/commits/"));
            if (hidden(kind.equals("models") ? "model:" + repo : "dataset:" + repo, exchange, token)) {
                return;
            }
            commits(exchange, kind, repo);
        } else if (path.startsWith("/api/models/")) {
            String id = repoId(s, 2);
            if (!hidden("model:" + id, exchange, token)) {
                json(exchange, models.get(id), "");
            }
        } else if (path.startsWith("/api/datasets/")) {
            String id = repoId(s, 2);
            if (!hidden("dataset:" + id, exchange, token)) {
                json(exchange, datasets.get(id), "");
            }
        } else if (path.startsWith("/datasets/") && path.contains("/resolve/")) {
            String id = repoBefore(path.substring("/datasets/".length()), "/resolve/");
            if (!hidden("dataset:" + id, exchange, token)) {
                file(exchange, "dataset:" + id, path, token);
            }
        } else if (path.contains("/resolve/")) {
            String id = repoBefore(path.substring(1), "/resolve/");
            if (hubRename(exchange, path, "/")) {
                return;
            }
            if (!hidden("model:" + id, exchange, token)) {
                file(exchange, "model:" + id, path, token);
            }
        } else if (path.equals("/rate_limit")) {
            Quota quota = gitHubQuota;
            int limit = quota == null ? 60 : quota.limit;
            int remaining = quota == null ? 59 : quota.remaining();
            json(exchange, Json.obj("resources", Json.obj("core", Json.obj("limit", limit, "remaining", remaining)),
                    "rate", Json.obj("limit", limit, "remaining", remaining)), "");
        } else if (path.startsWith("/repositories/") && s.length >= 2) {
            String full = repositories.entrySet().stream().filter(e -> String.valueOf(e.getValue().get("id"))
                    .equals(s[1])).map(Map.Entry::getKey).findFirst().orElse(null);
            if (full == null) {
                json(exchange, null, "Not Found");
            } else {
                String[] rewritten = ("repos/" + full + path.substring(("/repositories/" + s[1]).length()))
                        .split("/");
                gitHubRoute(exchange, rewritten, full, exchange.getRequestURI().getRawQuery());
            }
        } else if (path.startsWith("/repos/") && s.length >= 3) {
            String full = s[1] + "/" + s[2];
            String renamed = gitHubRenames.get(full);
            if (renamed != null && repositories.containsKey(renamed)) {
                String rest = path.substring(("/repos/" + full).length());
                String query = exchange.getRequestURI().getRawQuery();
                exchange.getResponseHeaders().set("Location", baseUrl() + "/repositories/"
                        + repositories.get(renamed).get("id") + rest + (query == null ? "" : "?" + query));
                send(exchange, 301, "application/json", Json.write(Json.obj("message", "Moved Permanently", "url",
                        baseUrl() + "/repositories/" + repositories.get(renamed).get("id"))).getBytes(
                        StandardCharsets.UTF_8));
                return;
            }
            gitHubRoute(exchange, s, full, exchange.getRequestURI().getRawQuery());
        } else if (path.startsWith("/files/") && redirects.containsKey(path.substring("/files/".length()))) {
            exchange.getResponseHeaders().set("Location", redirects.get(path.substring("/files/".length())));
            exchange.sendResponseHeaders(302, -1);
        } else if (path.startsWith("/files/")) {
            String name = path.substring("/files/".length());
            byte[] content = files.get("file:" + name);
            String type = fileTypes.getOrDefault("file:" + name, "application/octet-stream");
            if (content == null) {
                send(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
            } else if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.getResponseHeaders().set("Content-Type", type);
                exchange.getResponseHeaders().set("Content-Length", Long.toString(content.length));
                exchange.sendResponseHeaders(200, -1);
            } else {
                send(exchange, 200, type, content);
            }
        } else {
            send(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The Hub's commit list, {@value #COMMITS_PAGE} a page ({@code ?p=N}), linked with {@code Link}. */
    private void commits(HttpExchange exchange, String kind, String repo) throws IOException {
        List<String> authors = commitAuthors.get(kind + "/" + repo);
        if (authors == null) {
            repoNotFound(exchange, bearer(exchange).isPresent());
            return;
        }
        int page = intParam(exchange, "p", 0);
        List<Object> commits = new ArrayList<>();
        for (int i = page * COMMITS_PAGE; i < Math.min(authors.size(), (page + 1) * COMMITS_PAGE); i++) {
            commits.add(Json.obj("id", sha(repo + i), "title", "commit " + i, "message", "commit " + i,
                    "authors", List.of(Json.obj("user", authors.get(i))), "date", "2024-01-0" + (1 + i % 9)
                            + "T00:00:00.000Z"));
        }
        if ((page + 1) * COMMITS_PAGE < authors.size()) {
            exchange.getResponseHeaders().set("Link", "<" + baseUrl() + exchange.getRequestURI().getRawPath() + "?p="
                    + (page + 1) + ">; rel=\"next\"");
        }
        json(exchange, commits, "");
    }

    /** huggingface_hub {@code _http.py}: the Hub answers a renamed repo 307 with a relative Location. */
    private boolean hubRename(HttpExchange exchange, String path, String prefix) throws IOException {
        String rest = path.substring(prefix.length());
        for (Map.Entry<String, String> rename : hubRenames.entrySet()) {
            if (rest.startsWith(rename.getKey() + "/") || rest.equals(rename.getKey())) {
                String query = exchange.getRequestURI().getRawQuery();
                exchange.getResponseHeaders().set("Location", prefix + rename.getValue()
                        + rest.substring(rename.getKey().length()) + (query == null ? "" : "?" + query));
                exchange.sendResponseHeaders(307, -1);
                return true;
            }
        }
        return false;
    }

    /** Private and missing repositories look the same: 401 to anonymous callers, 404 to others. */
    private boolean hidden(String key, HttpExchange exchange, Optional<String> token) throws IOException {
        ModelVariant variant = variants.get(key);
        String id = key.substring(key.indexOf(':') + 1);
        boolean exists = key.startsWith("model:") ? models.containsKey(id) : datasets.containsKey(id);
        if (exists && (variant == null || !variant.privateRepo())) {
            return false;
        }
        repoNotFound(exchange, token.isPresent());
        return true;
    }

    private static void repoNotFound(HttpExchange exchange, boolean authenticated) throws IOException {
        exchange.getResponseHeaders().set("X-Error-Code", "RepoNotFound");
        exchange.getResponseHeaders().set("X-Error-Message", "Repository not found");
        send(exchange, authenticated ? 404 : 401, "application/json",
                Json.write(Json.obj("error", "Repository not found")).getBytes(StandardCharsets.UTF_8));
    }

    private void gitHubRoute(HttpExchange exchange, String[] s, String full, String query) throws IOException {
        Map<String, Object> repo = repositories.get(full);
        if (s.length == 3) {
            json(exchange, repo, "Not Found");
        } else if ((s.length == 4 || s.length > 4 && s[3].equals("readme")) && s[3].equals("readme") && repo != null) {
            byte[] readme = files.get("repo:" + full + ":README");
            String accept = String.valueOf(exchange.getRequestHeaders().getFirst("Accept"));
            if (s.length > 4) {
                json(exchange, null, "Not Found");
            } else if (accept.contains("raw")) {
                send(exchange, 200, fileTypes.getOrDefault("repo:" + full + ":README", "text/plain; charset=utf-8"),
                        readme);
            } else {
                json(exchange, Json.obj("name", "README.md", "path", "README.md", "encoding", "base64",
                        "content", java.util.Base64.getMimeEncoder().encodeToString(readme)), "");
            }
        } else if (repo != null && s.length == 4 && s[3].equals("contributors")) {
            contributors(exchange, full, query);
        } else if (repo != null && s.length == 4 && s[3].equals("languages")) {
            json(exchange, Json.obj("Python", 40_000, "Shell", 1_000), "");
        } else if (repo != null && s.length == 6 && s[3].equals("git") && s[4].equals("trees")) {
            List<Object> tree = new ArrayList<>();
            repositoryFixtures.get(full).paths().forEach(p -> tree.add(Json.obj("path", p, "type", "blob",
                    "size", 100)));
            json(exchange, Json.obj("sha", sha(full), "tree", tree, "truncated", false), "");
        } else if (repo != null && s.length == 4 && s[3].equals("pulls")) {
            List<Object> pulls = new ArrayList<>();
            for (HubFixtures.Pull pull : repositoryFixtures.get(full).pulls()) {
                pulls.add(Json.obj("number", pull.number(), "state", "closed",
                        "merged_at", "2025-01-01T00:00:00Z", "user", Json.obj("login", pull.author())));
            }
            json(exchange, pulls, "");
        } else if (repo != null && (s.length == 5 || s.length == 6) && s[3].equals("pulls")) {
            HubFixtures.Pull pull = repositoryFixtures.get(full).pulls().stream()
                    .filter(p -> Integer.toString(p.number()).equals(s[4])).findFirst().orElse(null);
            if (pull == null) {
                json(exchange, null, "Not Found");
            } else if (s.length == 5) {
                json(exchange, Json.obj("number", pull.number(), "merged_at", "2025-01-01T00:00:00Z",
                        "additions", pull.additions(), "deletions", 0, "user", Json.obj("login", pull.author())),
                        "");
            } else {
                List<Object> reviews = new ArrayList<>();
                pull.reviewers().forEach(r -> reviews.add(Json.obj("user", Json.obj("login", r),
                        "state", "APPROVED")));
                json(exchange, reviews, "");
            }
        } else if (repo != null && s.length == 5 && s[3].equals("zipball")) {
            long size = repositoryFixtures.get(full).sizeKilobytes() * 1024;
            // GitHub REST docs "Download a repository archive (zip)": 302 to codeload, another host
            String ticket = sha(full + System.nanoTime());
            signedUrls.put(ticket, "zipball:" + full + ":" + size);
            exchange.getResponseHeaders().set("Location", cdnUrl() + "/codeload/" + full + "/legacy.zip/" + s[4]
                    + "?token=" + ticket);
            exchange.sendResponseHeaders(302, -1);
        } else if (s.length == 4 && s[3].equals("license") && repo != null && repo.get("license") != null) {
            json(exchange, Json.obj("name", "LICENSE", "path", "LICENSE", "license", repo.get("license")), "");
        } else {
            json(exchange, null, "Not Found");
        }
    }

    /** GitHub's contributors, {@code per_page} (at most 100) a page, linked with {@code Link}. */
    private void contributors(HttpExchange exchange, String full, String query) throws IOException {
        List<Map.Entry<String, Long>> all = repositoryFixtures.get(full).contributors().entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).toList();
        int perPage = Math.min(100, Math.max(1, intParam(exchange, "per_page", 30)));
        int page = Math.max(1, intParam(exchange, "page", 1));
        List<Object> list = new ArrayList<>();
        for (int i = (page - 1) * perPage; i < Math.min(all.size(), page * perPage); i++) {
            list.add(Json.obj("login", all.get(i).getKey(), "contributions", all.get(i).getValue(), "type", "User"));
        }
        int last = Math.max(1, (all.size() + perPage - 1) / perPage);
        if (page < last) {
            String base = baseUrl() + "/repositories/" + repositories.get(full).get("id") + "/contributors?per_page="
                    + perPage + "&page=";
            exchange.getResponseHeaders().set("Link", "<" + base + (page + 1) + ">; rel=\"next\", <" + base + last
                    + ">; rel=\"last\"");
        }
        json(exchange, list, "");
    }

    private static int intParam(HttpExchange exchange, String name, int fallback) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null) {
            return fallback;
        }
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2 && kv[0].equals(name) && kv[1].matches("[0-9]{1,6}")) {
                return Integer.parseInt(kv[1]);
            }
        }
        return fallback;
    }

    private void file(HttpExchange exchange, String keyPrefix, String path, Optional<String> token)
            throws IOException {
        ModelVariant variant = variants.get(keyPrefix);
        if (variant != null && variant.gated().isPresent() && (token.isEmpty() || !gatedAccess.contains(token.get()))) {
            String id = keyPrefix.substring(keyPrefix.indexOf(':') + 1);
            exchange.getResponseHeaders().set("X-Error-Code", "GatedRepo");
            exchange.getResponseHeaders().set("X-Error-Message", "Access to model " + id + " is restricted. You must"
                    + " have access to it and be authenticated to access it. Please log in.");
            send(exchange, token.isEmpty() ? 401 : 403, "application/json", Json.write(Json.obj("error",
                    "Access to model " + id + " is restricted.")).getBytes(StandardCharsets.UTF_8));
            return;
        }
        String file = path.substring(path.indexOf("/resolve/") + "/resolve/".length());
        file = java.net.URLDecoder.decode(file.substring(file.indexOf('/') + 1), StandardCharsets.UTF_8);
        byte[] content = files.get(keyPrefix + ":" + file);
        if (content != null) {
            send(exchange, 200, fileTypes.getOrDefault(keyPrefix + ":" + file, file.endsWith(".json")
                    ? "application/json" : "text/plain; charset=utf-8"), content);
            return;
        }
        Map<String, Long> declared = declaredFiles.get(keyPrefix);
        if (declared == null || !declared.containsKey(file)) {
            exchange.getResponseHeaders().set("X-Error-Code", "EntryNotFound");
            exchange.getResponseHeaders().set("X-Error-Message", "Entry not found");
            send(exchange, 404, "text/plain", "Entry not found".getBytes(StandardCharsets.UTF_8));
            return;
        }
        long size = declared.get(file);
        if (size >= LFS_THRESHOLD) {
            // file_download.py: LFS/xet content lives on a CDN; /resolve redirects there with a signed URL
            String ticket = sha(keyPrefix + file + System.nanoTime());
            signedUrls.put(ticket, keyPrefix + ":" + file);
            exchange.getResponseHeaders().set("Location", cdnUrl() + "/repos/" + ticket + "?X-Amz-Signature="
                    + ticket + "&X-Amz-Expires=3600");
            exchange.getResponseHeaders().set("X-Linked-Size", Long.toString(size));
            exchange.getResponseHeaders().set("X-Linked-Etag", "\"" + generatedSha256Cached(keyPrefix, file, size)
                    + "\"");
            exchange.getResponseHeaders().set("X-Repo-Commit", sha(keyPrefix));
            exchange.sendResponseHeaders(302, -1);
            return;
        }
        stream(exchange, fileContent(keyPrefix, declared, file), size);
    }

    private static String generatedSha256Cached(String keyPrefix, String file, long size) {
        return size <= MAX_HASHED ? generatedSha256(keyPrefix + ":" + file, size) : sha(keyPrefix + file);
    }

    /** The CDN: serves signed URLs only, and, like S3, refuses a second credential beside the signature. */
    private void handleCdn(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            calls.computeIfAbsent("cdn:" + path, p -> new AtomicInteger()).incrementAndGet();
            lastHeaders.put("cdn:" + path, Map.copyOf(exchange.getRequestHeaders()));
            if (exchange.getRequestHeaders().getFirst("Authorization") != null) {
                send(exchange, 400, "application/xml", ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>"
                        + "InvalidArgument</Code><Message>Only one auth mechanism allowed; only the X-Amz-Algorithm"
                        + " query parameter, Signature query string parameter or the Authorization header should be"
                        + " specified</Message></Error>").getBytes(StandardCharsets.UTF_8));
                return;
            }
            String query = String.valueOf(exchange.getRequestURI().getRawQuery());
            String ticket = query.replaceAll(".*(?:X-Amz-Signature|token)=([0-9a-f]+).*", "$1");
            String target = signedUrls.get(ticket);
            if (target == null) {
                send(exchange, 403, "application/xml", "<Error><Code>AccessDenied</Code></Error>"
                        .getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (target.startsWith("zipball:")) {
                String[] parts = target.split(":");
                long size = Long.parseLong(parts[2]);
                stream(exchange, generated("zipball:" + parts[1], size), size);
                return;
            }
            String keyPrefix = target.substring(0, target.indexOf(':', target.indexOf(':') + 1));
            String file = target.substring(keyPrefix.length() + 1);
            Map<String, Long> declared = declaredFiles.get(keyPrefix);
            stream(exchange, fileContent(keyPrefix, declared, file), declared.get(file));
        }
    }

    private static void stream(HttpExchange exchange, InputStream content, long size) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, size == 0 ? -1 : size);
        try (InputStream in = content; OutputStream out = exchange.getResponseBody()) {
            in.transferTo(out);
        }
    }

    private void json(HttpExchange exchange, Object body, String notFound) throws IOException {
        if (body == null) {
            send(exchange, 404, "application/json",
                    Json.write(Json.obj("error", notFound.isEmpty() ? "Not Found" : notFound,
                            "message", notFound.isEmpty() ? "Not Found" : notFound)).getBytes(StandardCharsets.UTF_8));
        } else {
            send(exchange, 200, "application/json", Json.write(body).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** {@code owner/name} from path segments starting at {@code from}, or a legacy bare name. */
    private static String repoId(String[] segments, int from) {
        if (segments.length > from + 1 && !segments[from + 1].equals("revision")) {
            return segments[from] + "/" + segments[from + 1];
        }
        return segments.length > from ? segments[from] : "";
    }

    private static String repoBefore(String path, String marker) {
        return path.substring(0, path.indexOf(marker));
    }

    private static String owner(String id) {
        int slash = id.indexOf('/');
        return slash < 0 ? id : id.substring(0, slash);
    }

    private static String sha(String id) {
        return String.format("%040x", Math.abs((long) id.hashCode()) * 7919L);
    }

    /** Files from this size up are LFS files; their SHA-256 is published when it is cheap to compute. */
    static final long LFS_THRESHOLD = 1_000_000;
    private static final long MAX_HASHED = 64L * 1024 * 1024;

    private List<Object> siblings(String keyPrefix, Map<String, Long> files) {
        List<Object> siblings = new ArrayList<>();
        files.forEach((path, declaredSize) -> {
            byte[] explicit = this.files.get(keyPrefix + ":" + path);
            long size = explicit == null ? declaredSize : explicit.length;
            Map<String, Object> sibling = Json.obj("rfilename", path, "blobId", sha(path), "size", size);
            if (explicit == null && size >= LFS_THRESHOLD) {
                Map<String, Object> lfs = Json.obj("size", size, "pointerSize", 134);
                if (size <= MAX_HASHED) {
                    lfs.put("sha256", generatedSha256(keyPrefix + ":" + path, size));
                }
                sibling.put("lfs", lfs);
            }
            siblings.add(sibling);
        });
        return siblings;
    }

    /** Deterministic pseudo-random bytes for a file nobody gave content for. */
    public static InputStream generated(String seed, long size) {
        return new InputStream() {
            private long remaining = size;
            private long state = seed.hashCode() * 0x9E3779B97F4A7C15L + 1;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (remaining <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, remaining);
                for (int i = 0; i < n; i++) {
                    state ^= state << 13;
                    state ^= state >>> 7;
                    state ^= state << 17;
                    b[off + i] = (byte) state;
                }
                remaining -= n;
                return n;
            }
        };
    }

    /** The SHA-256 of {@link #generated(String, long)}. */
    public static String generatedSha256(String seed, long size) {
        try (InputStream in = generated(seed, size)) {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                sha.update(buffer, 0, n);
            }
            return java.util.HexFormat.of().formatHex(sha.digest());
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a file holds: its published content, or generated bytes of its declared size. */
    private InputStream fileContent(String key, Map<String, Long> declared, String path) {
        byte[] explicit = files.get(key + ":" + path);
        if (explicit != null) {
            return new java.io.ByteArrayInputStream(explicit);
        }
        Long size = declared == null ? null : declared.get(path);
        return size == null ? null : generated(key + ":" + path, size);
    }

    /** The model fixture info as served, for assertions. */
    public Optional<Map<String, Object>> modelInfo(String hubId) {
        return Optional.ofNullable(models.get(hubId));
    }
}
