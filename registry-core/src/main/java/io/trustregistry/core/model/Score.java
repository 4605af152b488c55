package io.trustregistry.core.model;

/**
 * One metric's value and the wall-clock seconds it took to compute.
 *
 * @param value          in [0, 1]; only reviewedness may be -1 (not applicable)
 * @param latencySeconds how long computing it took
 */
public record Score(double value, double latencySeconds) {
    public Score {
        if (Double.isNaN(value) || value < -1 || value > 1) {
            throw new IllegalArgumentException("score out of range: " + value);
        }
        if (Double.isNaN(latencySeconds) || latencySeconds < 0) {
            throw new IllegalArgumentException("latency must be a non-negative number of seconds");
        }
    }
}
