package io.trustregistry.app.http;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import io.trustregistry.core.Registry;
import io.trustregistry.core.error.InvalidRequestException;
import io.trustregistry.core.model.Permission;
import io.trustregistry.core.model.Principal;
import io.trustregistry.core.model.UserAccount;
import io.trustregistry.core.port.in.RegisterUserUseCase;

/**
 * User management (our extension of the contract, in {@code /openapi}): {@code POST /users}
 * (admins register users), {@code GET /users} (admins list them), {@code DELETE /users/{name}}
 * (users delete themselves, admins anyone but the default administrator).
 * <pre>
 * curl -X POST localhost:8080/users -H "X-Authorization: $TOKEN" -d '{"user":{"name":"alice",
 *   "is_admin":false},"secret":{"password":"a long passphrase"},"permissions":["search","download"]}'
 * </pre>
 */
final class UsersEndpoint implements HttpService {

    private final Registry registry;
    private final Callers callers;

    UsersEndpoint(Registry registry, Callers callers) {
        this.registry = registry;
        this.callers = callers;
    }

    @Override
    public void routing(HttpRules rules) {
        // mounted under /users by RegistryRouting
        rules.post("/", this::register)
                .get("/", this::list)
                .delete("/{+name}", this::delete);
    }

    private void register(ServerRequest req, ServerResponse res) {
        Principal caller = callers.of(req);
        JsonNode body = JsonBodies.readObject(req);
        JsonNode user = JsonBodies.requiredObject(body, "user", "");
        JsonNode secret = JsonBodies.requiredObject(body, "secret", "");
        String name = JsonBodies.requiredText(user, "name", "user.");
        String password = JsonBodies.requiredText(secret, "password", "secret.");
        JsonNode adminNode = user.get("is_admin");
        if (adminNode != null && !adminNode.isNull() && !adminNode.isBoolean()) {
            throw new InvalidRequestException("'user.is_admin' must be a boolean");
        }
        boolean admin = adminNode != null && adminNode.asBoolean(false);
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        JsonNode list = body.get("permissions");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw new InvalidRequestException("'permissions' must be an array of upload, search, download, admin");
            }
            for (JsonNode p : list) {
                Permission permission = p.isTextual() ? Permission.fromWireName(p.asText()).orElse(null) : null;
                if (permission == null) {
                    throw new InvalidRequestException("'permissions' may hold only upload, search, download, admin");
                }
                permissions.add(permission);
            }
        }
        if (permissions.remove(Permission.ADMIN)) {
            admin = true;
        }
        UserAccount account = registry.registerUser().register(caller,
                new RegisterUserUseCase.Command(name, password, admin, permissions));
        JsonBodies.send(res, Status.CREATED_201, ResponseShapes.user(account));
    }

    private void list(ServerRequest req, ServerResponse res) {
        Principal caller = callers.of(req);
        JsonBodies.send(res, Status.OK_200, registry.listUsers().list(caller).stream().map(ResponseShapes::user)
                .toList());
    }

    private void delete(ServerRequest req, ServerResponse res) {
        Principal caller = callers.of(req);
        String name = JsonBodies.checkedText(req.path().pathParameters().get("name"), "name");
        registry.deleteUser().delete(caller, name);
        JsonBodies.send(res, Status.OK_200, Map.of("message", "user '" + name + "' deleted"));
    }
}
