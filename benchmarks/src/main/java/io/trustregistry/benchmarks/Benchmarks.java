package io.trustregistry.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.trustregistry.adapter.filesystem.AtomicFiles;
import io.trustregistry.testkit.CalibrationFixtures;
import io.trustregistry.testkit.FakeHub;
import io.trustregistry.testkit.HubFixtures;

/**
 * The registry's benchmarks, run against real servers (each in its own JVM, so its memory can
 * be measured) and a fake hub with injected latency:
 * <ol>
 *   <li><b>ingest</b>: registering a Hugging Face model and a GitHub repository when every
 *       upstream call takes {@code latencyMs}; reports wall time against the time the same calls
 *       would take one after another;</li>
 *   <li><b>download</b>: ingesting and downloading an artifact of {@code sizeMiB}, reporting
 *       throughput and the server's peak resident memory and heap limit.</li>
 * </ol>
 * <ol start="3">
 *   <li><b>catalog</b>: enumeration page time at 1,000 and 100,000 artifacts and read-by-id
 *       latency under 32 concurrent clients, for the filesystem catalog and (when
 *       {@code REGISTRY_BENCH_POSTGRES_URL} names a server) PostgreSQL.</li>
 * </ol>
 * Usage: {@code Benchmarks [suite=all|ingest|download|catalog] [latencyMs=50] [sizeMiB=1024] [heapMiB=256]}.
 */
public final class Benchmarks {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        String suite = args.length > 0 ? args[0] : "all";
        long latency = args.length > 1 ? Long.parseLong(args[1]) : 50;
        long sizeMiB = args.length > 2 ? Long.parseLong(args[2]) : 1024;
        long heapMiB = args.length > 3 ? Long.parseLong(args[3]) : 256;
        List<String> report = new ArrayList<>();
        report.add("# Benchmark results");
        report.add("");
        report.add("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + ", " + System.getProperty("os.name"));
        report.add("");
        if (suite.equals("all") || suite.equals("ingest")) {
            ingest(latency, report);
        }
        if (suite.equals("all") || suite.equals("download")) {
            download(sizeMiB, heapMiB, report);
        }
        if (suite.equals("all") || suite.equals("fargate")) {
            FargateBenchmark.run(sizeMiB, report);
        }
        if (suite.equals("all") || suite.equals("catalog")) {
            CatalogBenchmark.run(report, List.of(1_000, 100_000),
                    Optional.ofNullable(System.getenv("REGISTRY_BENCH_POSTGRES_URL")));
        }
        Path out = Path.of("benchmarks", "target", "results-" + suite + ".md");
        Files.createDirectories(out.getParent());
        Files.write(out, report);
        report.forEach(System.out::println);
    }

    private static void ingest(long latency, List<String> report) throws Exception {
        try (FakeHub hub = FakeHub.start(); Server server = Server.start(hub, List.of("-Xmx256m"), Map.of())) {
            hub.add(CalibrationFixtures.all());
            String token = server.login();
            server.register(token, "code", "https://github.com/google-research/bert");
            server.register(token, "model", "https://huggingface.co/google-bert/bert-base-uncased");
            hub.setLatencyMillis(latency);
            report.add("## Ingest with " + latency + " ms per upstream call");
            report.add("");
            report.add("| source | upstream calls | calls one after another | registration wall time (median of 5) |");
            report.add("|---|---|---|---|");
            for (String[] source : List.of(new String[] {"model", "https://huggingface.co/google-bert/bert-base-uncased"},
                    new String[] {"code", "https://github.com/google-research/bert"})) {
                List<Long> times = new ArrayList<>();
                int calls = 0;
                for (int i = 0; i < 5; i++) {
                    int before = hub.totalCalls();
                    long started = System.nanoTime();
                    server.register(token, source[0], source[1]);
                    times.add((System.nanoTime() - started) / 1_000_000);
                    calls = hub.totalCalls() - before;
                }
                times.sort(Long::compare);
                report.add(String.format(Locale.ROOT, "| %s | %d | %d ms | %d ms |", source[1], calls,
                        calls * latency, times.get(times.size() / 2)));
            }
            report.add("");
        }
    }

    private static void download(long sizeMiB, long heapMiB, List<String> report) throws Exception {
        long size = sizeMiB * 1024 * 1024;
        try (FakeHub hub = FakeHub.start();
             Server server = Server.start(hub, List.of("-Xmx" + heapMiB + "m"), Map.of("REGISTRY_BUNDLE_MAX_BYTES",
                     Long.toString(size + (64L << 20))))) {
            hub.addModel(new HubFixtures.Model("acme/large", "# large\n", Optional.of("mit"),
                    HubFixtures.withReadme(Map.of("model.safetensors", size), "# large\n"), List.of(), List.of(), 1, 0,
                    Optional.empty()));
            String token = server.login();
            long idle = server.rssKiB();
            MemorySampler ingestSampler = new MemorySampler(server);
            long started = System.nanoTime();
            String id = server.register(token, "model", "https://huggingface.co/acme/large");
            double ingestSeconds = (System.nanoTime() - started) / 1e9;
            ingestSampler.stop();

            MemorySampler downloadSampler = new MemorySampler(server);
            started = System.nanoTime();
            Downloaded downloaded = downloadZip(server, token, id);
            long bytes = downloaded.bytes();
            double downloadSeconds = (System.nanoTime() - started) / 1e9;
            downloadSampler.stop();
            boolean intact = FakeHub.generatedSha256("model:acme/large:model.safetensors", size)
                    .equals(downloaded.weightsSha256());
            report.add("## Download of a " + sizeMiB + " MiB artifact (server heap limit " + heapMiB + " MiB)");
            report.add("");
            report.add("| phase | time | throughput | server peak RSS |");
            report.add("|---|---|---|---|");
            report.add(String.format(Locale.ROOT, "| idle | | | %d MiB |", idle / 1024));
            report.add(String.format(Locale.ROOT, "| ingest (fetch, verify, store) | %.1f s | %.0f MiB/s | %d MiB |",
                    ingestSeconds, sizeMiB / ingestSeconds, ingestSampler.peakKiB() / 1024));
            report.add(String.format(Locale.ROOT, "| download (zip, streamed) | %.1f s | %.0f MiB/s | %d MiB |",
                    downloadSeconds, bytes / 1048576.0 / downloadSeconds, downloadSampler.peakKiB() / 1024));
            report.add("");
            report.add("Downloaded bytes identical to the source: " + intact + ".");
            report.add("");
        }
    }

