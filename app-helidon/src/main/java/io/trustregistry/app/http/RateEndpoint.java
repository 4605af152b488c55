package io.trustregistry.app.http;

import java.util.LinkedHashMap;
import java.util.Map;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import io.trustregistry.core.Registry;
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
        rules.get("/artifact/model/{id}/rate", this::rate);
    }

    private void rate(ServerRequest req, ServerResponse res) {
        Principal caller = callers.of(req);
        ModelRating rating = registry.rate().rate(caller, PathParameters.id(req));
        JsonBodies.send(res, Status.OK_200, shape(rating));
    }

    static Map<String, Object> shape(ModelRating r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", r.name());
        json.put("category", r.category());
        score(json, "net_score", r.netScore());
        score(json, "ramp_up_time", r.rampUpTime());
        score(json, "bus_factor", r.busFactor());
        score(json, "performance_claims", r.performanceClaims());
        score(json, "license", r.license());
        Map<String, Object> size = new LinkedHashMap<>();
        size.put("raspberry_pi", r.sizeScore().raspberryPi());
        size.put("jetson_nano", r.sizeScore().jetsonNano());
        size.put("desktop_pc", r.sizeScore().desktopPc());
        size.put("aws_server", r.sizeScore().awsServer());
        json.put("size_score", size);
        json.put("size_score_latency", r.sizeScore().latencySeconds());
        score(json, "dataset_and_code_score", r.datasetAndCodeScore());
        score(json, "dataset_quality", r.datasetQuality());
        score(json, "code_quality", r.codeQuality());
        score(json, "reproducibility", r.reproducibility());
        score(json, "reviewedness", r.reviewedness());
        score(json, "tree_score", r.treeScore());
        return json;
    }

    private static void score(Map<String, Object> json, String name, Score score) {
        json.put(name, score.value());
        json.put(name + "_latency", score.latencySeconds());
    }
}
