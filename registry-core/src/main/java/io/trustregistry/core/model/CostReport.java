package io.trustregistry.core.model;

import java.util.List;

/**
 * The answer to a cost query: the queried artifact first, then (when dependencies were asked
 * for) every artifact in its dependency closure.
 *
 * @param withDependencies whether the closure was computed
 * @param entries          cost entries, queried artifact first
 */
public record CostReport(boolean withDependencies, List<CostEntry> entries) {
    public CostReport {
        entries = List.copyOf(entries);
    }
}
