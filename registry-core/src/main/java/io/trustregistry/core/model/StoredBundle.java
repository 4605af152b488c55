package io.trustregistry.core.model;

import java.util.List;

/**
 * The artifact's files as the registry keeps them.
 *
 * @param files    the stored files
 * @param complete whether every file of the source is stored
 * @param omitted  files not stored and why (over the size cap, failed to download, digest mismatch)
 */
public record StoredBundle(List<BundleFile> files, boolean complete, List<String> omitted) {
    public StoredBundle {
        files = List.copyOf(files);
        omitted = List.copyOf(omitted);
    }

    /** Bytes stored. */
    public long storedBytes() {
        return files.stream().mapToLong(BundleFile::size).sum();
    }
}
