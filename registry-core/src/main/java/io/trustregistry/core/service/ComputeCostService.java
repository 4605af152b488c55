package io.trustregistry.core.service;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.trustregistry.core.model.ArtifactId;
import io.trustregistry.core.model.ArtifactRecord;
import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.model.CostEntry;
import io.trustregistry.core.model.CostReport;
import io.trustregistry.core.model.Permission;
import io.trustregistry.core.model.Principal;
import io.trustregistry.core.port.in.ComputeCostUseCase;
import io.trustregistry.core.port.out.ArtifactCatalog;
import io.trustregistry.core.lineage.ArtifactLinks;

/**
 * Download cost from the sizes recorded at ingest. An artifact's dependencies are its
 * registered lineage parents and its registered datasets and code, transitively; each
 * artifact's total is its own size plus every distinct artifact in its closure, counted once
 * even when reachable twice (diamonds) and never looping (cycles).
 */
public final class ComputeCostService implements ComputeCostUseCase {

    private static final double BYTES_PER_MB = 1024.0 * 1024.0;
    /** Closures larger than this are cut off; real lineage graphs are tiny. */
    private static final int MAX_CLOSURE = 10_000;

    private final ArtifactCatalog catalog;
    private final ArtifactLinks links;

    public ComputeCostService(ArtifactCatalog catalog, ArtifactLinks links) {
        this.catalog = catalog;
        this.links = links;
    }

    @Override
    public CostReport cost(Principal caller, ArtifactType type, ArtifactId id, boolean withDependencies) {
        AccessGuard.require(caller, Permission.SEARCH);
        ArtifactRecord root = ArtifactLookup.require(catalog, type, id);
        double own = megabytes(root);
        if (!withDependencies) {
            return new CostReport(false, List.of(new CostEntry(id, own, own)));
        }
        Map<String, List<ArtifactRecord>> dependencies = new LinkedHashMap<>();
        Map<String, ArtifactRecord> closure = closureOf(root, dependencies);
        List<CostEntry> entries = new ArrayList<>();
        for (ArtifactRecord member : closure.values()) {
            double total = closureOf(member, dependencies).values().stream().mapToDouble(ComputeCostService::megabytes)
                    .sum();
            entries.add(new CostEntry(member.id(), megabytes(member), round(total)));
        }
        return new CostReport(true, entries);
    }

    /** {@code start} and everything it depends on, {@code start} first. */
    private Map<String, ArtifactRecord> closureOf(ArtifactRecord start, Map<String, List<ArtifactRecord>> memo) {
        Map<String, ArtifactRecord> seen = new LinkedHashMap<>();
        Deque<ArtifactRecord> pending = new ArrayDeque<>();
        pending.add(start);
        while (!pending.isEmpty() && seen.size() < MAX_CLOSURE) {
            ArtifactRecord next = pending.removeFirst();
            if (seen.putIfAbsent(next.id().value(), next) != null) {
                continue;
            }
            pending.addAll(memo.computeIfAbsent(next.id().value(), k -> directDependencies(next)));
        }
        return seen;
    }

    private List<ArtifactRecord> directDependencies(ArtifactRecord artifact) {
        List<ArtifactRecord> direct = new ArrayList<>();
        links.parentsOf(artifact).forEach(parent -> direct.add(parent.artifact()));
        direct.addAll(links.datasetsOf(artifact));
        direct.addAll(links.codeOf(artifact));
        return direct;
    }

    private static double megabytes(ArtifactRecord record) {
        return round(record.evidence().totalSizeBytes() / BYTES_PER_MB);
    }

    private static double round(double megabytes) {
        return Math.round(megabytes * 1_000_000.0) / 1_000_000.0;
    }
}
