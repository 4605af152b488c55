package io.trustregistry.app.http;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
import io.trustregistry.core.model.ArtifactName;
import io.trustregistry.core.model.ArtifactPage;
import io.trustregistry.core.model.ArtifactQuery;
import io.trustregistry.core.model.ArtifactRecord;
import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.model.Principal;
import io.trustregistry.core.port.in.UpdateArtifactUseCase;

/**
 * The {@code /artifacts} resource: enumerate ({@code POST /artifacts}, paged by the
 * {@code offset} query parameter and response header), and read, update and delete one
 * artifact ({@code /artifacts/{type}/{id}}).
 * <pre>
 * curl -X POST localhost:8080/artifacts -H "X-Authorization: $TOKEN" -d '[{"name":"*"}]' -i
 * curl localhost:8080/artifacts/model/1000123 -H "X-Authorization: $TOKEN"
 * </pre>
 */
final class ArtifactsEndpoint implements HttpService {

    private final Registry registry;
    private final Callers callers;
    private final BaseUrl baseUrl;

    ArtifactsEndpoint(Registry registry, Callers callers, BaseUrl baseUrl) {
        this.registry = registry;
        this.callers = callers;
        this.baseUrl = baseUrl;
    }

    @Override
    public void routing(HttpRules rules) {
        // mounted under /artifacts by RegistryRouting
        rules.post("/", this::enumerate)
                .get("/{type}/{id}", this::read)
                .put("/{type}/{id}", this::update)
                .delete("/{type}/{id}", this::delete);
    }

    private void enumerate(ServerRequest req, ServerResponse res) {
        Principal caller = callers.of(req);
        List<ArtifactQuery> queries = queries(JsonBodies.read(req));
        Optional<String> offset = QueryParameters.first(req, "offset");
        ArtifactPage page = registry.listArtifacts().list(caller, queries, offset);
        page.nextCursor().ifPresent(next -> res.header(HeaderNames.create("offset"), next.value()));
        JsonBodies.send(res, Status.OK_200, ResponseShapes.metadata(page.items()));
    }

    static List<ArtifactQuery> queries(JsonNode body) {
        if (!body.isArray()) {
            throw new InvalidRequestException("the body must be a JSON array of artifact queries, e.g. [{\"name\":\"*\"}]");
        }
        if (body.isEmpty()) {
            throw new InvalidRequestException("the query array must hold at least one artifact query");
        }
        List<ArtifactQuery> queries = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            JsonNode query = body.get(i);
            String where = "[" + i + "].";
            if (!query.isObject()) {
                throw new InvalidRequestException("each artifact query must be an object; " + where + " is not");
            }
            String name = JsonBodies.requiredText(query, "name", where);
            if (name.isEmpty()) {
                throw new InvalidRequestException("'" + where + "name' must not be empty");
            }
            if (name.length() > ArtifactName.MAX_LENGTH) {
                throw new InvalidRequestException("'" + where + "name' is longer than " + ArtifactName.MAX_LENGTH);
            }
            Set<ArtifactType> types = EnumSet.noneOf(ArtifactType.class);
            JsonNode typesNode = query.get("types");
            if (typesNode != null && !typesNode.isNull()) {
                if (!typesNode.isArray()) {
                    throw new InvalidRequestException("'" + where + "types' must be an array of artifact types");
                }
                for (JsonNode type : typesNode) {
                    if (!type.isTextual() || ArtifactType.fromWireName(type.asText()).isEmpty()) {
                        throw new InvalidRequestException("'" + where + "types' may hold only model, dataset, code");
                    }
                    types.add(ArtifactType.fromWireName(type.asText()).get());
                }
            }
            queries.add(new ArtifactQuery(ArtifactName.WILDCARD.equals(name) ? Optional.empty() : Optional.of(name),
                    types));
        }
        return queries;
    }

    private void read(ServerRequest req, ServerResponse res) {
        Principal caller = callers.of(req);
        ArtifactRecord record = registry.getArtifact().get(caller, PathParameters.type(req), PathParameters.id(req));
        JsonBodies.send(res, Status.OK_200, ResponseShapes.envelope(record, baseUrl.of(req)));
    }

    private void update(ServerRequest req, ServerResponse res) {
        Principal caller = callers.of(req);
        ArtifactType type = PathParameters.type(req);
        ArtifactId id = PathParameters.id(req);
        JsonNode body = JsonBodies.readObject(req);
        JsonNode metadata = JsonBodies.requiredObject(body, "metadata", "");
        JsonNode data = JsonBodies.requiredObject(body, "data", "");
        String name = JsonBodies.requiredText(metadata, "name", "metadata.");
        String bodyId = JsonBodies.requiredText(metadata, "id", "metadata.");
        String bodyType = JsonBodies.requiredText(metadata, "type", "metadata.");
        String url = JsonBodies.requiredText(data, "url", "data.");
        if (!ArtifactId.isWellFormed(bodyId)) {
            throw new InvalidRequestException("'metadata.id' must match ^[a-zA-Z0-9-]+$");
        }
        ArtifactType parsedType = ArtifactType.fromWireName(bodyType)
                .orElseThrow(() -> new InvalidRequestException("'metadata.type' must be model, dataset or code"));
        ArtifactRecord updated = registry.updateArtifact().update(caller, new UpdateArtifactUseCase.Command(type, id,
                new ArtifactId(bodyId), parsedType, name, url));
        JsonBodies.send(res, Status.OK_200, ResponseShapes.ingestEnvelope(updated, baseUrl.of(req)));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        Principal caller = callers.of(req);
        ArtifactType type = PathParameters.type(req);
        ArtifactId id = PathParameters.id(req);
        registry.deleteArtifact().delete(caller, type, id);
        JsonBodies.send(res, Status.OK_200, Map.of("message", "artifact " + id + " deleted"));
    }
}
