package io.trustregistry.core.service;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.trustregistry.core.model.ArtifactDownload;
import io.trustregistry.core.model.ArtifactId;
import io.trustregistry.core.model.ArtifactRecord;
import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.model.AuditAction;
import io.trustregistry.core.model.Permission;
import io.trustregistry.core.model.Principal;
import io.trustregistry.core.model.SourceFile;
import io.trustregistry.core.port.in.DownloadArtifactUseCase;
import io.trustregistry.core.port.out.ArtifactCatalog;

/**
 * Assembles an artifact's bundle from what the registry stored at ingest: the README and a
 * manifest describing the source and its files (names, sizes, published SHA-256 digests).
 */
public final class DownloadArtifactService implements DownloadArtifactUseCase {

    private final ArtifactCatalog catalog;
    private final Auditor auditor;

    public DownloadArtifactService(ArtifactCatalog catalog, Auditor auditor) {
        this.catalog = catalog;
        this.auditor = auditor;
    }

    @Override
    public ArtifactDownload download(Principal caller, ArtifactType type, ArtifactId id) {
        AccessGuard.require(caller, Permission.DOWNLOAD);
        ArtifactRecord record = ArtifactLookup.require(catalog, type, id);
        List<ArtifactDownload.Entry> entries = new ArrayList<>();
        if (!record.evidence().readme().isEmpty()) {
            entries.add(inline("README.md", record.evidence().readme()));
        }
        entries.add(inline("MANIFEST.txt", manifest(record)));
        auditor.record(caller, record.metadata(), AuditAction.DOWNLOAD);
        return new ArtifactDownload(record, entries);
    }

    private static String manifest(ArtifactRecord record) {
        StringBuilder text = new StringBuilder();
        text.append("name: ").append(record.name().value()).append('\n');
        text.append("id: ").append(record.id().value()).append('\n');
        text.append("type: ").append(record.type().wireName()).append('\n');
        text.append("source: ").append(record.sourceUrl()).append('\n');
        record.evidence().license().ifPresent(l -> text.append("license: ").append(l).append('\n'));
        text.append("total_size_bytes: ").append(record.evidence().totalSizeBytes()).append('\n');
        text.append("files:\n");
        for (SourceFile file : record.evidence().files()) {
            text.append("  - path: ").append(file.path()).append('\n');
            text.append("    size: ").append(file.size()).append('\n');
            file.sha256().ifPresent(sha -> text.append("    sha256: ").append(sha).append('\n'));
        }
        return text.toString();
    }

    private static ArtifactDownload.Entry inline(String path, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new ArtifactDownload.Entry(path, bytes.length, () -> new ByteArrayInputStream(bytes));
    }
}
