package io.trustregistry.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.trustregistry.app.observability.ErrorMessageRecord;
import io.trustregistry.testkit.FakeHub;

/**
 * A registry in a JVM of its own, with a heap of the test's choosing (memory tests need the
 * real limit, which an in-process server cannot have), pointed at {@code hub} on loopback.
 * Its output goes to {@code server.log} in the data directory's parent.
 */
final class ServerProcess implements AutoCloseable {

    final Api api;
    final int port;
    private final Process process;
    private final Path log;

    private ServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.api = new Api("http://127.0.0.1:" + port);
    }

    /** Starts a server with {@code -Xmx<heap>} and waits until it answers {@code /health}. */
    static ServerProcess start(String heap, FakeHub hub, Path work, Map<String, String> extraEnv) throws Exception {
        return start(List.of(), heap, hub, work, work.resolve("registry"), extraEnv);
    }

    /**
     * As {@link #start(String, FakeHub, Path, Map)}, the command run under {@code wrapper} (for
     * example a bubblewrap sandbox giving it a small disk) with its data in {@code dataDirectory}.
     */
    static ServerProcess start(List<String> wrapper, String heap, FakeHub hub, Path work, Path dataDirectory,
                               Map<String, String> extraEnv) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = work.resolve("server.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the server records its error messages where this JVM does (docs/testing.md, "Error messages")
        String record = "-D" + ErrorMessageRecord.PROPERTY + "=" + System.getProperty(ErrorMessageRecord.PROPERTY, "");
        List<String> command = new ArrayList<>(wrapper);
        command.addAll(List.of(java, "-Xmx" + heap, record));
        command.addAll(coverageAgent());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(extraEnv);
        builder.environment().putAll(Map.of("PORT", Integer.toString(port), "HOST", "127.0.0.1",
                "REGISTRY_DATA_DIR", dataDirectory.toString(), "HF_ENDPOINT", hub.baseUrl(),
                "GITHUB_API_URL", hub.baseUrl(), "REGISTRY_HUB_ALLOWED_NETWORKS", "127.0.0.0/8",
                "REGISTRY_ARGON2_MEMORY_KIB", "1024", "REGISTRY_ARGON2_ITERATIONS", "1"));
        ServerProcess server = new ServerProcess(builder.start(), port, log);
        try {
            server.waitUntilUp();
            return server;
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
    }

    /**
     * This JVM's JaCoCo agent, if the build runs one (the {@code coverage} profile): the server's
     * lines count towards the tests that launched it. The agent appends to the same data file at
     * exit; a server that is killed adds nothing, its successor does.
     */
    private static List<String> coverageAgent() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(argument -> argument.startsWith("-javaagent:") && argument.contains("jacoco"))
                .toList();
    }

    private void waitUntilUp() throws InterruptedException {
        for (int i = 0; i < 150; i++) {
            if (!process.isAlive()) {
                throw new AssertionError("server exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                if (api.get("/health", null).status() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("server did not start:\n" + log());
    }

    /** Kills the server as a crash or an out-of-memory kill would: no shutdown hook runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    /** The server's JVM: the innermost process of the command, under any wrapper. */
    ProcessHandle jvm() {
        return process.toHandle().descendants().filter(h -> h.info().command().map(c -> c.endsWith("/java"))
                .orElse(false)).findFirst().orElse(process.toHandle());
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Everything the server printed so far. */
    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(20, TimeUnit.SECONDS);
    }
}
