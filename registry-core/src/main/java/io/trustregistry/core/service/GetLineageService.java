package io.trustregistry.core.service;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.trustregistry.core.model.ArtifactId;
import io.trustregistry.core.model.ArtifactRecord;
import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.model.LineageEdge;
import io.trustregistry.core.model.LineageGraph;
import io.trustregistry.core.model.LineageNode;
import io.trustregistry.core.model.Permission;
import io.trustregistry.core.model.Principal;
import io.trustregistry.core.port.in.GetLineageUseCase;
import io.trustregistry.core.port.out.ArtifactCatalog;
import io.trustregistry.core.lineage.ArtifactLinks;

/**
 * Walks registered parents upward and registered children downward from a model. Only
 * registered models become nodes (an edge needs two artifact ids); the walk is bounded and
 * survives cycles in hostile metadata.
 */
public final class GetLineageService implements GetLineageUseCase {

    /** The queried model's {@code source}. */
    public static final String QUERIED = "queried";
    private static final int MAX_NODES = 1_000;

    private final ArtifactCatalog catalog;
    private final ArtifactLinks links;

    public GetLineageService(ArtifactCatalog catalog, ArtifactLinks links) {
        this.catalog = catalog;
        this.links = links;
    }

    @Override
    public LineageGraph lineage(Principal caller, ArtifactId modelId) {
        AccessGuard.require(caller, Permission.SEARCH);
        ArtifactRecord root = ArtifactLookup.require(catalog, ArtifactType.MODEL, modelId);
        Map<String, LineageNode> nodes = new LinkedHashMap<>();
        Set<LineageEdge> edges = new LinkedHashSet<>();
        nodes.put(root.id().value(), node(root, QUERIED));

        Deque<ArtifactRecord> upward = new ArrayDeque<>(List.of(root));
        while (!upward.isEmpty() && nodes.size() < MAX_NODES) {
            ArtifactRecord child = upward.removeFirst();
            for (ArtifactLinks.Parent parent : links.parentsOf(child)) {
                edges.add(new LineageEdge(parent.artifact().id(), child.id(), parent.reference().relationship()));
                if (nodes.putIfAbsent(parent.artifact().id().value(),
                        node(parent.artifact(), parent.reference().origin())) == null) {
                    upward.add(parent.artifact());
                }
            }
        }
        Deque<ArtifactRecord> downward = new ArrayDeque<>(List.of(root));
        Set<String> expanded = new LinkedHashSet<>();
        while (!downward.isEmpty() && nodes.size() < MAX_NODES) {
            ArtifactRecord parent = downward.removeFirst();
            if (!expanded.add(parent.id().value())) {
                continue;
            }
            for (ArtifactLinks.Parent child : links.childrenOf(parent)) {
                edges.add(new LineageEdge(parent.id(), child.artifact().id(), child.reference().relationship()));
                nodes.putIfAbsent(child.artifact().id().value(), node(child.artifact(), child.reference().origin()));
                downward.add(child.artifact());
            }
        }
        return new LineageGraph(new ArrayList<>(nodes.values()), new ArrayList<>(edges));
    }

    private static LineageNode node(ArtifactRecord record, String source) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("repository_url", record.evidence().canonicalUrl());
        record.evidence().hubId().ifPresent(id -> metadata.put("hub_id", id));
        String sha = record.evidence().attributes().get("sha");
        if (sha != null) {
            metadata.put("sha", sha);
        }
        return new LineageNode(record.id(), record.name().value(), source, metadata);
    }
}
