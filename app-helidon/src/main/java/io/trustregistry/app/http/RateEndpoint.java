package io.trustregistry.app.http;

import java.util.LinkedHashMap;
import java.util.Map;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import io.trustregistry.core.Registry;
import io.trustregistry.core.model.MetricId;
import io.trustregistry.core.model.ModelRating;
import io.trustregistry.core.model.Principal;
import io.trustregistry.core.model.Score;

/**
 * {@code GET /artifact/model/{id}/rate}: the model's stored {@code ModelRating}, every field
 * present, each score with its {@code *_latency} in seconds.
 */
final class RateEndpoint implements HttpService {

    private final Registry registry;
    private final Callers callers;

    RateEndpoint(Registry registry, Callers callers) {
        this.registry = registry;
        this.callers = callers;
    }

    @Override
    public void routing(HttpRules rules) {
        // mounted under /artifact by RegistryRouting
        rules.get("/model/{id}/rate", this::rate);
    }

    private void rate(ServerRequest req, ServerResponse res) {
        Principal caller = callers.of(req);
        ModelRating rating = registry.rate().rate(caller, PathParameters.id(req));
        JsonBodies.send(res, Status.OK_200, shape(rating));
    }

    /** The contract's {@code ModelRating}: every metric of the catalogue, in its order, each with its latency. */
    static Map<String, Object> shape(ModelRating r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", r.name());
        json.put("category", r.category());
        for (MetricId metric : MetricId.values()) {
            if (metric == MetricId.SIZE_SCORE) {
                Map<String, Object> size = new LinkedHashMap<>();
                size.put("raspberry_pi", r.sizeScore().raspberryPi());
                size.put("jetson_nano", r.sizeScore().jetsonNano());
                size.put("desktop_pc", r.sizeScore().desktopPc());
                size.put("aws_server", r.sizeScore().awsServer());
                json.put(metric.wireName(), size);
                json.put(metric.wireName() + "_latency", r.sizeScore().latencySeconds());
            } else {
                score(json, metric.wireName(), r.score(metric));
            }
        }
        return json;
    }

    private static void score(Map<String, Object> json, String name, Score score) {
        json.put(name, score.value());
        json.put(name + "_latency", score.latencySeconds());
    }
}
