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
 */
public record NodeMonitorSettings(Path node, Path workDirectory, Duration timeout, long memoryBytes, int outputBytes,
                                  int concurrency, List<AllowedHost> allowedHosts) {

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
