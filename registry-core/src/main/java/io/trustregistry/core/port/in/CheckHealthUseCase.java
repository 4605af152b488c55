package io.trustregistry.core.port.in;

import java.util.List;

import io.trustregistry.core.model.ComponentHealth;

/** Probes each component the registry depends on. Needs no credentials. */
public interface CheckHealthUseCase {

    /** One entry per component: catalog, blob store, user store, each upstream hub. Never throws. */
    List<ComponentHealth> components();
}
