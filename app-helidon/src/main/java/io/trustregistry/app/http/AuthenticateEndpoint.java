package io.trustregistry.app.http;

import com.fasterxml.jackson.databind.JsonNode;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import io.trustregistry.core.Registry;
import io.trustregistry.core.error.InvalidRequestException;
import io.trustregistry.core.model.IssuedToken;

/**
 * {@code PUT /authenticate}: exchanges a user name and password for a token. Accepts the
 * contract's body ({@code user.name}, {@code secret.password}), older clients'
 * ({@code User}/{@code Secret}) and {@code POST} with {@code {username, password}}. Answers
 * with a JSON string {@code "bearer <token>"}.
 * <pre>
 * curl -X PUT localhost:8080/authenticate -H 'Content-Type: application/json' \
 *   -d '{"user":{"name":"ece30861defaultadminuser","is_admin":true},"secret":{"password":"..."}}'
 * </pre>
 */
final class AuthenticateEndpoint implements HttpService {

    private final Registry registry;

    AuthenticateEndpoint(Registry registry) {
        this.registry = registry;
    }

    @Override
    public void routing(HttpRules rules) {
        // mounted under /authenticate by RegistryRouting
        rules.put("/", this::authenticate)
                .post("/", this::authenticate);
    }

    private void authenticate(ServerRequest req, ServerResponse res) {
        JsonNode body = JsonBodies.readObject(req);
        String name;
        String password;
        JsonNode user = firstPresent(body, "user", "User");
        JsonNode secret = firstPresent(body, "secret", "Secret");
        if (user != null || secret != null) {
            if (user == null || !user.isObject()) {
                throw new InvalidRequestException("'user' must be an object with a 'name'");
            }
            if (secret == null || !secret.isObject()) {
                throw new InvalidRequestException("'secret' must be an object with a 'password'");
            }
            name = JsonBodies.requiredText(user, "name", "user.");
            password = JsonBodies.requiredText(secret, "password", "secret.");
            JsonNode admin = firstPresent(user, "is_admin", "isAdmin");
            if (admin != null && !admin.isBoolean()) {
                throw new InvalidRequestException("'user.is_admin' must be a boolean");
            }
        } else if (body.has("username") || body.has("password")) {
            name = JsonBodies.requiredText(body, "username", "");
            password = JsonBodies.requiredText(body, "password", "");
        } else {
            throw new InvalidRequestException("expected {\"user\":{\"name\":...},\"secret\":{\"password\":...}}");
        }
        IssuedToken token = registry.authenticate().authenticate(name, password, req.remotePeer().host());
        JsonBodies.send(res, Status.OK_200, "bearer " + token.token());
    }

    private static JsonNode firstPresent(JsonNode node, String... names) {
        for (String name : names) {
            if (node.has(name) && !node.get(name).isNull()) {
                return node.get(name);
            }
        }
        return null;
    }
}
