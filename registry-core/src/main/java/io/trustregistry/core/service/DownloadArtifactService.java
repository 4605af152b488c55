package io.trustregistry.core.service;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import io.trustregistry.core.error.DependencyUnavailableException;
import io.trustregistry.core.model.ArtifactDownload;
import io.trustregistry.core.model.ArtifactId;
import io.trustregistry.core.model.ArtifactRecord;
import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.model.AuditAction;
import io.trustregistry.core.model.BundleFile;
import io.trustregistry.core.model.Digest;
import io.trustregistry.core.model.DownloadAspect;
import io.trustregistry.core.model.FileRole;
import io.trustregistry.core.model.Permission;
import io.trustregistry.core.model.Principal;
import io.trustregistry.core.port.in.DownloadArtifactUseCase;
import io.trustregistry.core.port.out.ArtifactCatalog;
import io.trustregistry.core.port.out.BlobStore;

/**
 * Selects the stored files an aspect asks for and lets the caller stream them from the blob
 * store. The store is asked for the first file before anything is answered, so an unreachable
 * store is a 503 rather than a download cut short.
 */
public final class DownloadArtifactService implements DownloadArtifactUseCase {

    private final ArtifactCatalog catalog;
    private final BlobStore blobs;
    private final ArtifactLinks links;
    private final Auditor auditor;

    public DownloadArtifactService(ArtifactCatalog catalog, BlobStore blobs, ArtifactLinks links, Auditor auditor) {
        this.catalog = catalog;
        this.blobs = blobs;
        this.links = links;
        this.auditor = auditor;
    }

    @Override
    public ArtifactDownload download(Principal caller, ArtifactType type, ArtifactId id, DownloadAspect aspect) {
        AccessGuard.require(caller, Permission.DOWNLOAD);
        ArtifactRecord record = ArtifactLookup.require(catalog, type, id);
        List<ArtifactDownload.Entry> entries = new ArrayList<>();
        switch (aspect) {
            case FULL -> add(entries, "", record, null);
            case WEIGHTS -> add(entries, "", record, FileRole.WEIGHTS);
            case DATASETS -> {
                add(entries, "", record, FileRole.DATA);
                if (type == ArtifactType.MODEL) {
                    links.datasetsOf(record).forEach(d -> add(entries, "datasets/" + d.name().value() + "/", d, null));
                }
            }
            case CODE -> {
                add(entries, "", record, FileRole.CODE);
                if (type == ArtifactType.MODEL) {
                    links.codeOf(record).forEach(c -> add(entries, "code/" + c.name().value() + "/", c, null));
                }
            }
            default -> throw new IllegalArgumentException("unknown download aspect " + aspect);
        }
        if (!entries.isEmpty() && blobs.stat(entries.get(0).digest()).isEmpty()) {
            // checked before any byte is sent: an unreachable store fails here with 503, not mid-stream
            throw new DependencyUnavailableException("the blob store no longer holds " + entries.get(0).path()
                    + " of artifact " + id);
        }
        auditor.record(caller, record.metadata(), AuditAction.DOWNLOAD);
        return new ArtifactDownload(record, aspect, entries, etag(record, aspect, entries));
    }

    @Override
    public Optional<URI> directUrl(Digest digest, Duration ttl) {
        return blobs.presignedGetUrl(digest, ttl);
    }

    private void add(List<ArtifactDownload.Entry> entries, String prefix, ArtifactRecord artifact, FileRole only) {
        for (BundleFile file : artifact.bundle().map(b -> b.files()).orElse(List.of())) {
            if (only == null || file.role() == only) {
                Digest digest = file.digest();
                entries.add(new ArtifactDownload.Entry(prefix + file.path(), file.size(), file.crc32(), digest,
                        offset -> blobs.open(digest, offset)));
            }
        }
    }

    /** SHA-256 over what the download holds: equal ETags mean byte-identical downloads. */
    private static String etag(ArtifactRecord record, DownloadAspect aspect, List<ArtifactDownload.Entry> entries) {
        MessageDigest sha = Digest.newSha256();
        sha.update((record.id() + "|" + aspect.wireName() + "|" + record.updatedAt()).getBytes(StandardCharsets.UTF_8));
        for (ArtifactDownload.Entry entry : entries) {
            sha.update(("|" + entry.path() + "=" + entry.digest().hex()).getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest(), 0, 16);
    }
}
