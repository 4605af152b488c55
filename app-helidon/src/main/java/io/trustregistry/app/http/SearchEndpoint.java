package io.trustregistry.app.http;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import io.trustregistry.core.Registry;
import io.trustregistry.core.model.Principal;

/**
 * Search: {@code GET /artifact/byName/{name}} (exact, case-sensitive) and
 * {@code POST /artifact/byRegEx} (RE2 over names and READMEs). Names may contain {@code /}
 * (sent as {@code %2F}), hence the greedy parameter. Both answer 404 when nothing
 * matches. Registered before {@code POST /artifact/{type}}, which would otherwise claim
 * {@code byRegEx} as a type.
 * <pre>
 * curl -X POST localhost:8080/artifact/byRegEx -H "X-Authorization: $TOKEN" -d '{"regex":"bert|whisper"}'
 * </pre>
 */
final class SearchEndpoint implements HttpService {

    private final Registry registry;
    private final Callers callers;

    SearchEndpoint(Registry registry, Callers callers) {
        this.registry = registry;
        this.callers = callers;
    }

    @Override
    public void routing(HttpRules rules) {
        // mounted under /artifact by RegistryRouting
        rules.get("/byName/{+name}", this::byName)
                .post("/byRegEx", this::byRegex);
    }

    private void byName(ServerRequest req, ServerResponse res) {
        Principal caller = callers.of(req);
        String name = JsonBodies.checkedText(req.path().pathParameters().get("name"), "name");
        JsonBodies.send(res, Status.OK_200, ResponseShapes.metadata(registry.findByName().findByName(caller, name)));
    }

    private void byRegex(ServerRequest req, ServerResponse res) {
        Principal caller = callers.of(req);
        String regex = JsonBodies.requiredText(JsonBodies.readObject(req), "regex", "");
        JsonBodies.send(res, Status.OK_200, ResponseShapes.metadata(registry.searchByRegex().search(caller, regex)));
    }
}
