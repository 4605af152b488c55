package io.trustregistry.app.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.trustregistry.core.Registry;
import io.trustregistry.core.error.InvalidRequestException;
import io.trustregistry.core.model.ArtifactId;
import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.model.Principal;
import io.trustregistry.core.model.TransactionCommand;
import io.trustregistry.core.model.TransactionId;
import io.trustregistry.core.model.TransactionRecord;
import io.trustregistry.core.port.in.TransactionsUseCase;

/**
 * Transactions, an extension ({@link TransactionsUseCase} holds the rules):
 * <pre>
 * POST    /transactions                  create an empty one (201, Location)
 * GET     /transactions/{id}             read it: state, commands, results or failure
 * DELETE  /transactions/{id}             abandon it (or forget a finished one)
 * POST    /transactions/{id}/commands    append {"action": "register|update|delete|download", ...}
 * POST    /transactions/{id}/execute     run it, all or nothing
 * GET     /transactions/{id}/download    the group download: one zip of its download commands' artifacts
 * </pre>
 */
final class TransactionsEndpoint implements HttpService {

    private final Registry registry;
    private final Callers callers;
    private final BaseUrl baseUrl;

    TransactionsEndpoint(Registry registry, Callers callers, BaseUrl baseUrl) {
        this.registry = registry;
        this.callers = callers;
        this.baseUrl = baseUrl;
    }

    @Override
    public void routing(HttpRules rules) {
        // mounted at /transactions by RegistryRouting
        rules.post("/", this::create)
                .get("/{id}", this::get)
                .delete("/{id}", this::abandon)
                .post("/{id}/commands", this::append)
                .post("/{id}/execute", this::execute)
                .get("/{id}/download", this::download)
                .head("/{id}/download", this::download);
    }

    private TransactionsUseCase useCase() {
        return registry.transactions();
    }

    private void create(ServerRequest req, ServerResponse res) {
        Principal caller = callers.of(req);
        TransactionRecord created = useCase().create(caller);
        String base = baseUrl.of(req);
        res.header(HeaderNames.LOCATION, base + "/transactions/" + created.id());
        JsonBodies.send(res, Status.CREATED_201, shape(created, base));
    }

    private void get(ServerRequest req, ServerResponse res) {
        Principal caller = callers.of(req);
        JsonBodies.send(res, Status.OK_200, shape(useCase().get(caller, PathParameters.transactionId(req)),
                baseUrl.of(req)));
    }

    private void abandon(ServerRequest req, ServerResponse res) {
        Principal caller = callers.of(req);
        useCase().abandon(caller, PathParameters.transactionId(req));
        res.status(Status.NO_CONTENT_204);
        res.send();
    }

    private void append(ServerRequest req, ServerResponse res) {
        Principal caller = callers.of(req);
        TransactionId id = PathParameters.transactionId(req);
        TransactionCommand command = command(JsonBodies.readObject(req));
        JsonBodies.send(res, Status.CREATED_201, shape(useCase().append(caller, id, command), baseUrl.of(req)));
    }

    private void execute(ServerRequest req, ServerResponse res) {
        Principal caller = callers.of(req);
        TransactionId id = PathParameters.transactionId(req);
        JsonBodies.send(res, Status.OK_200, shape(useCase().execute(caller, id), baseUrl.of(req)));
    }

    private void download(ServerRequest req, ServerResponse res) {
        Principal caller = callers.of(req);
        DownloadEndpoint.answer(req, res, useCase().download(caller, PathParameters.transactionId(req)));
    }

    /** A command from its JSON: the same fields the request it stands for takes. */
    static TransactionCommand command(JsonNode body) {
        String where = "";
        String action = JsonBodies.requiredText(body, "action", where);
        String typeText = JsonBodies.requiredText(body, "type", where);
        ArtifactType type = ArtifactType.fromWireName(typeText).orElseThrow(() -> new InvalidRequestException(
                "'type' must be one of model, dataset, code; not '" + PathParameters.abbreviate(typeText) + "'"));
        return switch (action) {
            case "register" -> new TransactionCommand.Register(type, JsonBodies.requiredText(body, "url", where),
                    JsonBodies.optionalText(body, "name", where));
            case "update" -> new TransactionCommand.Update(type, artifactId(body),
                    JsonBodies.requiredText(body, "url", where));
            case "delete" -> new TransactionCommand.Delete(type, artifactId(body));
            case "download" -> new TransactionCommand.Download(type, artifactId(body));
            default -> throw new InvalidRequestException("'action' must be one of register, update, delete, download;"
                    + " not '" + PathParameters.abbreviate(action) + "'");
        };
    }

    private static ArtifactId artifactId(JsonNode body) {
        String text = JsonBodies.requiredText(body, "id", "");
        if (!ArtifactId.isWellFormed(text)) {
            throw new InvalidRequestException("'id' must match ^[a-zA-Z0-9-]+$ (at most " + ArtifactId.MAX_LENGTH
                    + " characters); got '" + PathParameters.abbreviate(text) + "'");
        }
        return new ArtifactId(text);
    }

    private static Map<String, Object> shape(TransactionRecord t, String base) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", t.id().value());
        json.put("state", t.state().wireName());
        json.put("owner", t.owner());
        json.put("created_at", t.createdAt().toString());
        json.put("expires_at", t.expiresAt().toString());
        List<Map<String, Object>> commands = new ArrayList<>();
        for (int i = 0; i < t.commands().size(); i++) {
            TransactionCommand c = t.commands().get(i);
            Map<String, Object> command = new LinkedHashMap<>();
            command.put("index", i);
            command.put("action", c.action());
            command.put("type", c.type().wireName());
            switch (c) {
                case TransactionCommand.Register r -> {
                    command.put("url", r.url());
                    r.name().ifPresent(n -> command.put("name", n));
                }
                case TransactionCommand.Update u -> {
                    command.put("id", u.id().value());
                    command.put("url", u.url());
                }
                case TransactionCommand.Delete d -> command.put("id", d.id().value());
                case TransactionCommand.Download w -> command.put("id", w.id().value());
            }
            commands.add(command);
        }
        json.put("commands", commands);
        if (t.state() == TransactionRecord.State.COMMITTED) {
            json.put("results", t.results().stream().map(r -> {
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("index", r.index());
                result.put("action", r.action());
                result.put("id", r.artifact().id().value());
                result.put("name", r.artifact().name().value());
                result.put("type", r.artifact().type().wireName());
                result.put("revision", r.revision());
                return result;
            }).toList());
            if (t.results().stream().anyMatch(r -> r.action().equals("download"))) {
                json.put("download_url", base + "/transactions/" + t.id() + "/download");
            }
        }
        t.failure().ifPresent(f -> {
            Map<String, Object> failure = new LinkedHashMap<>();
            failure.put("command", f.command().orElse(null));
            failure.put("reason", f.reason());
            json.put("failure", failure);
        });
        return json;
    }
}
