package io.trustregistry.app.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.staticcontent.StaticContentService;

/**
 * {@code GET /docs}: the interactive API page. Swagger UI comes from the {@code org.webjars:swagger-ui}
 * jar on the class path, served from this origin under {@code /docs/swagger-ui/} (no CDN: it works
 * offline and under the UI's Content-Security-Policy); the page and its start-up script are in
 * {@code api-docs/} and read the description from {@link OpenApiEndpoint}.
 */
final class ApiDocs {

    private static final String WEBJAR_POM = "META-INF/maven/org.webjars/swagger-ui/pom.properties";

    private ApiDocs() {
    }

    static void register(HttpRouting.Builder routing, RouteTable routes) {
        routing.register("/docs/swagger-ui", StaticContentService.builder("META-INF/resources/webjars/swagger-ui/"
                + webjarVersion()).build());
        routing.register("/docs", StaticContentService.builder("api-docs").welcomeFileName("index.html").build());
        // the static-content service's own rules are not visible to the table
        routes.declare("GET", "/docs");
        routes.declare("GET", "/docs/{+path}");
    }

    /** The webjar's version, from its own Maven metadata: the pom names it once. */
    private static String webjarVersion() {
        try (InputStream in = ApiDocs.class.getClassLoader().getResourceAsStream(WEBJAR_POM)) {
            if (in == null) {
                throw new IllegalStateException(WEBJAR_POM + " is missing: org.webjars:swagger-ui is not on the class"
                        + " path");
            }
            Properties pom = new Properties();
            pom.load(in);
            return pom.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
