package io.trustregistry.adapter.node;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How monitor programs run.
 *
 * @param node          the Node.js 24 (or newer) executable
 * @param workDirectory where each run gets its own directory (program, zip), deleted after the run
 * @param timeout       wall-clock limit of one run; also the longest a run waits for a slot
 * @param memoryBytes   the most resident memory a run may use before it is killed
 * @param outputBytes   the most standard output (and, separately, error) kept of one run
 * @param concurrency   runs at once; more wait for a slot
 * @param allowedHosts  the only hosts a program may connect to (the organisation's audit servers)
 * @param isolation     how a program is kept in
 */
public record NodeMonitorSettings(Path node, Path workDirectory, Duration timeout, long memoryBytes, int outputBytes,
                                  int concurrency, List<AllowedHost> allowedHosts, Isolation isolation) {

    /** How a monitor program is kept in. */
    public enum Isolation {
        /**
         * The default: a bubblewrap sandbox (new user, PID, network, mount and IPC namespaces; only
         * the Node.js runtime and the run's own files visible, read-only; no network but a relay to
         * the allowed hosts), with Node's permission model and the guard inside. Where bubblewrap
         * cannot make one, monitors do not run (503).
         */
        SANDBOX,
        /**
         * Node's permission model and the in-process guard only, for hosts that cannot make
         * namespaces (ECS Fargate, most containers). Weaker: a determined program can get past
         * the guard to the network (see docs/architecture.md).
         */
        PERMISSION_MODEL;

        /** Parses {@code sandbox} or {@code permission-model}. */
        public static Isolation parse(String text) {
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "sandbox" -> SANDBOX;
                case "permission-model" -> PERMISSION_MODEL;
                default -> throw new IllegalArgumentException("must be sandbox or permission-model, not '" + text + "'");
            };
        }
    }

    /** Below this a Node.js process cannot start. */
    static final long MIN_MEMORY_BYTES = 64L * 1024 * 1024;

    public NodeMonitorSettings {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(workDirectory, "workDirectory");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the monitor timeout must be positive");
        }
        if (memoryBytes < MIN_MEMORY_BYTES) {
            throw new IllegalArgumentException("monitors need at least 64 MiB of memory");
        }
        if (outputBytes < 1 || concurrency < 1) {
            throw new IllegalArgumentException("the monitor output cap and concurrency must be positive");
        }
        allowedHosts = List.copyOf(allowedHosts);
        Objects.requireNonNull(isolation, "isolation");
    }

    /** Whether {@code host:port} is one of the allowed hosts (names compared in lower case). */
    public boolean allows(String host, int port) {
        String h = host.toLowerCase(Locale.ROOT);
        return allowedHosts.stream().anyMatch(a -> a.host().equals(h) && (a.port() == 0 || a.port() == port));
    }

    /**
     * A host a monitor may connect to.
     *
     * @param host a lower-case DNS name or IP address (IPv6 without brackets)
     * @param port the port, or 0 for any
     */
    public record AllowedHost(String host, int port) {

        private static final Pattern SPEC = Pattern.compile(
                "(?<host>[a-z0-9.-]+|\\[[0-9a-f:.]+\\])(?::(?<port>[0-9]{1,5}))?");

        public AllowedHost {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }

        /**
         * Parses {@code host}, {@code host:port} or {@code [v6]:port}.
         *
         * @throws IllegalArgumentException naming the entry when it is none of these
         */
        public static AllowedHost parse(String text) {
            Matcher m = SPEC.matcher(text.strip().toLowerCase(Locale.ROOT));
            if (!m.matches() || m.group("host").matches("[.-].*|.*[.-]")) {
                throw new IllegalArgumentException("'" + text + "' is not host, host:port or [ipv6]:port");
            }
            String host = m.group("host").replaceAll("^\\[|\\]$", "");
            int port = m.group("port") == null ? 0 : Integer.parseInt(m.group("port"));
            return new AllowedHost(host, port);
        }
    }
}
