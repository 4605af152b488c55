package io.trustregistry.core.service;

import java.util.ArrayList;
import java.util.List;

import io.trustregistry.core.model.ComponentHealth;
import io.trustregistry.core.port.in.CheckHealthUseCase;
import io.trustregistry.core.port.out.ArtifactCatalog;
import io.trustregistry.core.port.out.BlobStore;
import io.trustregistry.core.port.out.MonitorSandbox;
import io.trustregistry.core.port.out.UpstreamHub;

/** Asks each dependency how it is. */
public final class CheckHealthService implements CheckHealthUseCase {

    private final ArtifactCatalog catalog;
    private final BlobStore blobs;
    private final UpstreamHub hub;
    private final MonitorSandbox monitors;

    public CheckHealthService(ArtifactCatalog catalog, BlobStore blobs, UpstreamHub hub, MonitorSandbox monitors) {
        this.catalog = catalog;
        this.blobs = blobs;
        this.hub = hub;
        this.monitors = monitors;
    }

    @Override
    public List<ComponentHealth> components() {
        List<ComponentHealth> components = new ArrayList<>();
        components.add(catalog.checkHealth());
        components.add(blobs.checkHealth());
        components.addAll(hub.checkHealth());
        components.add(monitors.checkHealth());
        return components;
    }
}