    /** What a streamed zip download delivered: its byte count and the SHA-256 of the weights entry. */
    record Downloaded(long bytes, String weightsSha256) {
    }

    /** Downloads an artifact's zip, hashing every entry as it streams by. */
    static Downloaded downloadZip(Server server, String token, String id) throws Exception {
        HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(URI.create(server.base()
                        + "/artifacts/model/" + id + "/download")).header("X-Authorization", token)
                .timeout(Duration.ofMinutes(30)).build(), HttpResponse.BodyHandlers.ofInputStream());
        long bytes = 0;
        String sha = null;
        try (ZipInputStream zip = new ZipInputStream(response.body())) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                byte[] buffer = new byte[256 * 1024];
                int n;
                while ((n = zip.read(buffer)) >= 0) {
                    digest.update(buffer, 0, n);
                    bytes += n;
                }
                if (entry.getName().equals("model.safetensors")) {
                    sha = HexFormat.of().formatHex(digest.digest());
                }
            }
        }
        return new Downloaded(bytes, sha);
    }

    /** Samples a process's resident memory every 50 ms. */
    static final class MemorySampler {
        private final AtomicLong peak = new AtomicLong();
        private final Thread thread;

        MemorySampler(Server server) {
            thread = Thread.ofVirtual().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peak.accumulateAndGet(server.rssKiB(), Math::max);
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        void stop() throws InterruptedException {
            thread.interrupt();
            thread.join();
        }

        long peakKiB() {
            return peak.get();
        }
    }

    /** A registry server in its own JVM. */
    record Server(Process process, int port, Path data) implements AutoCloseable {

        static Server start(FakeHub hub, List<String> jvmOptions, Map<String, String> extraEnv) throws Exception {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Path data = Files.createTempDirectory("registry-bench-");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = new ArrayList<>(List.of(java));
            command.addAll(jvmOptions);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.trustregistry.app.Main"));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true).redirectOutput(data.resolve("server.log").toFile());
            builder.environment().putAll(Map.of("PORT", Integer.toString(port), "HOST", "127.0.0.1",
                    "REGISTRY_DATA_DIR", data.resolve("registry").toString(), "HF_ENDPOINT", hub.baseUrl(),
                    "GITHUB_API_URL", hub.baseUrl(), "REGISTRY_HUB_ALLOWED_NETWORKS", "127.0.0.0/8",
                    // the load is one user's: measure the server, not the fair-use limit
                    "REGISTRY_USER_RATE", "0"));
            builder.environment().putAll(extraEnv);
            Server server = new Server(builder.start(), port, data);
            for (int i = 0; i < 300; i++) {
                try {
                    if (HTTP.send(HttpRequest.newBuilder(URI.create(server.base() + "/health")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return server;
                    }
                } catch (IOException notYet) {
                    Thread.sleep(100);
                }
            }
            server.close();
            throw new IllegalStateException("server did not start; see " + data.resolve("server.log"));
        }

        String base() {
            return "http://127.0.0.1:" + port;
        }

        String login() throws Exception {
            String body = "{\"user\":{\"name\":\"ece30861defaultadminuser\",\"is_admin\":true},\"secret\":{\"password\":"
                    + JSON.writeValueAsString("correcthorsebatterystaple123(!__+@**(A'\"`;DROP TABLE packages;") + "}}";
            return JSON.readTree(send("PUT", "/authenticate", null, body)).asText();
        }

        String register(String token, String type, String url) throws Exception {
            JsonNode created = JSON.readTree(send("POST", "/artifact/" + type, token, "{\"url\":\"" + url + "\"}"));
            return created.path("metadata").path("id").asText();
        }

        String send(String method, String path, String token, String body) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                    .timeout(Duration.ofMinutes(30)).method(method, HttpRequest.BodyPublishers.ofString(body));
            if (token != null) {
                request.header("X-Authorization", token);
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + " -> " + response.statusCode() + " "
                        + response.body());
            }
            return response.body();
        }

        long rssKiB() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("\\D", ""));
                    }
                }
            } catch (IOException | NumberFormatException e) {
                return 0;
            }
            return 0;
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor(20, TimeUnit.SECONDS);
            AtomicFiles.deleteRecursively(data);
        }
    }
}
