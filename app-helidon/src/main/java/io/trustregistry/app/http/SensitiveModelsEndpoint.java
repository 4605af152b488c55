package io.trustregistry.app.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import io.trustregistry.core.Registry;
import io.trustregistry.core.error.InvalidRequestException;
import io.trustregistry.core.model.ArtifactId;
import io.trustregistry.core.model.AuditEntry;
import io.trustregistry.core.model.MonitorProgram;
import io.trustregistry.core.model.Principal;
import io.trustregistry.core.model.Sensitivity;
import io.trustregistry.core.port.in.SensitiveModelsUseCase;

/**
 * Sensitive models, an extension ({@link SensitiveModelsUseCase} holds the rules):
 * <pre>
 * GET|PUT         /artifacts/model/{id}/sensitivity   {"sensitive": true}
 * GET|PUT|DELETE  /artifacts/model/{id}/monitor       {"source": "...javascript..."}
 * GET             /artifacts/model/{id}/downloads     the download history, oldest first
 * </pre>
 */
final class SensitiveModelsEndpoint implements HttpService {

    private final Registry registry;
    private final Callers callers;

    SensitiveModelsEndpoint(Registry registry, Callers callers) {
        this.registry = registry;
        this.callers = callers;
    }

    @Override
    public void routing(HttpRules rules) {
        // mounted under /artifacts by RegistryRouting
        rules.get("/model/{id}/sensitivity", this::sensitivity)
                .put("/model/{id}/sensitivity", this::markSensitive)
                .get("/model/{id}/monitor", this::monitor)
                .put("/model/{id}/monitor", this::putMonitor)
                .delete("/model/{id}/monitor", this::deleteMonitor)
                .get("/model/{id}/downloads", this::history);
    }

    private SensitiveModelsUseCase useCase() {
        return registry.sensitiveModels();
    }

    private void sensitivity(ServerRequest req, ServerResponse res) {
        Principal caller = callers.of(req);
        ArtifactId id = PathParameters.id(req);
        JsonBodies.send(res, Status.OK_200, sensitivityShape(id, useCase().sensitivity(caller, id)));
    }

    private void markSensitive(ServerRequest req, ServerResponse res) {
        Principal caller = callers.of(req);
        ArtifactId id = PathParameters.id(req);
        JsonNode body = JsonBodies.readObject(req);
        JsonNode sensitive = body.get("sensitive");
        if (sensitive == null || !sensitive.isBoolean()) {
            throw new InvalidRequestException("'sensitive' is required and must be true or false");
        }
        JsonBodies.send(res, Status.OK_200, sensitivityShape(id,
                useCase().markSensitive(caller, id, sensitive.booleanValue())));
    }

    private void monitor(ServerRequest req, ServerResponse res) {
        Principal caller = callers.of(req);
        ArtifactId id = PathParameters.id(req);
        JsonBodies.send(res, Status.OK_200, monitorShape(useCase().monitor(caller, id), true));
    }

    private void putMonitor(ServerRequest req, ServerResponse res) {
        Principal caller = callers.of(req);
        ArtifactId id = PathParameters.id(req);
        String source = JsonBodies.requiredText(JsonBodies.readObject(req), "source", "");
        JsonBodies.send(res, Status.OK_200, monitorShape(useCase().putMonitor(caller, id, source), false));
    }

    private void deleteMonitor(ServerRequest req, ServerResponse res) {
        Principal caller = callers.of(req);
        ArtifactId id = PathParameters.id(req);
        useCase().deleteMonitor(caller, id);
        JsonBodies.send(res, Status.OK_200, sensitivityShape(id, useCase().sensitivity(caller, id)));
    }

    private void history(ServerRequest req, ServerResponse res) {
        Principal caller = callers.of(req);
        ArtifactId id = PathParameters.id(req);
        List<AuditEntry> entries = useCase().downloadHistory(caller, id);
        JsonBodies.send(res, Status.OK_200, entries.stream().map(e -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("user", e.userName());
            json.put("date", ResponseShapes.UTC.format(e.date().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
            json.putAll(ResponseShapes.downloadCheck(e.check().orElseThrow()));
            return json;
        }).toList());
    }

    private static Map<String, Object> sensitivityShape(ArtifactId id, Optional<Sensitivity> sensitivity) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id.value());
        json.put("sensitive", sensitivity.isPresent());
        sensitivity.ifPresent(s -> {
            json.put("marked_by", s.markedBy());
            json.put("marked_at", s.markedAt().toString());
            json.put("monitor", s.monitor().map(m -> monitorShape(m, false)).orElse(null));
        });
        return json;
    }

    private static Map<String, Object> monitorShape(MonitorProgram program, boolean withSource) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sha256", program.sha256());
        json.put("updated_by", program.updatedBy());
        json.put("updated_at", program.updatedAt().toString());
        json.put("bytes", program.source().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        if (withSource) {
            json.put("source", program.source());
        }
        return json;
    }
}
