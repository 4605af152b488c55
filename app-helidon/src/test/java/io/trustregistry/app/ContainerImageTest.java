package io.trustregistry.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.trustregistry.testkit.FakeHub;
import io.trustregistry.testkit.HubFixtures;

/**
 * The container image: built from the repository's Dockerfile with podman, started with
 * configuration from environment variables only, and driven through the whole end-to-end
 * session. Also checks what the image promises beyond the API: a non-root user and a working
 * {@code HEALTHCHECK}. Needs podman and the Java base images (real, or the local stand-ins of
 * {@code ../shared/tools/local-base-images.sh}); skipped, saying why, where they are missing.
 */
class ContainerImageTest extends EndToEndSessionTest {

    private static final String TAG = "localhost/trust-registry:test";
    private static boolean built;

    private ContainerDeployment container;

    @Override
    Map<String, String> backend() {
        return Map.of();
    }

    @BeforeAll
    @Override
    void start() {
        String missing = Podman.unavailableBecause();
        Assumptions.assumeTrue(missing.isEmpty(), missing);
        buildOnce();
        super.start();
    }

    @Override
    Deployment deploy(Map<String, String> env) {
        container = ContainerDeployment.start(env);
        return container;
    }

    @Test
    void runsAsAnUnprivilegedUser() {
        assertEquals("10001", Podman.run(Duration.ofSeconds(30), "podman", "exec", container.name, "id", "-u").strip());
    }

    @Test
    void itsHealthcheckPasses() {
        String healthcheck = Podman.run(Duration.ofSeconds(30), "podman", "image", "inspect", "--format",
                "{{json .Config.Healthcheck}}", TAG);
        assertTrue(healthcheck.contains("/app/healthcheck.sh"), healthcheck);
        // exits non-zero, failing the call, when the check fails
        Podman.run(Duration.ofSeconds(60), "podman", "healthcheck", "run", container.name);
    }

    @Test
    void runsMonitorProgramsUnderTheNodeItCarries() {
        Api api = container.api();
        String admin = api.admin();
        String id = api.post("/artifact/model", admin, "{\"url\":\"https://huggingface.co/acme/tiny-model\","
                + "\"sensitive\":true}").expect(201).json().path("metadata").path("id").asText();
        api.put("/artifacts/model/" + id + "/monitor", admin,
                "{\"source\":\"console.log('refused inside the image by ' + process.version); process.exit(4)\"}").expect(200);
        Api.Reply refused = api.get("/artifacts/model/" + id + "/download", admin);
        assertEquals(451, refused.status(), refused.text());
        assertTrue(refused.json().path("message").asText().contains("refused inside the image by v24."), refused.text());
    }

    private static synchronized void buildOnce() {
        if (!built) {
            Podman.build(Path.of("..").toAbsolutePath().normalize(), TAG);
            built = true;
        }
    }

    /** The image running under podman on the host network, ingesting from a fake hub on loopback. */
    static final class ContainerDeployment implements Deployment {
        final String name = "registry-test-" + UUID.randomUUID().toString().substring(0, 8);
        private final FakeHub hub;
        private final String baseUrl;
        private final Api api;

        private ContainerDeployment(FakeHub hub, int port) {
            this.hub = hub;
            this.baseUrl = "http://localhost:" + port;
            this.api = new Api(baseUrl);
        }

        static ContainerDeployment start(Map<String, String> extraEnv) {
            FakeHub hub = FakeHub.serving(HubFixtures.standard());
            ContainerDeployment deployment = new ContainerDeployment(hub, freePort());
            try {
                Map<String, String> env = new java.util.HashMap<>(TestServer.environment(hub));
                env.put("PORT", Integer.toString(deployment.port()));
                env.put("HOST", "127.0.0.1");
                env.putAll(extraEnv);
                List<String> command = new ArrayList<>(List.of("podman", "run", "-d", "--network=host",
                        "--name", deployment.name));
                env.forEach((key, value) -> command.addAll(List.of("-e", key + "=" + value)));
                command.add(TAG);
                Podman.run(Duration.ofMinutes(2), command.toArray(String[]::new));
                deployment.awaitHealthy(Duration.ofSeconds(90));
                return deployment;
            } catch (RuntimeException e) {
                deployment.close();
                throw e;
            }
        }

        private int port() {
            return Integer.parseInt(baseUrl.substring(baseUrl.lastIndexOf(':') + 1));
        }

        private void awaitHealthy(Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    if (api.send("GET", "/health", null, null).status() == 200) {
                        return;
                    }
                } catch (RuntimeException e) {
                    // not listening yet
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            throw new AssertionError("the container did not answer /health within " + timeout + "; its log:\n"
                    + Podman.run(Duration.ofSeconds(30), "podman", "logs", name));
        }

        @Override
        public Api api() {
            return api;
        }

        @Override
        public FakeHub hub() {
            return hub;
        }

        @Override
        public String baseUrl() {
            return baseUrl;
        }

        @Override
        public void close() {
            try {
                Podman.run(Duration.ofMinutes(1), "podman", "rm", "-f", "-v", "-t", "5", name);
            } catch (RuntimeException e) {
                // never started, or already gone
            } finally {
                hub.close();
            }
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
