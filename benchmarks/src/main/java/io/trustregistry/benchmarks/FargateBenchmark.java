package io.trustregistry.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import io.trustregistry.testkit.CalibrationFixtures;
import io.trustregistry.testkit.FakeHub;
import io.trustregistry.testkit.HubFixtures;

/**
 * Does one server fit the smallest Fargate task (0.25 vCPU, 512 MiB)? The server runs with the
 * JVM options the task gets: the heap the task definition's {@code MaxRAMPercentage=60} gives on
 * 512 MiB, and one processor. It then ingests and downloads a large artifact, serves a read
 * load of 16 concurrent clients, and both at once (four downloads under the read load), while
 * its resident memory is sampled from {@code /proc}.
 */
final class FargateBenchmark {

    static final int TASK_MEMORY_MIB = 512;
    static final int HEAP_MIB = TASK_MEMORY_MIB * 60 / 100;
    static final int READ_CLIENTS = 16;
    static final long READ_SECONDS = 20;

    private FargateBenchmark() {
    }

    static void run(long sizeMiB, List<String> report) throws Exception {
        long size = sizeMiB * 1024 * 1024;
        try (FakeHub hub = FakeHub.start();
             Benchmarks.Server server = Benchmarks.Server.start(hub,
                     List.of("-Xmx" + HEAP_MIB + "m", "-XX:ActiveProcessorCount=1", "-XX:+ExitOnOutOfMemoryError"),
                     // one token serves the whole load; the default allows 1,000 calls
                     Map.of("REGISTRY_BUNDLE_MAX_BYTES", Long.toString(size + (64L << 20)),
                             "REGISTRY_TOKEN_MAX_USES", "100000000"))) {
            hub.add(CalibrationFixtures.all());
            hub.addModel(new HubFixtures.Model("acme/large", "# large\n", Optional.of("mit"),
                    HubFixtures.withReadme(Map.of("model.safetensors", size), "# large\n"), List.of(), List.of(), 1, 0,
                    Optional.empty()));
            String token = server.login();
            List<String> models = new ArrayList<>();
            models.add(server.register(token, "model", "https://huggingface.co/google-bert/bert-base-uncased"));
            server.register(token, "code", "https://github.com/google-research/bert");
            long idle = server.rssKiB();

            Benchmarks.MemorySampler ingest = new Benchmarks.MemorySampler(server);
            String large = server.register(token, "model", "https://huggingface.co/acme/large");
            ingest.stop();
            models.add(large);

            Benchmarks.MemorySampler download = new Benchmarks.MemorySampler(server);
            long started = System.nanoTime();
            Benchmarks.Downloaded one = Benchmarks.downloadZip(server, token, large);
            double downloadSeconds = (System.nanoTime() - started) / 1e9;
            download.stop();

            Benchmarks.MemorySampler reads = new Benchmarks.MemorySampler(server);
            Load readLoad = readLoad(server, token, models, List.of());
            reads.stop();

            Benchmarks.MemorySampler both = new Benchmarks.MemorySampler(server);
            Load mixed = readLoad(server, token, models, List.of(large, large, large, large));
            both.stop();

            report.add("## One server in a 512 MiB, 0.25 vCPU Fargate task");
            report.add("");
            report.add(String.format(Locale.ROOT, "Server JVM: -Xmx%dm (MaxRAMPercentage=60 of %d MiB),"
                    + " -XX:ActiveProcessorCount=1. Artifact: %d MiB.", HEAP_MIB, TASK_MEMORY_MIB, sizeMiB));
            report.add("");
            report.add("| phase | work done | server peak RSS | headroom in 512 MiB |");
            report.add("|---|---|---|---|");
            row(report, "idle, after login and two registrations", "", idle);
            row(report, "ingest of the large model", "", ingest.peakKiB());
            row(report, "one download", String.format(Locale.ROOT, "%.0f MiB/s, intact: %s",
                    one.bytes() / 1048576.0 / downloadSeconds, one.bytes() >= size), download.peakKiB());
            row(report, READ_CLIENTS + " clients reading for " + READ_SECONDS + " s", readLoad.describe(),
                    reads.peakKiB());
            row(report, "the same reads plus 4 concurrent downloads", mixed.describe(), both.peakKiB());
            report.add("");
        }
    }

    private static void row(List<String> report, String phase, String work, long peakKiB) {
        long mib = peakKiB / 1024;
        report.add(String.format(Locale.ROOT, "| %s | %s | %d MiB | %d MiB |", phase, work, mib,
                TASK_MEMORY_MIB - mib));
    }

    /** Reads (get by id, enumerate, rate, regex search) from many clients, with optional downloads. */
    private static Load readLoad(Benchmarks.Server server, String token, List<String> models, List<String> downloads)
            throws Exception {
        AtomicLong requests = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicLong downloadedBytes = new AtomicLong();
        long deadline = System.nanoTime() + READ_SECONDS * 1_000_000_000L;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> work = new ArrayList<>();
            for (int c = 0; c < READ_CLIENTS; c++) {
                int client = c;
                work.add(pool.submit(() -> {
                    int i = client;
                    while (System.nanoTime() < deadline) {
                        String id = models.get(i % models.size());
                        try {
                            switch (i++ % 4) {
                                case 0 -> server.send("GET", "/artifacts/model/" + id, token, "");
                                case 1 -> server.send("POST", "/artifacts", token, "[{\"name\":\"*\"}]");
                                case 2 -> server.send("GET", "/artifact/model/" + id + "/rate", token, "");
                                default -> server.send("POST", "/artifact/byRegEx", token, "{\"regex\":\"bert|large\"}");
                            }
                            requests.incrementAndGet();
                        } catch (Exception e) {
                            failures.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (String id : downloads) {
                work.add(pool.submit(() -> {
                    downloadedBytes.addAndGet(Benchmarks.downloadZip(server, token, id).bytes());
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        }
        return new Load(requests.get(), failures.get(), downloadedBytes.get());
    }

    private record Load(long requests, long failures, long downloadedBytes) {
        String describe() {
            String text = String.format(Locale.ROOT, "%d requests (%.0f/s), %d failed", requests,
                    requests / (double) READ_SECONDS, failures);
            return downloadedBytes == 0 ? text
                    : text + String.format(Locale.ROOT, ", %.0f MiB downloaded", downloadedBytes / 1048576.0);
        }
    }
}
