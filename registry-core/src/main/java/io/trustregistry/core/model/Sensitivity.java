package io.trustregistry.core.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * That a model is sensitive: each of its downloads runs its monitor program first (when it has
 * one) and is recorded in its download history.
 *
 * @param markedBy who marked it sensitive
 * @param markedAt when
 * @param monitor  its monitor program; a sensitive model has zero or one
 */
public record Sensitivity(String markedBy, Instant markedAt, Optional<MonitorProgram> monitor) {

    public Sensitivity {
        Objects.requireNonNull(markedBy, "markedBy");
        Objects.requireNonNull(markedAt, "markedAt");
        Objects.requireNonNull(monitor, "monitor");
    }

    /** This sensitivity with {@code program} as its monitor (or none). */
    public Sensitivity withMonitor(Optional<MonitorProgram> program) {
        return new Sensitivity(markedBy, markedAt, program);
    }
}
