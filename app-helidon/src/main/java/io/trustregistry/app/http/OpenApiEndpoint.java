package io.trustregistry.app.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code GET /openapi}: the API description (the course contract plus this registry's
 * extensions), as YAML, or as JSON with {@code Accept: application/json} or
 * {@code ?format=JSON}. Both forms are prepared once at start-up.
 */
final class OpenApiEndpoint implements HttpService {

    static final String RESOURCE = "META-INF/openapi.yaml";

    private final byte[] yaml;
    private final byte[] json;

    OpenApiEndpoint() {
        try (InputStream in = OpenApiEndpoint.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            this.yaml = in.readAllBytes();
            Object tree = new Yaml(new SafeConstructor(new LoaderOptions()))
                    .load(new String(yaml, StandardCharsets.UTF_8));
            this.json = JsonBodies.MAPPER.writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the OpenAPI document cannot be rendered as JSON", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void routing(HttpRules rules) {
        // mounted under /openapi by RegistryRouting
        rules.get("/", this::document);
    }

    private void document(ServerRequest req, ServerResponse res) {
        String format = QueryParameters.first(req, "format").orElse("")
                .toUpperCase(Locale.ROOT);
        boolean wantsJson = format.equals("JSON") || (format.isEmpty() && req.headers().first(HeaderNames.ACCEPT)
                .map(a -> a.contains("application/json")).orElse(false));
        res.status(Status.OK_200);
        res.header(HeaderNames.CONTENT_TYPE, wantsJson ? "application/json" : "application/yaml");
        res.send(wantsJson ? json : yaml);
    }
}
