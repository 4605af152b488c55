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
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32;

import io.trustregistry.core.content.BlobWriter;
import io.trustregistry.core.content.ContentStore;
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
import io.trustregistry.core.port.out.UpstreamHub;

/**
 * Streams a source's files into the blob store at ingest, a few at a time, never holding a
 * file in memory: each is copied through a 64 KiB buffer while its CRC-32 is computed, and
 * committed only if its SHA-256 matches the one the source publishes (LFS files). Sources
 * larger than the cap keep only their small files (README, configuration, tokenizer); their
 * full size stays recorded in the evidence for cost. A file that cannot be fetched, or fails
 * verification, is left out and named in {@link StoredBundle#omitted()}; an unreachable blob
 * store fails the ingest.
 *
 * <p>At most {@code maxFiles} files are fetched, the small ones that describe the artifact
 * (README, configuration, tokenizer) first; the others stay listed in the evidence with their
 * sizes, so cost is unchanged and no request is made for a file that is not stored. Once the
 * source refuses one file (a gated repository), the remaining files are not requested: they
 * would be refused alike, each costing a request against the upstream's rate limit.
 */
public final class BundleIngester {

    /** Files fetched at the same time. */
    static final int PARALLEL_FILES = 4;
    private static final int BUFFER = 64 * 1024;

    private final UpstreamHub hub;
    private final ContentStore blobs;
    private final long maxBundleBytes;
    private final long smallFileBytes;
    private final int maxFiles;

    public BundleIngester(UpstreamHub hub, ContentStore blobs, long maxBundleBytes, long smallFileBytes, int maxFiles) {
        this.hub = hub;
        this.blobs = blobs;
        this.maxBundleBytes = maxBundleBytes;
        this.smallFileBytes = smallFileBytes;
        this.maxFiles = maxFiles;
    }

    /** Stores what can be stored of the source described by {@code evidence}. */
    public StoredBundle ingest(ArtifactType type, SourceEvidence evidence) {
        boolean overCap = evidence.totalSizeBytes() > maxBundleBytes;
        AtomicLong budget = new AtomicLong(maxBundleBytes);
        List<BundleFile> stored = Collections.synchronizedList(new ArrayList<>());
        List<String> omitted = Collections.synchronizedList(new ArrayList<>());
        Semaphore slots = new Semaphore(PARALLEL_FILES);
        AtomicReference<String> refused = new AtomicReference<>();
        // a failure that dooms the whole ingest (rate limit, store down): the other files stop at once
        AtomicReference<RuntimeException> fatal = new AtomicReference<>();
        List<SourceFile> wanted = new ArrayList<>();
        for (SourceFile file : evidence.files()) {
            boolean knownSmall = file.size() >= 0 && file.size() <= smallFileBytes;
            if (overCap && !knownSmall) {
                omitted.add(file.path() + ": over the bundle size cap (" + maxBundleBytes + " bytes); not stored");
            } else {
                wanted.add(file);
            }
        }
        wanted.sort(Comparator.comparingInt(BundleIngester::priority));
        if (wanted.size() > maxFiles) {
            int left = wanted.size() - maxFiles;
            omitted.add(left + " more files not stored: a registration fetches at most " + maxFiles
                    + " files (REGISTRY_BUNDLE_MAX_FILES); they count for cost with their listed sizes");
            wanted = new ArrayList<>(wanted.subList(0, maxFiles));
        }
        if (!wanted.isEmpty()) {
            // the first file alone: a source that refuses it (gated) is then asked for no other
            store(type, evidence, wanted.get(0), budget, stored, omitted, refused);
            wanted = new ArrayList<>(wanted.subList(1, wanted.size()));
        }
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (SourceFile file : wanted) {
                running.add(threads.submit(() -> {
                    slots.acquireUninterruptibly();
                    try {
                        String reason = refused.get();
                        if (fatal.get() != null) {
                            return null;
                        }
                        if (reason != null) {
                            omitted.add(file.path() + ": not requested; the source refused its files (" + reason
                                    + ")");
                        } else {
                            try {
                                store(type, evidence, file, budget, stored, omitted, refused);
                            } catch (UpstreamException.RateLimited | DependencyUnavailableException doomed) {
                                fatal.compareAndSet(null, doomed);
                                throw doomed;
                            }
                        }
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
            if (e.getCause() instanceof UpstreamException.RateLimited limited) {
                throw limited;
            }
            throw new IllegalStateException("storing files failed", e.getCause());
        }
        List<BundleFile> files = new ArrayList<>(stored);
        files.sort(Comparator.comparing(BundleFile::path));
        List<String> left = new ArrayList<>(omitted);
        Collections.sort(left);
        return new StoredBundle(files, left.isEmpty(), left);
    }

    /** Small descriptive files first: README, then configuration and tokenizer, then by size. */
    private static int priority(SourceFile file) {
        String name = file.path().toLowerCase(java.util.Locale.ROOT);
        if (name.startsWith("readme")) {
            return 0;
        }
        if (!name.contains("/") && (name.endsWith(".json") || name.endsWith(".md") || name.endsWith(".txt")
                || name.endsWith(".yaml") || name.endsWith(".yml"))) {
            return 1;
        }
        return 2;
    }

    private void store(ArtifactType type, SourceEvidence evidence, SourceFile file, AtomicLong budget,
                       List<BundleFile> stored, List<String> omitted, AtomicReference<String> refused) {
        // the writer first: a store that makes writers wait (bounded upload buffers) must not leave
        // an upstream transfer open and idle meanwhile, which its stall guard would cut off
        try (BlobWriter writer = blobs.newWriter(); InputStream in = hub.openFile(evidence, file)) {
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
        } catch (UpstreamException.RateLimited limited) {
            // every further file would be refused alike: the registration answers 503 with the wait
            throw limited;
        } catch (UpstreamException.AccessDenied | UpstreamException.CredentialsRejected e) {
            refused.compareAndSet(null, e.getMessage());
            omitted.add(file.path() + ": " + e.getMessage());
        } catch (UpstreamException e) {
            omitted.add(file.path() + ": " + e.getMessage());
        } catch (InvalidRequestException mismatch) {
            omitted.add(file.path() + ": " + mismatch.getMessage() + "; not stored");
        } catch (IOException e) {
            omitted.add(file.path() + ": transfer failed: " + e.getMessage());
        }
    }
}
