package io.trustregistry.app.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntConsumer;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.trustregistry.app.RegistryServer;
import io.trustregistry.app.config.AppSettings;
import io.trustregistry.core.DefaultAdmin;
import io.trustregistry.core.port.out.UpstreamHub;

/** Out of memory stops the process instead of leaving it half-alive behind a health check that says ok. */
class FatalErrorsTest {

    private final List<Integer> halts = new CopyOnWriteArrayList<>();
    private IntConsumer previous;

    @BeforeEach
    void recordHalts() {
        previous = FatalErrors.haltWith(halts::add);
    }

    @AfterEach
    void restore() {
        FatalErrors.haltWith(previous);
    }

    @Test
    void anOutOfMemoryErrorOrOneItCausedHalts() {
        assertTrue(FatalErrors.haltIfFatal(new OutOfMemoryError("Java heap space")));
        assertTrue(FatalErrors.haltIfFatal(new UncheckedIOException("wrapped", new java.io.IOException(
                new OutOfMemoryError("Direct buffer memory")))));
        assertEquals(List.of(FatalErrors.EXIT_STATUS, FatalErrors.EXIT_STATUS), halts);
    }

    @Test
    void otherFailuresAreLeftToTheCaller() {
        assertFalse(FatalErrors.haltIfFatal(new IllegalStateException("ordinary")));
        assertFalse(FatalErrors.haltIfFatal(new StackOverflowError()));
        assertEquals(List.of(), halts);
    }

    @Test
    void aThreadDyingOfOutOfMemoryHalts() throws Exception {
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        try {
            FatalErrors.install();
            Thread dying = new Thread(() -> {
                throw new OutOfMemoryError("Java heap space");
            }, "listener");
            dying.start();
            dying.join();
            assertEquals(List.of(FatalErrors.EXIT_STATUS), halts);
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(before);
        }
    }

    /** A request whose handling runs out of memory halts the server rather than answering 500 and going on. */
    @Test
    void aRequestThatRunsOutOfMemoryHaltsTheServer() throws Exception {
        UpstreamHub exhausted = (UpstreamHub) Proxy.newProxyInstance(UpstreamHub.class.getClassLoader(),
                new Class<?>[] {UpstreamHub.class}, (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.invoke(this, args);
                    }
                    throw new OutOfMemoryError("Java heap space");
                });
        Config config = Config.just(ConfigSources.classpath("application.yaml"));
        AppSettings settings = AppSettings.load(config, Map.of("PORT", "0", "HOST", "127.0.0.1",
                "REGISTRY_DATA_DIR", Files.createTempDirectory("registry-oom-").toString(),
                "REGISTRY_ARGON2_MEMORY_KIB", "1024", "REGISTRY_ARGON2_ITERATIONS", "1"));
        try (RegistryServer server = RegistryServer.start(config, settings, exhausted, Optional.empty())) {
            HttpClient http = HttpClient.newHttpClient();
            String login = "{\"user\":{\"name\":\"" + DefaultAdmin.NAME + "\",\"is_admin\":true},\"secret\":{\"password\":"
                    + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(DefaultAdmin.PASSWORDS.get(0))
                    + "}}";
            String token = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/authenticate"))
                    .PUT(HttpRequest.BodyPublishers.ofString(login)).header("Content-Type", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString()).body().replace("\"", "");
            http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/artifact/model"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"https://huggingface.co/acme/tiny-model\"}"))
                    .header("Content-Type", "application/json").header("X-Authorization", token).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertEquals(List.of(FatalErrors.EXIT_STATUS), halts);
        }
    }
}
