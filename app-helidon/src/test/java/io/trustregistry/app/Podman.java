package io.trustregistry.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The podman command line, for tests of the container image. Each call waits for the command
 * and fails with its output when it exits non-zero or outlives its timeout.
 */
final class Podman {

    /** The runtime base image the Dockerfile names by default. */
    static final String RUNTIME_BASE = "docker.io/library/eclipse-temurin:25-jre";
    static final String BUILD_BASE = "docker.io/library/eclipse-temurin:25-jdk";

    private Podman() {
    }

    /** Why the image cannot be built here, or empty when it can. */
    static String unavailableBecause() {
        try {
            run(Duration.ofSeconds(30), "podman", "--version");
        } catch (RuntimeException e) {
            return "podman is not installed";
        }
        for (String image : List.of(BUILD_BASE, RUNTIME_BASE)) {
            try {
                run(Duration.ofSeconds(30), "podman", "image", "exists", image);
            } catch (RuntimeException e) {
                return image + " is not available locally; run ../shared/tools/local-base-images.sh"
                        + " (or pull it where public registries are reachable)";
            }
        }
        return "";
    }

    /** Builds the repository's Dockerfile as {@code tag}, reusing the host's Maven cache if any. */
    static void build(Path repository, String tag) {
        List<String> command = new ArrayList<>(List.of("podman", "build", "--pull=never", "--format", "docker",
                "--network=host", "-t", tag));
        Path m2 = Path.of(System.getProperty("user.home"), ".m2");
        if (Files.isDirectory(m2)) {
            // a build-time cache only: the image's content does not depend on it
            command.addAll(List.of("-v", m2.toAbsolutePath() + ":/root/.m2"));
        }
        // machines behind a TLS-inspecting proxy trust its CA; the image's Node.js download must too
        Path hostCertificates = Path.of("/etc/ssl/certs/ca-certificates.crt");
        if (Files.isRegularFile(hostCertificates)) {
            command.addAll(List.of("-v", hostCertificates.getParent() + ":/etc/ssl/host-certs:ro"));
        }
        command.add(repository.toAbsolutePath().normalize().toString());
        run(Duration.ofMinutes(15), command.toArray(String[]::new));
    }

    /** Runs a command and returns its standard output and error. */
    static String run(Duration timeout, String... command) {
        try {
            Path output = Files.createTempFile("podman-", ".log");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " took over " + timeout
                            + ":\n" + tail(output));
                }
                String text = Files.readString(output, StandardCharsets.UTF_8);
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " exited " + process.exitValue()
                            + ":\n" + tail(output));
                }
                return text;
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command[0] + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String tail(Path output) throws IOException {
        String text = Files.readString(output, StandardCharsets.UTF_8);
        return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
    }
}
