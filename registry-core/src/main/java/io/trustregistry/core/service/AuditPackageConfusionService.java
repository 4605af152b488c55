package io.trustregistry.core.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.trustregistry.core.model.ArtifactKeys;
import io.trustregistry.core.model.ArtifactRecord;
import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.model.ConfusionSuspect;
import io.trustregistry.core.model.Permission;
import io.trustregistry.core.model.Principal;
import io.trustregistry.core.port.in.AuditPackageConfusionUseCase;
import io.trustregistry.core.port.out.ArtifactCatalog;
import io.trustregistry.core.confusion.NameSimilarity;

/**
 * Package-confusion heuristics over registered models. A model is suspect when its name
 * imitates a clearly more popular model's and its download figures are anomalous next to it:
 * <ul>
 *   <li><b>imitation</b>: the repository names fold to the same string or nearly (similarity
 *       at least {@value #NAME_THRESHOLD}), or one is the other plus a lure word, while the
 *       full ids (owner included) differ;</li>
 *   <li><b>anomaly</b>: the suspect has fewer than 1% of the popular model's downloads, or
 *       publishes no download count at all, or reports more likes than downloads.</li>
 * </ul>
 * Only the most popular models are used as reference points, so the audit costs
 * O(models x {@value #REFERENCE_MODELS}).
 */
public final class AuditPackageConfusionService implements AuditPackageConfusionUseCase {

    static final double NAME_THRESHOLD = 0.8;
    static final int REFERENCE_MODELS = 500;
    /** A reference model must have at least this many downloads to be worth imitating. */
    static final long POPULAR_DOWNLOADS = 1_000;

    private final ArtifactCatalog catalog;

    public AuditPackageConfusionService(ArtifactCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public List<ConfusionSuspect> suspects(Principal caller) {
        AccessGuard.require(caller, Permission.SEARCH);
        List<ArtifactRecord> models = new ArrayList<>();
        catalog.scan(record -> {
            if (record.type() == ArtifactType.MODEL) {
                models.add(record);
            }
            return true;
        });
        List<ArtifactRecord> popular = models.stream()
                .filter(m -> m.evidence().popularity().downloads() >= POPULAR_DOWNLOADS)
                .sorted(Comparator.comparingLong((ArtifactRecord m) -> m.evidence().popularity().downloads()).reversed())
                .limit(REFERENCE_MODELS)
                .toList();
        List<Scored> flagged = new ArrayList<>();
        for (ArtifactRecord model : models) {
            Scored best = null;
            for (ArtifactRecord reference : popular) {
                Scored scored = judge(model, reference);
                if (scored != null && (best == null || scored.score > best.score)) {
                    best = scored;
                }
            }
            if (best != null) {
                flagged.add(best);
            }
        }
        flagged.sort(Comparator.comparingDouble((Scored s) -> s.score).reversed());
        return flagged.stream().map(Scored::suspect).toList();
    }

    private record Scored(ConfusionSuspect suspect, double score) {
    }

    private static Scored judge(ArtifactRecord model, ArtifactRecord reference) {
        if (model.id().equals(reference.id()) || sameSource(model, reference)) {
            return null;
        }
        long downloads = model.evidence().popularity().downloads();
        long likes = model.evidence().popularity().likes();
        long referenceDownloads = reference.evidence().popularity().downloads();
        if (downloads >= referenceDownloads) {
            return null;
        }
        double similarity = NameSimilarity.similarity(repoName(model), repoName(reference));
        if (similarity < NAME_THRESHOLD) {
            return null;
        }
        List<String> anomalies = new ArrayList<>();
        if (downloads < 0) {
            anomalies.add("publishes no download count");
        } else if (downloads * 100 < referenceDownloads) {
            anomalies.add("has under 1% of the imitated model's downloads");
        }
        if (likes > 0 && downloads >= 0 && likes > downloads) {
            anomalies.add("reports more likes than downloads");
        }
        if (anomalies.isEmpty()) {
            return null;
        }
        double ratio = downloads <= 0 ? 0 : (double) downloads / referenceDownloads;
        double score = similarity * (1 - Math.min(1, ratio * 100));
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("imitates_artifact_id", reference.id().value());
        evidence.put("imitates_name", reference.name().value());
        evidence.put("imitates_source_url", reference.sourceUrl());
        evidence.put("name_similarity", Math.round(similarity * 1000) / 1000.0);
        evidence.put("downloads", downloads);
        evidence.put("imitated_downloads", referenceDownloads);
        evidence.put("likes", likes);
        evidence.put("reasons", List.copyOf(anomalies));
        evidence.put("suspicion_score", Math.round(score * 1000) / 1000.0);
        return new Scored(new ConfusionSuspect(model.id(), model.name().value(), model.sourceUrl(), evidence), score);
    }

    private static boolean sameSource(ArtifactRecord a, ArtifactRecord b) {
        return a.evidence().canonicalUrl().equalsIgnoreCase(b.evidence().canonicalUrl());
    }

    private static String repoName(ArtifactRecord record) {
        return record.evidence().hubId().map(ArtifactKeys::lastSegment).orElse(record.name().value());
    }
}
