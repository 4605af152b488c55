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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local HTTP server that answers like the Hugging Face Hub REST API, GitHub's REST API v3
 * and a plain file host, serving whatever was {@link #add added}. One server plays all three:
 * point {@code HF_ENDPOINT} and {@code GITHUB_API_URL} at {@link #baseUrl()}.
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

    private final HttpServer server;
    private final Map<String, Map<String, Object>> models = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> datasets = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> repositories = new ConcurrentHashMap<>();
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, List<String>> commitAuthors = new ConcurrentHashMap<>();
    private final Map<String, HubFixtures.Repository> repositoryFixtures = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Long>> declaredFiles = new ConcurrentHashMap<>();
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, String> redirects = new ConcurrentHashMap<>();
    private final Map<String, Map<String, List<String>>> lastHeaders = new ConcurrentHashMap<>();
    private volatile long latencyMillis;

    private record Fault(int status, AtomicInteger remaining, Map<String, String> headers) {
    }

    private FakeHub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
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

    /** Publishes fixtures. */
    public FakeHub add(HubFixtures fixtures) {
        fixtures.models().forEach(this::addModel);
        fixtures.datasets().forEach(this::addDataset);
        fixtures.repositories().forEach(this::addRepository);
        return this;
    }

    /** Publishes one model. */
    public FakeHub addModel(HubFixtures.Model m) {
        List<Object> tags = new ArrayList<>(List.of("transformers", "pytorch"));
        m.license().ifPresent(l -> tags.add("license:" + l));
        m.datasets().forEach(d -> tags.add("dataset:" + d));
        m.baseModels().forEach(b -> tags.add("base_model:finetune:" + b));
        Map<String, Object> card = new LinkedHashMap<>();
        m.license().ifPresent(l -> card.put("license", l));
        if (!m.datasets().isEmpty()) {
            card.put("datasets", m.datasets());
        }
        if (!m.baseModels().isEmpty()) {
            card.put("base_model", m.baseModels().size() == 1 ? m.baseModels().get(0) : m.baseModels());
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
        declaredFiles.put("model:" + m.hubId(), m.files());
        files.put("model:" + m.hubId() + ":README.md", m.readme().getBytes(StandardCharsets.UTF_8));
        if (m.files().containsKey("config.json")) {
            String config = m.baseModels().isEmpty()
                    ? Json.write(Json.obj("model_type", "bert", "architectures", List.of("BertForMaskedLM")))
                    : Json.write(Json.obj("_name_or_path", m.baseModels().get(0), "model_type", "bert"));
            long declared = m.files().get("config.json");
            // pad with whitespace (still valid JSON) so the served file has the size the listing declares
            String padded = config + " ".repeat((int) Math.max(0, declared - config.length()));
            files.put("model:" + m.hubId() + ":config.json", padded.getBytes(StandardCharsets.UTF_8));
        }
        Map<String, Object> info = Json.obj("_id", Integer.toHexString(m.hubId().hashCode()), "id", m.hubId(),
                "modelId", m.hubId(), "author", owner(m.hubId()), "sha", sha(m.hubId()),
                "lastModified", "2024-02-19T11:06:12.000Z", "createdAt", "2022-03-02T23:29:04.000Z",
                "private", false, "gated", false, "disabled", false, "downloads", m.downloads(), "likes", m.likes(),
                "library_name", "transformers", "tags", tags, "cardData", card,
                "siblings", siblings("model:" + m.hubId(), m.files()));
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

    /** Publishes a plain download at {@code /files/{name}} and returns its URL. */
    public String addFile(String name, byte[] content) {
        files.put("file:" + name, content);
        return baseUrl() + "/files/" + name;
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

    /** A request header of the last request to exactly {@code path}, if any. */
    public Optional<String> lastHeader(String path, String header) {
        Map<String, List<String>> headers = lastHeaders.get(path);
        if (headers == null) {
            return Optional.empty();
        }
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(header))
                .flatMap(e -> e.getValue().stream()).findFirst();
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
            route(exchange, path);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void route(HttpExchange exchange, String path) throws IOException {
        String[] s = path.substring(1).split("/");
        if (path.startsWith("/api/") && path.contains("/commits/")) {
            String kind = s[1];
            String repo = path.substring(("/api/" + kind + "/").length(), path.indexOf("/commits/"));
            List<String> authors = commitAuthors.get(kind + "/" + repo);
            List<Object> commits = new ArrayList<>();
            if (authors != null) {
                for (int i = 0; i < authors.size(); i++) {
                    commits.add(Json.obj("id", sha(repo + i), "title", "commit " + i, "message", "commit " + i,
                            "authors", List.of(Json.obj("user", authors.get(i))), "date", "2024-01-0" + (1 + i % 9)
                                    + "T00:00:00.000Z"));
                }
            }
            json(exchange, authors == null ? null : commits, "Repository not found");
        } else if (path.startsWith("/api/models/")) {
            json(exchange, models.get(repoId(s, 2)), "Repository not found");
        } else if (path.startsWith("/api/datasets/")) {
            json(exchange, datasets.get(repoId(s, 2)), "Repository not found");
        } else if (path.startsWith("/datasets/") && path.contains("/resolve/")) {
            file(exchange, "dataset:" + repoBefore(path.substring("/datasets/".length()), "/resolve/"), path);
        } else if (path.contains("/resolve/")) {
            file(exchange, "model:" + repoBefore(path.substring(1), "/resolve/"), path);
        } else if (path.equals("/rate_limit")) {
            json(exchange, Json.obj("resources", Json.obj("core", Json.obj("limit", 60, "remaining", 59))), "");
        } else if (path.startsWith("/repos/") && s.length >= 3) {
            String full = s[1] + "/" + s[2];
            Map<String, Object> repo = repositories.get(full);
            if (s.length == 3) {
                json(exchange, repo, "Not Found");
            } else if (s.length == 4 && s[3].equals("readme") && repo != null) {
                byte[] readme = files.get("repo:" + full + ":README");
                String accept = String.valueOf(exchange.getRequestHeaders().getFirst("Accept"));
                if (accept.contains("raw")) {
                    send(exchange, 200, "text/plain; charset=utf-8", readme);
                } else {
                    json(exchange, Json.obj("name", "README.md", "path", "README.md", "encoding", "base64",
                            "content", java.util.Base64.getMimeEncoder().encodeToString(readme)), "");
                }
            } else if (repo != null && s.length == 4 && s[3].equals("contributors")) {
                List<Object> list = new ArrayList<>();
                repositoryFixtures.get(full).contributors().entrySet().stream()
                        .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                        .forEach(c -> list.add(Json.obj("login", c.getKey(), "contributions", c.getValue())));
                json(exchange, list, "");
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
            } else if (repo != null && s.length == 6 && s[3].equals("zipball")) {
                long size = repositoryFixtures.get(full).sizeKilobytes() * 1024;
                stream(exchange, generated("zipball:" + full, size), size);
            } else if (s.length == 4 && s[3].equals("license") && repo != null && repo.get("license") != null) {
                json(exchange, Json.obj("name", "LICENSE", "path", "LICENSE", "license", repo.get("license")), "");
            } else {
                json(exchange, null, "Not Found");
            }
        } else if (path.startsWith("/files/") && redirects.containsKey(path.substring("/files/".length()))) {
            exchange.getResponseHeaders().set("Location", redirects.get(path.substring("/files/".length())));
            exchange.sendResponseHeaders(302, -1);
        } else if (path.startsWith("/files/")) {
            byte[] content = files.get("file:" + path.substring("/files/".length()));
            if (content == null) {
                send(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
            } else if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
                exchange.getResponseHeaders().set("Content-Length", Long.toString(content.length));
                exchange.sendResponseHeaders(200, -1);
            } else {
                send(exchange, 200, "application/octet-stream", content);
            }
        } else {
            send(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
        }
    }

    private void file(HttpExchange exchange, String keyPrefix, String path) throws IOException {
        String file = path.substring(path.indexOf("/resolve/") + "/resolve/".length());
        file = java.net.URLDecoder.decode(file.substring(file.indexOf('/') + 1), StandardCharsets.UTF_8);
        byte[] content = files.get(keyPrefix + ":" + file);
        if (content != null) {
            send(exchange, 200, file.endsWith(".json") ? "application/json" : "text/plain; charset=utf-8", content);
            return;
        }
        Map<String, Long> declared = declaredFiles.get(keyPrefix);
        if (declared == null || !declared.containsKey(file)) {
            send(exchange, 404, "text/plain", "Entry not found".getBytes(StandardCharsets.UTF_8));
            return;
        }
        stream(exchange, fileContent(keyPrefix, declared, file), declared.get(file));
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
                    Json.write(Json.obj("error", notFound)).getBytes(StandardCharsets.UTF_8));
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
