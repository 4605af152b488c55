package io.trustregistry.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/**
 * The container's health check, {@code scripts/healthcheck.sh}, run as the image runs it
 * ({@code bash /app/healthcheck.sh} with the server's {@code PORT}): healthy only on a 200 from
 * {@code /health}, unhealthy on a refusal, an error status or a server that never answers, and
 * always within its 4-second bound (the HEALTHCHECK's timeout is 5 s).
 */
class HealthCheckScriptTest {

    private static final Path SCRIPT = Path.of("..", "scripts", "healthcheck.sh").toAbsolutePath().normalize();

    private static int check(int port) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("PORT", Integer.toString(port));
        Process run = builder.start();
        assertTrue(run.waitFor(6, TimeUnit.SECONDS), "the check outlived its bound");
        return run.exitValue();
    }

    @Test
    void aRunningRegistryIsHealthy() throws Exception {
        try (TestServer t = TestServer.start()) {
            assertEquals(0, check(URI.create(t.baseUrl()).getPort()));
        }
    }

    @Test
    void nothingListeningAnErrorStatusOrNoAnswerIsUnhealthy() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        assertNotEquals(0, check(closed), "connection refused");

        HttpServer failing = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        failing.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        failing.start();
        try {
            assertNotEquals(0, check(failing.getAddress().getPort()), "503 from /health");
        } finally {
            failing.stop(0);
        }

        try (ServerSocket silent = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            long started = System.nanoTime();
            assertNotEquals(0, check(silent.getLocalPort()), "a server that accepts and never answers");
            assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(6));
        }
    }
}
