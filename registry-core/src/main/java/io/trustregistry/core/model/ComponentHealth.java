package io.trustregistry.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The observed state of one component (catalog, blob store, an upstream hub, ...).
 *
 * @param id          stable identifier, for example {@code catalog}
 * @param displayName human-readable name
 * @param description what the component does
 * @param status      its state when observed
 * @param observedAt  when it was checked
 * @param metrics     measurements (latency of the check, sizes, counts)
 * @param issues      problems found; empty when healthy
 */
public record ComponentHealth(String id, String displayName, String description, HealthStatus status,
                              Instant observedAt, Map<String, Object> metrics, List<Issue> issues) {

    public ComponentHealth {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(observedAt, "observedAt");
        metrics = Map.copyOf(metrics);
        issues = List.copyOf(issues);
    }

    /**
     * A problem affecting a component.
     *
     * @param code     machine-readable identifier
     * @param severity {@code info}, {@code warning} or {@code error}
     * @param summary  one line
     * @param details  diagnosis and remedy
     */
    public record Issue(String code, String severity, String summary, String details) {
    }
}
