package io.trustregistry.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import io.trustregistry.adapter.filesystem.AtomicFiles;
import io.trustregistry.adapter.filesystem.FilesystemStorage;
import io.trustregistry.adapter.postgres.PostgresSettings;
import io.trustregistry.adapter.postgres.PostgresStorage;
import io.trustregistry.core.model.ArtifactId;
import io.trustregistry.core.model.ArtifactPage;
import io.trustregistry.core.model.ArtifactQuery;
import io.trustregistry.core.model.ArtifactRecord;
import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.model.SourceKind;
import io.trustregistry.core.port.out.ArtifactCatalog;
import io.trustregistry.json.StoredDocuments;
import io.trustregistry.testkit.TestArtifacts;

/**
 * Catalog read paths at two sizes: the time of one enumeration page (100 items) at the start,
 * middle and end of the catalog, which keyset pagination keeps flat, and read-by-id latency
 * percentiles with 32 concurrent clients.
 */
final class CatalogBenchmark {

    static final int PAGE = 100;
    static final int CLIENTS = 32;
    static final int READS = 64_000;

    private CatalogBenchmark() {
    }

    static void run(List<String> report, List<Integer> sizes, Optional<String> postgresUrl) throws Exception {
        report.add("## Catalog: enumeration pages and reads by id");
        report.add("");
        report.add("| catalog | artifacts | page at start | page in middle | page at end | read p50 | read p95 | read p99 |"
                + " reads/s (32 clients) |");
        report.add("|---|---|---|---|---|---|---|---|---|");
        for (int size : sizes) {
            Path dir = Files.createTempDirectory("bench-fs-");
            List<ArtifactId> ids = seedFilesystem(dir, size);
            try (FilesystemStorage storage = FilesystemStorage.open(dir)) {
                report.add(measure("filesystem", size, storage.catalog(), ids));
            } finally {
                AtomicFiles.deleteRecursively(dir);
            }
            if (postgresUrl.isPresent()) {
                PostgresSettings settings = PostgresSettings.of(postgresUrl.get(), "postgres", Optional.empty())
                        .inSchema("bench_" + size);
                try (PostgresStorage storage = PostgresStorage.open(settings)) {
                    storage.truncateAll();
                    List<ArtifactId> pgIds = seed(storage.catalog(), size);
                    report.add(measure("PostgreSQL", size, storage.catalog(), pgIds));
                    storage.dropSchema(settings.schema());
                }
            }
        }
        report.add("");
    }

    private static ArtifactRecord record(int i) {
        ArtifactType type = ArtifactType.values()[i % 3];
        SourceKind kind = switch (type) {
            case MODEL -> SourceKind.HUGGING_FACE_MODEL;
            case DATASET -> SourceKind.HUGGING_FACE_DATASET;
            case CODE -> SourceKind.GITHUB_REPOSITORY;
        };
        return TestArtifacts.record(type, "artifact-" + i, TestArtifacts.evidence(kind, "bench/artifact-" + i).build());
    }

    /** Writes documents straight into the data directory (seeding need not fsync), then opens it. */
    private static List<ArtifactId> seedFilesystem(Path dir, int size) throws IOException {
        Path artifacts = dir.resolve("artifacts");
        Files.createDirectories(artifacts);
        List<ArtifactId> ids = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            ArtifactRecord record = record(i);
            Files.write(artifacts.resolve(record.id().value() + ".json"), StoredDocuments.encodeArtifact(record));
            ids.add(record.id());
        }
        ids.sort(null);
        return ids;
    }

    private static List<ArtifactId> seed(ArtifactCatalog catalog, int size) throws Exception {
        List<ArtifactRecord> records = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            records.add(record(i));
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<?>> work = new ArrayList<>();
            int chunk = (size + 15) / 16;
            for (int t = 0; t < 16; t++) {
                List<ArtifactRecord> slice = records.subList(Math.min(size, t * chunk), Math.min(size, (t + 1) * chunk));
                work.add(pool.submit(() -> slice.forEach(catalog::insert)));
            }
            for (Future<?> f : work) {
                f.get();
            }
        }
        return records.stream().map(ArtifactRecord::id).sorted().toList();
    }

    private static String measure(String name, int size, ArtifactCatalog catalog, List<ArtifactId> ids)
            throws Exception {
        double start = pageMillis(catalog, Optional.empty());
        double middle = pageMillis(catalog, Optional.of(ids.get(size / 2)));
        double end = pageMillis(catalog, Optional.of(ids.get(Math.max(0, size - PAGE - 1))));
        long[] latencies = new long[READS];
        long began = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(CLIENTS)) {
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.add(pool.submit(() -> {
                    for (int i = client; i < READS; i += CLIENTS) {
                        ArtifactId id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
                        long t0 = System.nanoTime();
                        catalog.find(id).orElseThrow();
                        latencies[i] = System.nanoTime() - t0;
                    }
                }));
            }
            for (Future<?> f : clients) {
                f.get();
            }
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        Arrays.sort(latencies);
        return String.format(Locale.ROOT, "| %s | %,d | %.2f ms | %.2f ms | %.2f ms | %.3f ms | %.3f ms | %.3f ms | %,.0f |",
                name, size, start, middle, end, percentile(latencies, 50), percentile(latencies, 95),
                percentile(latencies, 99), READS / seconds);
    }

    /** Median of 21 timings of one page. */
    private static double pageMillis(ArtifactCatalog catalog, Optional<ArtifactId> after) {
        double[] times = new double[21];
        for (int i = 0; i < times.length; i++) {
            long t0 = System.nanoTime();
            ArtifactPage page = catalog.page(List.of(ArtifactQuery.everything()), after, PAGE);
            times[i] = (System.nanoTime() - t0) / 1e6;
            if (page.items().isEmpty()) {
                throw new IllegalStateException("empty page");
            }
        }
        Arrays.sort(times);
        return times[times.length / 2];
    }

    private static double percentile(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }
}
