package io.trustregistry.core.model;

import java.util.Locale;

/** The contract's health classification. */
public enum HealthStatus {
    OK,
    DEGRADED,
    CRITICAL,
    UNKNOWN;

    /** Lower-case REST spelling. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The worse of two statuses ({@code CRITICAL} > {@code DEGRADED} > {@code UNKNOWN} > {@code OK}). */
    public HealthStatus worst(HealthStatus other) {
        return severity() >= other.severity() ? this : other;
    }

    private int severity() {
        return switch (this) {
            case OK -> 0;
            case UNKNOWN -> 1;
            case DEGRADED -> 2;
            case CRITICAL -> 3;
        };
    }
}
