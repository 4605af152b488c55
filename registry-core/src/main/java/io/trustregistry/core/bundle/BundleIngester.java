package io.trustregistry.core.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;

import io.trustregistry.core.error.DependencyUnavailableException;
import io.trustregistry.core.error.InvalidRequestException;
import io.trustregistry.core.error.UpstreamException;
import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.model.BlobInfo;
import io.trustregistry.core.model.BundleFile;
import io.trustregistry.core.model.Digest;
import io.trustregistry.core.model.FileRole;
import io.trustregistry.core.model.SourceEvidence;
import io.trustregistry.core.model.SourceFile;
import io.trustregistry.core.model.StoredBundle;
import io.trustregistry.core.port.out.BlobStore;
import io.trustregistry.core.port.out.BlobWriter;
import io.trustregistry.core.port.out.UpstreamHub;

/**
 * Streams a source's files into the blob store at ingest, a few at a time, never holding a
 * file in memory: each is copied through a 64 KiB buffer while its CRC-32 is computed, and
 * committed only if its SHA-256 matches the one the source publishes (LFS files). Sources
 * larger than the cap keep only their small files (README, configuration, tokenizer); their
 * full size stays recorded in the evidence for cost. A file that cannot be fetched, or fails
 * verification, is left out and named in {@link StoredBundle#omitted()}; an unreachable blob
 * store fails the ingest.
 */
public final class BundleIngester {

    /** Files fetched at the same time. */
    static final int PARALLEL_FILES = 4;
    private static final int BUFFER = 64 * 1024;

    private final UpstreamHub hub;
    private final BlobStore blobs;
    private final long maxBundleBytes;
    private final long smallFileBytes;

    public BundleIngester(UpstreamHub hub, BlobStore blobs, long maxBundleBytes, long smallFileBytes) {
        this.hub = hub;
        this.blobs = blobs;
        this.maxBundleBytes = maxBundleBytes;
        this.smallFileBytes = smallFileBytes;
    }

    /** Stores what can be stored of the source described by {@code evidence}. */
    public StoredBundle ingest(ArtifactType type, SourceEvidence evidence) {
        boolean overCap = evidence.totalSizeBytes() > maxBundleBytes;
        AtomicLong budget = new AtomicLong(maxBundleBytes);
        List<BundleFile> stored = Collections.synchronizedList(new ArrayList<>());
        List<String> omitted = Collections.synchronizedList(new ArrayList<>());
        Semaphore slots = new Semaphore(PARALLEL_FILES);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (SourceFile file : evidence.files()) {
                boolean knownSmall = file.size() >= 0 && file.size() <= smallFileBytes;
                if (overCap && !knownSmall) {
                    omitted.add(file.path() + ": over the bundle size cap (" + maxBundleBytes + " bytes); not stored");
                    continue;
                }
                running.add(threads.submit(() -> {
                    slots.acquireUninterruptibly();
                    try {
                        store(type, evidence, file, budget, stored, omitted);
                    } finally {
                        slots.release();
                    }
                    return null;
                }));
            }
            for (Future<?> task : running) {
                task.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DependencyUnavailableException("interrupted while storing files", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DependencyUnavailableException unavailable) {
                throw unavailable;
            }
            throw new IllegalStateException("storing files failed", e.getCause());
        }
        List<BundleFile> files = new ArrayList<>(stored);
        files.sort(Comparator.comparing(BundleFile::path));
        List<String> left = new ArrayList<>(omitted);
        Collections.sort(left);
        return new StoredBundle(files, left.isEmpty(), left);
    }

    private void store(ArtifactType type, SourceEvidence evidence, SourceFile file, AtomicLong budget,
                       List<BundleFile> stored, List<String> omitted) {
        try (InputStream in = hub.openFile(evidence, file); BlobWriter writer = blobs.newWriter()) {
            CRC32 crc = new CRC32();
            byte[] buffer = new byte[BUFFER];
            OutputStream out = writer.stream();
            long copied = 0;
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (budget.addAndGet(-n) < 0) {
                    writer.cancel();
                    omitted.add(file.path() + ": the bundle reached its size cap (" + maxBundleBytes + " bytes)");
                    return;
                }
                out.write(buffer, 0, n);
                crc.update(buffer, 0, n);
                copied += n;
            }
            if (file.size() >= 0 && copied != file.size()) {
                writer.cancel();
                omitted.add(file.path() + ": the source sent " + copied + " bytes, not the " + file.size()
                        + " it announced");
                return;
            }
            BlobInfo blob = file.sha256().isPresent() ? writer.commit(new Digest(file.sha256().get())) : writer.commit();
            stored.add(new BundleFile(file.path(), blob.digest(), blob.size(), crc.getValue(),
                    FileRole.of(type, file.path())));
        } catch (UpstreamException e) {
            omitted.add(file.path() + ": " + e.getMessage());
        } catch (InvalidRequestException mismatch) {
            omitted.add(file.path() + ": " + mismatch.getMessage() + "; not stored");
        } catch (IOException e) {
            omitted.add(file.path() + ": transfer failed: " + e.getMessage());
        }
    }
}
