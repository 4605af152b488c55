package io.trustregistry.adapter.node;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.trustregistry.core.error.DependencyUnavailableException;
import io.trustregistry.core.model.ComponentHealth;
import io.trustregistry.core.model.HealthStatus;
import io.trustregistry.core.port.out.MonitorSandbox;

/**
 * Runs monitor programs under Node.js 24 in layers, each closing what the one before leaves open:
 * <ol>
 *   <li>Node's permission model ({@code --permission}): the program may read only itself, the
 *       guard and its zip; it may write nothing, start no process or worker, load no addon, use
 *       no WASI or inspector, and reach no {@code process.binding}.</li>
 *   <li>The guard ({@code monitor-guard.cjs}, loaded with {@code --require} before the program):
 *       Node 24 has no network permission, so the guard refuses every connection, DNS query,
 *       UDP socket and listener except to the allowed hosts, and signals to other processes.</li>
 *   <li>Where {@code unshare} can make one and no host is allowed, a network namespace of its own
 *       with no interfaces: nothing is reachable even past the guard.</li>
 *   <li>The process: an empty environment (no inherited secrets), its own temporary working
 *       directory, standard input from {@code /dev/null}, a wall-clock timeout, a V8 heap limit
 *       and a resident-memory watchdog, capped standard output and error, and a bound on runs at
 *       once.</li>
 * </ol>
 * Node documents its permission model as a seat belt rather than a boundary against every
 * malicious program; the namespace and the process limits are why it is not the only layer.
 */
public final class NodeMonitorSandbox implements MonitorSandbox {

    private static final System.Logger LOG = System.getLogger(NodeMonitorSandbox.class.getName());
    private static final String GUARD_RESOURCE = "monitor-guard.cjs";
    private static final String ALLOWED_PLACEHOLDER = "/*ALLOWED_HOSTS*/[]";
    private static final int REQUIRED_MAJOR = 24;
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(15);
    private static final long WATCH_INTERVAL_MILLIS = 20;

    private final NodeMonitorSettings settings;
    private final String guard;
    private final Semaphore slots;
    private final AtomicInteger running = new AtomicInteger();
    private final String version;
    private final String problem;
    private final boolean networkNamespace;

    /** Probes the runtime once; a missing or old Node.js makes every run fail with 503 saying so. */
    public NodeMonitorSandbox(NodeMonitorSettings settings) {
        this.settings = settings;
        this.slots = new Semaphore(settings.concurrency(), true);
        this.guard = guardSource(settings.allowedHosts());
        String found = null;
        String trouble = null;
        try {
            found = probe(List.of(settings.node().toString(), "--version"));
            int major = Integer.parseInt(found.replaceFirst("^v(\\d+)\\..*$", "$1"));
            if (major < REQUIRED_MAJOR) {
                trouble = settings.node() + " is Node.js " + found + "; monitors need " + REQUIRED_MAJOR
                        + " or newer (its permission model)";
            }
        } catch (IOException | RuntimeException e) {
            trouble = "Node.js " + REQUIRED_MAJOR + " was not found at '" + settings.node() + "' (" + e.getMessage() + ")";
        }
        this.version = found;
        this.problem = trouble == null ? null : trouble
                + "; install it (scripts/install-node.sh) and set REGISTRY_MONITOR_NODE to its path";
        this.networkNamespace = problem == null && settings.allowedHosts().isEmpty() && namespaceWorks(settings.node());
        if (problem != null) {
            LOG.log(System.Logger.Level.WARNING, "monitor programs cannot run: " + problem);
        }
    }

