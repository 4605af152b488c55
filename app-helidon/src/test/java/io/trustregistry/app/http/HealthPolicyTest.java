package io.trustregistry.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import io.trustregistry.core.model.HealthStatus;

class HealthPolicyTest {

    @Test
    void theApiIsJudgedByItsShareOfServerErrors() {
        assertEquals(HealthStatus.OK, HealthPolicy.DEFAULT.apiStatus(0.0));
        assertEquals(HealthStatus.OK, HealthPolicy.DEFAULT.apiStatus(0.05));
        assertEquals(HealthStatus.DEGRADED, HealthPolicy.DEFAULT.apiStatus(0.06));
        assertEquals(HealthStatus.DEGRADED, HealthPolicy.DEFAULT.apiStatus(0.25));
        assertEquals(HealthStatus.CRITICAL, HealthPolicy.DEFAULT.apiStatus(0.26));
    }

    @Test
    void thresholdsOutOfOrderAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new HealthPolicy(0.5, 0.2));
        assertThrows(IllegalArgumentException.class, () -> new HealthPolicy(0, 0.2));
    }
}
