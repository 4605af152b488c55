package io.trustregistry.app.http;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import io.trustregistry.core.Registry;
import io.trustregistry.core.error.InvalidRequestException;
import io.trustregistry.core.model.ArtifactRecord;
import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.model.Principal;
import io.trustregistry.core.port.in.RegisterArtifactUseCase;

/**
 * {@code POST /artifact/{type}}: registers an artifact from {@code {"url": ..., "name"?: ...}}
 * and answers 201 with the full envelope, including our {@code download_url}.
 * <pre>
 * curl -X POST localhost:8080/artifact/model -H "X-Authorization: $TOKEN" \
 *   -d '{"url":"https://huggingface.co/google-bert/bert-base-uncased"}'
 * </pre>
 */
final class ArtifactCreateEndpoint implements HttpService {

    private final Registry registry;
    private final Callers callers;
    private final BaseUrl baseUrl;

    ArtifactCreateEndpoint(Registry registry, Callers callers, BaseUrl baseUrl) {
        this.registry = registry;
        this.callers = callers;
        this.baseUrl = baseUrl;
    }

    @Override
    public void routing(HttpRules rules) {
        // mounted under /artifact by RegistryRouting
        rules.post("/{type}", this::create);
    }

    private void create(ServerRequest req, ServerResponse res) {
        Principal caller = callers.of(req);
        ArtifactType type = PathParameters.type(req);
        JsonNode body = JsonBodies.readObject(req);
        String url = JsonBodies.requiredText(body, "url", "");
        Optional<String> name = JsonBodies.optionalText(body, "name", "");
        JsonNode sensitive = body.get("sensitive");
        if (sensitive != null && !sensitive.isNull() && !sensitive.isBoolean()) {
            throw new InvalidRequestException("'sensitive' must be true or false");
        }
        ArtifactRecord record = registry.registerArtifact().register(caller,
                new RegisterArtifactUseCase.Command(type, url, name, sensitive != null && sensitive.asBoolean(false)));
        JsonBodies.send(res, Status.CREATED_201, ResponseShapes.ingestEnvelope(record, baseUrl.of(req)));
    }
}