    private static String guardSource(List<NodeMonitorSettings.AllowedHost> hosts) {
        String template;
        try (InputStream in = NodeMonitorSandbox.class.getResourceAsStream(GUARD_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the monitor guard " + GUARD_RESOURCE + " is missing from the jar");
            }
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // host names are [a-z0-9.:-] only (AllowedHost.parse), so they need no escaping
        String list = hosts.stream().map(h -> "{\"host\":\"" + h.host() + "\",\"port\":" + h.port() + "}")
                .collect(Collectors.joining(",", "[", "]"));
        if (!template.contains(ALLOWED_PLACEHOLDER)) {
            throw new IllegalStateException("the monitor guard lacks its allowed-hosts placeholder");
        }
        return template.replace(ALLOWED_PLACEHOLDER, list);
    }

    private static boolean namespaceWorks(Path node) {
        try {
            probe(List.of("unshare", "--net", "--map-root-user", node.toString(), "--version"));
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Runs a short command and returns its first line of output, or throws saying why it failed. */
    private static String probe(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        try {
            if (!process.waitFor(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException(command.get(0) + " did not answer within " + PROBE_TIMEOUT.toSeconds() + " s");
            }
            String output = new String(process.getInputStream().readNBytes(4096), StandardCharsets.UTF_8).strip();
            if (process.exitValue() != 0) {
                throw new IOException(command.get(0) + " exited " + process.exitValue() + ": " + output);
            }
            return output.lines().findFirst().orElse("");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public MonitorResult run(MonitorRun run) {
        if (problem != null) {
            throw new DependencyUnavailableException("monitor programs cannot run: " + problem);
        }
        acquireSlot();
        running.incrementAndGet();
        Path dir = null;
        try {
            dir = Files.createDirectories(settings.workDirectory());
            dir = Files.createTempDirectory(dir, "run-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path program = Files.writeString(dir.resolve("monitor.js"), run.program());
            Path guardFile = Files.writeString(dir.resolve("guard.cjs"), guard);
            Path zip = dir.resolve("model.zip");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(zip), 1 << 16)) {
                run.zip().writeTo(out);
            }
            return execute(dir, command(program, guardFile, zip, run));
        } catch (IOException e) {
            throw new UncheckedIOException("the monitor's files could not be written in " + settings.workDirectory()
                    + ": " + e.getMessage(), e);
        } finally {
            running.decrementAndGet();
            slots.release();
            if (dir != null) {
                deleteTree(dir);
            }
        }
    }

    private void acquireSlot() {
        try {
            if (!slots.tryAcquire(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new DependencyUnavailableException("all " + settings.concurrency() + " monitor slots stayed busy for "
                        + settings.timeout().toSeconds() + " s; retry the download later");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DependencyUnavailableException("interrupted while waiting for a monitor slot", e);
        }
    }

    private List<String> command(Path program, Path guardFile, Path zip, MonitorRun run) {
        List<String> command = new ArrayList<>();
        if (networkNamespace) {
            command.addAll(List.of("unshare", "--net", "--map-root-user"));
        }
        long heapMiB = Math.max(16, settings.memoryBytes() / (1024 * 1024) / 2);
        command.addAll(List.of(settings.node().toString(),
                "--permission",
                "--allow-fs-read=" + program,
                "--allow-fs-read=" + guardFile,
                "--allow-fs-read=" + zip,
                "--max-old-space-size=" + heapMiB,
                "--require", guardFile.toString(),
                program.toString(),
                run.modelName(), run.uploader(), run.downloader(), zip.toString()));
        return command;
    }

    private MonitorResult execute(Path dir, List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        Instant started = Instant.now();
        Process process = builder.start();
        CappedReader stdout = CappedReader.start(process.getInputStream(), settings.outputBytes());
        CappedReader stderr = CappedReader.start(process.getErrorStream(), settings.outputBytes());
        Ending ending = null;
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        try {
            while (!process.waitFor(WATCH_INTERVAL_MILLIS, TimeUnit.MILLISECONDS)) {
                if (System.nanoTime() - deadline > 0) {
                    ending = Ending.TIMED_OUT;
                } else if (residentBytes(process.pid()) > settings.memoryBytes()) {
                    ending = Ending.OUT_OF_MEMORY;
                }
                if (ending != null) {
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new DependencyUnavailableException("interrupted while a monitor ran", e);
        }
        Duration elapsed = Duration.between(started, Instant.now());
        String err = stderr.finish();
        String out = stdout.finish();
        Optional<Integer> exitCode = Optional.empty();
        if (ending == null) {
            exitCode = Optional.of(process.exitValue());
            // V8 aborts when its heap limit is reached; that is the memory cap too
            ending = exitCode.get() != 0 && err.contains("heap out of memory") ? Ending.OUT_OF_MEMORY : Ending.EXITED;
            if (ending == Ending.OUT_OF_MEMORY) {
                exitCode = Optional.empty();
            }
        }
        return new MonitorResult(ending, exitCode, out, stdout.truncated(), err, elapsed);
    }

    /** Resident memory of a process from /proc, or 0 where there is no /proc (the heap limit still holds). */
    private static long residentBytes(long pid) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
            return lines.filter(l -> l.startsWith("VmRSS:")).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024).orElse(0L);
        } catch (IOException | UncheckedIOException | NumberFormatException e) {
            return 0;
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.deleteIfExists(p);
                } catch (NoSuchFileException ignored) {
                    // already gone
                }
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not delete the monitor run directory " + dir + ": " + e);
        }
    }

    @Override
    public ComponentHealth checkHealth() {
        if (problem != null) {
            return MonitorSandbox.unavailable(problem).checkHealth();
        }
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("node", version);
        metrics.put("isolation", networkNamespace ? "permission model, network guard, network namespace"
                : "permission model, network guard");
        metrics.put("allowed_hosts", settings.allowedHosts().size());
        metrics.put("running", running.get());
        metrics.put("slots", settings.concurrency());
        return new ComponentHealth("monitors", "Monitor sandbox (Node.js)", MonitorSandbox.DESCRIPTION, HealthStatus.OK,
                Instant.now(), metrics, List.of());
    }

    /** Whether runs get a network namespace of their own (seen by tests and health). */
    public boolean usesNetworkNamespace() {
        return networkNamespace;
    }

    /** Reads a stream to its end on a virtual thread, keeping only its first {@code cap} bytes. */
    private static final class CappedReader {
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final int cap;
        private final Thread thread;
        private volatile boolean truncated;

        private CappedReader(InputStream in, int cap) {
            this.cap = cap;
            this.thread = Thread.ofVirtual().name("monitor-output").start(() -> drain(in));
        }

        static CappedReader start(InputStream in, int cap) {
            return new CappedReader(in, cap);
        }

        private void drain(InputStream in) {
            byte[] buffer = new byte[8192];
            try (in) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    synchronized (kept) {
                        int room = cap - kept.size();
                        if (n > room) {
                            truncated = true;
                        }
                        kept.write(buffer, 0, Math.max(0, Math.min(room, n)));
                    }
                }
            } catch (IOException e) {
                // the process was killed: what was read is what there is
            }
        }

        /** Waits briefly for the stream to end (the process has) and returns what was kept. */
        String finish() {
            try {
                thread.join(Duration.ofSeconds(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (kept) {
                return kept.toString(StandardCharsets.UTF_8);
            }
        }

        boolean truncated() {
            return truncated;
        }
    }
}
