package io.trustregistry.core.service;

import java.lang.System.Logger.Level;
import java.util.HashSet;
import java.util.Set;

import io.trustregistry.core.error.RegistryException;
import io.trustregistry.core.model.ArtifactRecord;
import io.trustregistry.core.model.BundleFile;
import io.trustregistry.core.model.Digest;
import io.trustregistry.core.model.StoredBundle;
import io.trustregistry.core.port.out.ArtifactCatalog;
import io.trustregistry.core.port.out.BlobStore;

/**
 * Deletes the blobs of a bundle that no stored artifact references any more. Blobs are shared
 * by content, so a digest is deleted only after a scan of the catalog finds no other bundle
 * holding it. Best effort: a blob that cannot be deleted now is only wasted space, never a
 * wrong answer, so failures are logged rather than thrown.
 */
public final class BlobJanitor {

    private static final System.Logger LOG = System.getLogger(BlobJanitor.class.getName());

    private final ArtifactCatalog catalog;
    private final BlobStore blobs;

    public BlobJanitor(ArtifactCatalog catalog, BlobStore blobs) {
        this.catalog = catalog;
        this.blobs = blobs;
    }

    /** Releases the blobs of {@code bundle} that no catalog record references. */
    public void release(StoredBundle bundle) {
        Set<Digest> candidates = new HashSet<>();
        bundle.files().forEach(f -> candidates.add(f.digest()));
        if (candidates.isEmpty()) {
            return;
        }
        try {
            catalog.scan(record -> {
                removeReferenced(candidates, record);
                return !candidates.isEmpty();
            });
            candidates.forEach(blobs::delete);
        } catch (RegistryException e) {
            LOG.log(Level.WARNING, "could not release " + candidates.size() + " blobs: " + e.getMessage());
        }
    }

    private static void removeReferenced(Set<Digest> candidates, ArtifactRecord record) {
        record.bundle().ifPresent(b -> {
            for (BundleFile file : b.files()) {
                candidates.remove(file.digest());
            }
        });
    }
}
