package io.trustregistry.app.http;


import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import io.trustregistry.core.Registry;
import io.trustregistry.core.model.Principal;

/**
 * What the registry knows about one artifact beyond its envelope:
 * {@code GET /artifact/{type}/{id}/cost[?dependency=true]},
 * {@code GET /artifact/model/{id}/lineage},
 * {@code POST /artifact/model/{id}/license-check} and
 * {@code GET /artifact/{type}/{id}/audit}.
 * <pre>
 * curl "localhost:8080/artifact/model/$ID/cost?dependency=true" -H "X-Authorization: $TOKEN"
 * curl -X POST localhost:8080/artifact/model/$ID/license-check -H "X-Authorization: $TOKEN" \
 *   -d '{"github_url":"https://github.com/google-research/bert"}'
 * </pre>
 */
final class ArtifactInsightsEndpoint implements HttpService {

    private final Registry registry;
    private final Callers callers;

    ArtifactInsightsEndpoint(Registry registry, Callers callers) {
        this.registry = registry;
        this.callers = callers;
    }

    @Override
    public void routing(HttpRules rules) {
        // mounted under /artifact by RegistryRouting
        rules.get("/{type}/{id}/cost", this::cost)
                .get("/model/{id}/lineage", this::lineage)
                .post("/model/{id}/license-check", this::licenseCheck)
                .get("/{type}/{id}/audit", this::audit);
    }

    private void cost(ServerRequest req, ServerResponse res) {
        Principal caller = callers.of(req);
        var type = PathParameters.type(req);
        var id = PathParameters.id(req);
        boolean withDependencies = QueryParameters.flag(req, "dependency");
        JsonBodies.send(res, Status.OK_200, ResponseShapes.cost(registry.cost().cost(caller, type, id,
                withDependencies)));
    }

    private void lineage(ServerRequest req, ServerResponse res) {
        Principal caller = callers.of(req);
        JsonBodies.send(res, Status.OK_200, ResponseShapes.lineage(registry.lineage().lineage(caller,
                PathParameters.id(req))));
    }

    private void licenseCheck(ServerRequest req, ServerResponse res) {
        Principal caller = callers.of(req);
        var id = PathParameters.id(req);
        String githubUrl = JsonBodies.requiredText(JsonBodies.readObject(req), "github_url", "");
        JsonBodies.send(res, Status.OK_200, registry.licenseCheck().isCompatible(caller, id, githubUrl));
    }

    private void audit(ServerRequest req, ServerResponse res) {
        Principal caller = callers.of(req);
        var type = PathParameters.type(req);
        var id = PathParameters.id(req);
        JsonBodies.send(res, Status.OK_200, ResponseShapes.audit(registry.auditTrail().auditTrail(caller, type, id)));
    }
}
