package io.trustregistry.app.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import io.trustregistry.core.Registry;
import io.trustregistry.core.model.ConfusionSuspect;
import io.trustregistry.core.model.Principal;

/** {@code POST /artifacts/PackageConfusionAudit}: models that look like imitations of popular ones. */
final class PackageConfusionEndpoint implements HttpService {

    private final Registry registry;
    private final Callers callers;

    PackageConfusionEndpoint(Registry registry, Callers callers) {
        this.registry = registry;
        this.callers = callers;
    }

    @Override
    public void routing(HttpRules rules) {
        // mounted under /artifacts by RegistryRouting
        rules.post("/PackageConfusionAudit", this::audit);
    }

    private void audit(ServerRequest req, ServerResponse res) {
        Principal caller = callers.of(req);
        List<Map<String, Object>> suspected = registry.packageConfusion().suspects(caller).stream()
                .map(PackageConfusionEndpoint::shape).toList();
        JsonBodies.send(res, Status.OK_200, Map.of("suspected", suspected));
    }

    private static Map<String, Object> shape(ConfusionSuspect s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("artifact_id", s.artifactId().value());
        json.put("name", s.name());
        json.put("source_url", s.sourceUrl());
        json.put("metadata", s.evidence());
        return json;
    }
}
