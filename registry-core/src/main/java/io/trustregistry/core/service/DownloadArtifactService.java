package io.trustregistry.core.service;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

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
import io.trustregistry.core.port.in.DownloadPlan;
import io.trustregistry.core.content.StoredZip;
import io.trustregistry.core.error.NotFoundException;
import io.trustregistry.core.port.out.ArtifactCatalog;
import io.trustregistry.core.port.out.BlobStore;
import io.trustregistry.core.port.out.MonitorSandbox;
import io.trustregistry.core.RegistrySettings;
import io.trustregistry.core.lineage.ArtifactLinks;

/**
 * Selects the stored files an aspect asks for and plans the answer ({@link DownloadPlan}): a
 * zip of them, one of them raw, or a checked redirect to a presigned URL. The store is asked
 * for the first file before anything is answered, so an unreachable store is a 503 rather
 * than a download cut short.
 */
public final class DownloadArtifactService implements DownloadArtifactUseCase {

    private final ArtifactCatalog catalog;
    private final BlobStore blobs;
    private final ArtifactLinks links;
    private final Auditor auditor;
    private final RegistrySettings settings;
    private final MonitorGate monitors;

    public DownloadArtifactService(ArtifactCatalog catalog, BlobStore blobs, ArtifactLinks links, Auditor auditor,
                                   RegistrySettings settings, MonitorSandbox sandbox) {
        this.catalog = catalog;
        this.blobs = blobs;
        this.links = links;
        this.auditor = auditor;
        this.settings = settings;
        this.monitors = new MonitorGate(sandbox, auditor);
    }

    @Override
    public DownloadPlan download(Principal caller, ArtifactType type, ArtifactId id, DownloadAspect aspect,
                                 Optional<String> file) {
        ArtifactDownload download = select(caller, type, id, aspect);
        if (file.isPresent()) {
            ArtifactDownload.Entry entry = download.entries().stream().filter(e -> e.path().equals(file.get()))
                    .findFirst().orElseThrow(() -> new NotFoundException("the " + aspect.wireName()
                            + " download has no file '" + abbreviate(file.get()) + "'"));
            admit(caller, download, entry, "file " + entry.path(), () -> zipOf(download.artifact(), List.of(entry)));
            String etag = entry.digest().hex();
            if (settings.downloadRedirect() && entry.size() >= settings.downloadRedirectMinBytes()) {
                // small files cost little to proxy, and a same-origin answer keeps them readable by the web UI
                Optional<URI> direct = blobs.presignedGetUrl(entry.digest(), settings.presignTtl());
                if (direct.isPresent()) {
                    return new DownloadPlan.Redirect(direct.get(), etag);
                }
            }
            return new DownloadPlan.RawFile(entry, entry.path().substring(entry.path().lastIndexOf('/') + 1), etag);
        }
        StoredZip zip = zipOf(download.artifact(), download.entries());
        admit(caller, download, download.entries().isEmpty() ? null : download.entries().get(0), aspect.wireName(),
                () -> zip);
        String name = download.artifact().name().value().replaceAll("[^A-Za-z0-9._-]", "_")
                + (aspect == DownloadAspect.FULL ? "" : "-" + aspect.wireName()) + ".zip";
        return new DownloadPlan.Zip(zip, name, download.etag());
    }

    /**
     * One zip of every file of each of {@code artifacts}, each under {@code <type>/<name>-<id>/}:
     * a transaction's group download. Each artifact is admitted as its own full download would
     * be (its first file checked in the store; a sensitive model's monitor run over its part; the
     * others audited once every monitor has let the download through), before a byte is planned.
     */
    DownloadPlan.Zip group(Principal caller, List<ArtifactRecord> artifacts, String fileName) {
        AccessGuard.require(caller, Permission.DOWNLOAD);
        List<ArtifactDownload.Entry> all = new ArrayList<>();
        List<ArtifactDownload> parts = new ArrayList<>();
        MessageDigest sha = Digest.newSha256();
        java.time.Instant newest = java.time.Instant.EPOCH;
        for (ArtifactRecord artifact : artifacts) {
            List<ArtifactDownload.Entry> own = new ArrayList<>();
            add(own, "", artifact, null);
            ArtifactDownload download = new ArtifactDownload(artifact, DownloadAspect.FULL, own,
                    etag(artifact, DownloadAspect.FULL, own));
            if (!own.isEmpty() && blobs.stat(own.get(0).digest()).isEmpty()) {
                throw new DependencyUnavailableException("the blob store no longer holds " + own.get(0).path()
                        + " of artifact " + artifact.id());
            }
            parts.add(download);
            String prefix = artifact.type().wireName() + "/" + artifact.name().value().replaceAll("[^A-Za-z0-9._-]", "_")
                    + "-" + artifact.id() + "/";
            add(all, prefix, artifact, null);
            sha.update((download.etag() + "|").getBytes(StandardCharsets.UTF_8));
            newest = artifact.updatedAt().isAfter(newest) ? artifact.updatedAt() : newest;
        }
        // every monitor first (each records its verdict in its model's history), so a refusal leaves
        // no other artifact audited as downloaded
        for (ArtifactDownload part : parts) {
            if (part.artifact().sensitivity().isPresent()) {
                monitors.admit(caller, part.artifact(), "group download", zipOf(part.artifact(), part.entries()));
            }
        }
        for (ArtifactDownload part : parts) {
            if (part.artifact().sensitivity().isEmpty()) {
                auditor.record(caller, part.artifact().metadata(), AuditAction.DOWNLOAD);
            }
        }
        StoredZip zip = new StoredZip(all.stream().map(e -> new StoredZip.Entry(e.path(), e.size(), e.crc32(),
                offset -> e.content().open(offset))).toList(), StoredZip.utc(newest.getEpochSecond()));
        return new DownloadPlan.Zip(zip, fileName, HexFormat.of().formatHex(sha.digest(), 0, 16));
    }

    private static StoredZip zipOf(ArtifactRecord artifact, List<ArtifactDownload.Entry> entries) {
        return new StoredZip(entries.stream().map(e -> new StoredZip.Entry(e.path(), e.size(),
                e.crc32(), offset -> e.content().open(offset))).toList(),
                StoredZip.utc(artifact.updatedAt().getEpochSecond()));
    }

    /**
     * The last check before an answer is planned: the file answered first must still be in the store
     * (an unreachable store fails here with 503, not mid-stream); a sensitive model's monitor must
     * let the download go ahead (over the zip {@code served} would answer); and only a download
     * that will be answered is audited (a sensitive model's attempts all are, as its history).
     */
    private void admit(Principal caller, ArtifactDownload download, ArtifactDownload.Entry first, String request,
                       Supplier<StoredZip> served) {
        if (first != null && blobs.stat(first.digest()).isEmpty()) {
            throw new DependencyUnavailableException("the blob store no longer holds " + first.path()
                    + " of artifact " + download.artifact().id());
        }
        if (download.artifact().sensitivity().isPresent()) {
            monitors.admit(caller, download.artifact(), request, served.get());
            return;
        }
        auditor.record(caller, download.artifact().metadata(), AuditAction.DOWNLOAD);
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    private ArtifactDownload select(Principal caller, ArtifactType type, ArtifactId id, DownloadAspect aspect) {
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
        return new ArtifactDownload(record, aspect, entries, etag(record, aspect, entries));
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
