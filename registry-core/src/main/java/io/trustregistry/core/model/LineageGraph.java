package io.trustregistry.core.model;

import java.util.List;

/** Nodes (the queried model first) and parent-to-child edges. */
public record LineageGraph(List<LineageNode> nodes, List<LineageEdge> edges) {
    public LineageGraph {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }
}
