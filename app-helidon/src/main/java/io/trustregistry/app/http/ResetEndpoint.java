package io.trustregistry.app.http;

import java.util.Map;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import io.trustregistry.core.Registry;

/** {@code DELETE /reset}: back to an empty registry with only the default administrator (admins only). */
final class ResetEndpoint implements HttpService {

    private final Registry registry;
    private final Callers callers;

    ResetEndpoint(Registry registry, Callers callers) {
        this.registry = registry;
        this.callers = callers;
    }

    @Override
    public void routing(HttpRules rules) {
        // mounted under /reset by RegistryRouting
        rules.delete("/", this::reset);
    }

    private void reset(ServerRequest req, ServerResponse res) {
        registry.reset().reset(callers.of(req));
        JsonBodies.send(res, Status.OK_200, Map.of("message", "registry reset"));
    }
}
