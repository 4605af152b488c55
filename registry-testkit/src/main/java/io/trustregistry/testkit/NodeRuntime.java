package io.trustregistry.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * The Node.js 24 that monitor tests run programs with: {@code REGISTRY_MONITOR_NODE} when set,
 * else what {@code scripts/install-node.sh} prints (a {@code node} 24 on PATH, or the npm
 * registry's binary installed once under {@code .tools/}). Tests that need it are skipped, saying
 * why, only where neither works (no npm and no registry).
 */
public final class NodeRuntime {

    private static Path node;
    private static String problem;

    private NodeRuntime() {
    }

    /** The node executable, or aborts the calling test with the reason there is none. */
    public static synchronized Path nodeOrSkip() {
        find();
        Assumptions.assumeTrue(node != null, () -> "no Node.js 24 for monitor programs: " + problem);
        return node;
    }

    /** The node executable, if there is one or it could be installed. */
    public static synchronized java.util.Optional<Path> find() {
        if (node == null && problem == null) {
            try {
                node = locate();
            } catch (IOException | RuntimeException e) {
                problem = e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problem = "interrupted";
            }
        }
        return java.util.Optional.ofNullable(node);
    }

    private static Path locate() throws IOException, InterruptedException {
        String configured = System.getenv("REGISTRY_MONITOR_NODE");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("scripts/install-node.sh"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IOException("scripts/install-node.sh not found above " + Path.of("").toAbsolutePath());
        }
        Process process = new ProcessBuilder(List.of("sh", dir.resolve("scripts/install-node.sh").toString()))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0 || out.isEmpty()) {
            process.destroyForcibly();
            throw new IOException("scripts/install-node.sh failed (exit " + (process.isAlive() ? "none" : process.exitValue())
                    + ")");
        }
        return Path.of(out.lines().reduce((a, b) -> b).orElseThrow());
    }
}
