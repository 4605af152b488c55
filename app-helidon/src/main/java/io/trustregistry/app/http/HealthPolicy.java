package io.trustregistry.app.http;

import io.trustregistry.core.model.HealthStatus;

/**
 * When the API's own traffic makes it unhealthy, in one place: the share of requests answered
 * with 5xx over the window.
 *
 * @param degradedErrorRate above this share of 5xx answers the API is degraded
 * @param criticalErrorRate above this share it is critical
 */
record HealthPolicy(double degradedErrorRate, double criticalErrorRate) {

    /** 5% of answers 5xx: degraded; 25%: critical. */
    static final HealthPolicy DEFAULT = new HealthPolicy(0.05, 0.25);

    HealthPolicy {
        if (!(degradedErrorRate > 0 && degradedErrorRate < criticalErrorRate && criticalErrorRate <= 1)) {
            throw new IllegalArgumentException("need 0 < degraded < critical <= 1");
        }
    }

    /** The API's status for a share {@code serverErrorRate} of 5xx answers. */
    HealthStatus apiStatus(double serverErrorRate) {
        return serverErrorRate > criticalErrorRate ? HealthStatus.CRITICAL
                : serverErrorRate > degradedErrorRate ? HealthStatus.DEGRADED : HealthStatus.OK;
    }
}
