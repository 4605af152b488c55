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
import java.nio.file.LinkOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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
 *   <li>A bubblewrap sandbox ({@link NodeMonitorSettings.Isolation#SANDBOX}, the default): new
 *       user, PID, network, mount, IPC and UTS namespaces; a read-only root holding only the
 *       system libraries, the Node.js runtime and the run's own directory; no {@code /tmp}, no
 *       {@code /dev/shm}, no capability, the user {@code nobody}; no network at all but a Unix
 *       socket to an {@link EgressRelay} that connects to the allowed hosts only. No file, process
 *       or address of the host is there to reach.</li>
 *   <li>Node's permission model ({@code --permission}): the program may read only itself, the
 *       guard and its zip; it may write nothing, start no process or worker, load no addon, use
 *       no WASI or inspector, and reach no {@code process.binding}.</li>
 *   <li>The guard ({@code monitor-guard.cjs}, loaded with {@code --require} before the program):
 *       readable refusals of connections, DNS, UDP, listeners, raw handles and signals; and the
 *       way to the relay for allowed hosts.</li>
 *   <li>The process: an empty environment (no inherited secrets), standard input from
 *       {@code /dev/null}, a wall-clock timeout, a V8 heap limit and a resident-memory watchdog
 *       over the whole process tree, capped standard output and error, a bound on runs at once,
 *       and the run's directory deleted afterwards.</li>
 * </ol>
 * Node documents its permission model as a seat belt rather than a boundary against malicious
 * code, and an in-process guard can be outwitted; that is why the sandbox is the default and
 * {@link NodeMonitorSettings.Isolation#PERMISSION_MODEL} an explicit, weaker choice.
 */
public final class NodeMonitorSandbox implements MonitorSandbox {

    private static final System.Logger LOG = System.getLogger(NodeMonitorSandbox.class.getName());
    private static final String GUARD_RESOURCE = "monitor-guard.cjs";
    private static final String ALLOWED_PLACEHOLDER = "/*ALLOWED_HOSTS*/[]";
    private static final String RELAY_PLACEHOLDER = "/*RELAY_PATH*/null";
    private static final int REQUIRED_MAJOR = 24;
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(15);
    private static final long WATCH_INTERVAL_MILLIS = 20;
    /** Where the run's directory and the runtime appear inside the sandbox. */
    private static final String INSIDE_RUN = "/monitor";
    private static final String INSIDE_NODE = "/opt/monitor-node";
    private static final String RELAY_SOCKET = "egress.sock";
    /**
     * Open files a run may hold (prlimit): enough for the runtime and a few connections, too few to
     * pile data up in kernel socket buffers, which no resident-memory count sees.
     */
    private static final int MAX_OPEN_FILES = 128;
    /**
     * Longest path the JDK binds a Unix socket to on Linux ({@code sun_path} is 108 bytes, unix(7);
     * the JDK refuses 107 and more, "Unix domain path too long"), and what a run adds to the work
     * directory for the relay's socket: {@code /run-} and up to 20 digits
     * ({@link Files#createTempDirectory}), then {@code /egress.sock}.
     */
    private static final int MAX_SOCKET_PATH = 106;
    private static final int RUN_SOCKET_SUFFIX = "/run-".length() + 20 + 1 + RELAY_SOCKET.length();

    /** The guard as shipped, read once; each run fills in its placeholders. */
    private static final String GUARD_TEMPLATE = loadGuard();

    private final NodeMonitorSettings settings;
    private final boolean inProcessLayers;
    private final Semaphore slots;
    private final AtomicInteger running = new AtomicInteger();
    /** What the machine offers, probed once in the background so that start-up does not wait on it. */
    private final CompletableFuture<Probe> probed;

    /**
     * What was found when the sandbox started.
     *
     * @param node                    the runtime's real path
     * @param version                 its version, when it answered
     * @param problem                 why no monitor can run here, or {@code null}
     * @param limitFiles              whether {@code prlimit} caps a run's open files
     * @param disableNestedNamespaces whether bwrap may forbid nested user namespaces here
     */
    private record Probe(Path node, String version, String problem, boolean limitFiles,
                           boolean disableNestedNamespaces) {
    }

    /**
     * Checks the runtime (and the sandbox) once, in the background, and clears run directories a
     * crash left behind; a missing or old Node.js, or a sandbox that cannot be made, makes every
     * run fail with 503 saying so.
     */
    public NodeMonitorSandbox(NodeMonitorSettings settings) {
        this(settings, true);
    }

    /**
     * The sandbox with only its kernel layers (bubblewrap and the process limits), no permission
     * model and no guard: for tests that check each layer holds on its own. Never for use.
     */
    static NodeMonitorSandbox kernelLayersOnly(NodeMonitorSettings settings) {
        return new NodeMonitorSandbox(settings, false);
    }

    private NodeMonitorSandbox(NodeMonitorSettings settings, boolean inProcessLayers) {
        this.settings = settings;
        this.inProcessLayers = inProcessLayers;
        this.slots = new Semaphore(settings.concurrency(), true);
        this.probed = new CompletableFuture<>();
        Thread.ofVirtual().name("monitor-probe").start(() -> {
            try {
                probed.complete(probeRuntime(settings));
            } catch (RuntimeException | Error e) {
                // never leave a run waiting on a probe that died
                probed.complete(new Probe(settings.node(), null, "the monitor runtime could not be probed: " + e, false,
                        false));
            }
        });
    }

    private Probe probed() {
        return probed.join();
    }

    private static Probe probeRuntime(NodeMonitorSettings settings) {
        boolean limitFiles = commandWorks(List.of("prlimit", "--nofile=" + MAX_OPEN_FILES, "--", "true"));
        Path node = settings.node();
        String found = null;
        String trouble = null;
        try {
            node = resolve(settings.node());
            found = probe(List.of(node.toString(), "--version"));
            int major = Integer.parseInt(found.replaceFirst("^v(\\d+)\\..*$", "$1"));
            if (major < REQUIRED_MAJOR) {
                trouble = settings.node() + " is Node.js " + found + "; monitors need " + REQUIRED_MAJOR
                        + " or newer (its permission model); install it (scripts/install-node.sh) and set"
                        + " REGISTRY_MONITOR_NODE to its path";
            }
        } catch (IOException | RuntimeException e) {
            trouble = "Node.js " + REQUIRED_MAJOR + " was not found at '" + settings.node() + "' (" + e.getMessage()
                    + "); install it (scripts/install-node.sh) and set REGISTRY_MONITOR_NODE to its path";
        }
        if (trouble == null) {
            trouble = prepareWorkDirectory(settings.workDirectory());
        }
        if (trouble == null && !settings.allowedHosts().isEmpty()) {
            // else every run would fail binding the relay's socket, while health said all is well
            trouble = relaySocketProblem(settings.workDirectory());
        }
        boolean nestedNamespacesOff = false;
        if (trouble == null && settings.isolation() == NodeMonitorSettings.Isolation.SANDBOX) {
            List<String> version = List.of(INSIDE_NODE + "/" + String.valueOf(node.getFileName()), "--version");
            try {
                // nested user namespaces off where the kernel lets bwrap say so (not inside most containers)
                nestedNamespacesOff = commandWorks(sandboxCommand(node, Optional.empty(), version, true));
                probe(sandboxCommand(node, Optional.empty(), version, nestedNamespacesOff));
            } catch (IOException | RuntimeException e) {
                trouble = "bubblewrap (bwrap) could not make a sandbox here (" + e.getMessage() + "); install it"
                        + " (Debian: apt-get install bubblewrap) where user namespaces are allowed, or set"
                        + " REGISTRY_MONITOR_ISOLATION=permission-model to run monitors under Node's permission model"
                        + " alone (weaker: see docs/architecture.md)";
            }
        }
        if (trouble != null) {
            LOG.log(System.Logger.Level.WARNING, "monitor programs cannot run: " + trouble);
        }
        return new Probe(node, found, trouble, limitFiles, nestedNamespacesOff);
    }

    /** The executable itself (a name is looked up on PATH, links are followed): the sandbox binds its directory. */
    private static Path resolve(Path executable) throws IOException {
        if (executable.getNameCount() == 1 && !executable.isAbsolute()) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
                Path candidate = Path.of(dir).resolve(executable);
                if (Files.isExecutable(candidate)) {
                    return candidate.toRealPath();
                }
            }
            throw new IOException("no '" + executable + "' on PATH");
        }
        return executable.toRealPath();
    }

    /** Creates the work directory (0700) or checks that it is a directory of ours; removes what a crash left. */
    private static String prepareWorkDirectory(Path dir) {
        try {
            if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                Path parent = dir.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            PosixFileAttributes attributes = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            String me = System.getProperty("user.name");
            if (!attributes.isDirectory() || !attributes.owner().getName().equals(me)
                    || attributes.permissions().contains(PosixFilePermission.OTHERS_WRITE)
                    || attributes.permissions().contains(PosixFilePermission.GROUP_WRITE)) {
                return "the monitor work directory " + dir + " must be a directory owned by " + me
                        + " that no one else may write (REGISTRY_MONITOR_WORK_DIR)";
            }
            try (Stream<Path> left = Files.list(dir)) {
                left.filter(p -> String.valueOf(p.getFileName()).startsWith("run-")).forEach(NodeMonitorSandbox::deleteTree);
            }
            return null;
        } catch (IOException | UnsupportedOperationException e) {
            return "the monitor work directory " + dir + " cannot be used (" + e.getMessage() + "); set"
                    + " REGISTRY_MONITOR_WORK_DIR";
        }
    }

    /** Why the relay's socket cannot be bound under {@code dir}, or {@code null} when it can. */
    private static String relaySocketProblem(Path dir) {
        int length = dir.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8).length;
        if (length + RUN_SOCKET_SUFFIX <= MAX_SOCKET_PATH) {
            return null;
        }
        return "the monitor work directory " + dir + " is too long a path (" + length + " bytes) for the socket to the"
                + " egress relay that allowed hosts need (at most " + (MAX_SOCKET_PATH - RUN_SOCKET_SUFFIX) + " bytes);"
                + " set REGISTRY_MONITOR_WORK_DIR to a shorter one";
    }

    private static boolean commandWorks(List<String> command) {
        try {
            probe(command);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static String loadGuard() {
        try (InputStream in = NodeMonitorSandbox.class.getResourceAsStream(GUARD_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the monitor guard " + GUARD_RESOURCE + " is missing from the jar");
            }
            String template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!template.contains(ALLOWED_PLACEHOLDER) || !template.contains(RELAY_PLACEHOLDER)) {
                throw new IllegalStateException("the monitor guard lacks its placeholders");
            }
            return template;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String guardSource(List<NodeMonitorSettings.AllowedHost> hosts, String relay) {
        // host names are [a-z0-9.:-] only (AllowedHost.parse), the relay path is ours: no escaping needed
        String list = hosts.stream().map(h -> "{\"host\":\"" + h.host() + "\",\"port\":" + h.port() + "}")
                .collect(Collectors.joining(",", "[", "]"));
        return GUARD_TEMPLATE.replace(ALLOWED_PLACEHOLDER, list)
                .replace(RELAY_PLACEHOLDER, relay == null ? "null" : "'" + relay + "'");
    }

    /** Runs a short command and returns its first line of output, or throws saying why it failed. */
    private static String probe(List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        Process process = builder.start();
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
        Probe found = probed();
        if (found.problem() != null) {
            throw new DependencyUnavailableException("monitor programs cannot run: " + found.problem());
        }
        Path node = found.node();
        acquireSlot();
        running.incrementAndGet();
        Path dir = null;
        EgressRelay relay = null;
        try {
            try {
                dir = Files.createTempDirectory(settings.workDirectory(), "run-",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                Files.writeString(dir.resolve("monitor.js"), run.program());
                boolean relayed = !settings.allowedHosts().isEmpty();
                String relayPath = (settings.isolation() == NodeMonitorSettings.Isolation.SANDBOX ? INSIDE_RUN
                        : dir.toString()) + "/" + RELAY_SOCKET;
                Files.writeString(dir.resolve("guard.cjs"), guardSource(settings.allowedHosts(), relayed ? relayPath : null));
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(dir.resolve("model.zip")), 1 << 16)) {
                    run.zip().writeTo(out);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("the monitor's files could not be written in " + settings.workDirectory()
                        + ": " + e.getMessage(), e);
            }
            boolean sandboxed = settings.isolation() == NodeMonitorSettings.Isolation.SANDBOX;
            // inside, the sandbox's user maps to the server's own, which owns the run's files (0700)
            if (!settings.allowedHosts().isEmpty()) {
                relay = EgressRelay.start(settings, dir.resolve(RELAY_SOCKET));
            }
            String base = sandboxed ? INSIDE_RUN : dir.toString();
            String executable = sandboxed ? INSIDE_NODE + "/" + String.valueOf(node.getFileName()) : node.toString();
            long heapMiB = Math.max(16, settings.memoryBytes() / (1024 * 1024) / 2);
            List<String> nodeCommand = new ArrayList<>(List.of(executable));
            if (inProcessLayers) {
                nodeCommand.addAll(List.of("--permission",
                        "--allow-fs-read=" + base + "/monitor.js",
                        "--allow-fs-read=" + base + "/guard.cjs",
                        "--allow-fs-read=" + base + "/model.zip",
                        "--require", base + "/guard.cjs"));
            }
            nodeCommand.addAll(List.of("--max-old-space-size=" + heapMiB, base + "/monitor.js",
                    run.modelName(), run.uploader(), run.downloader(), base + "/model.zip"));
            List<String> command = new ArrayList<>();
            if (found.limitFiles()) {
                command.addAll(List.of("prlimit", "--nofile=" + MAX_OPEN_FILES, "--"));
            }
            command.addAll(sandboxed ? sandboxCommand(node, Optional.of(dir), nodeCommand, found.disableNestedNamespaces())
                    : nodeCommand);
            return execute(dir, command);
        } catch (IOException e) {
            throw new DependencyUnavailableException("the monitor could not be started: " + e.getMessage(), e);
        } finally {
            if (relay != null) {
                relay.close();
            }
            running.decrementAndGet();
            slots.release();
            if (dir != null) {
                deleteTree(dir);
            }
        }
    }

    /** bwrap around {@code inside}: nothing of the host but libraries, the runtime and the run's directory. */
    private static List<String> sandboxCommand(Path node, Optional<Path> run, List<String> inside,
                                               boolean noNestedNamespaces) {
        List<String> command = new ArrayList<>(List.of("bwrap", "--unshare-all", "--unshare-user"));
        if (noNestedNamespaces) {
            command.add("--disable-userns");
        }
        command.addAll(List.of("--die-with-parent", "--new-session", "--cap-drop", "ALL",
                "--uid", "65534", "--gid", "65534",
                "--ro-bind", "/usr", "/usr",
                "--ro-bind-try", "/lib", "/lib",
                "--ro-bind-try", "/lib64", "/lib64",
                "--ro-bind-try", "/lib32", "/lib32",
                "--ro-bind", node.toString(), INSIDE_NODE + "/" + String.valueOf(node.getFileName()),
                // no /proc: the runtime does without, and a container's masked /proc forbids mounting another
                "--dev-bind", "/dev/null", "/dev/null"));
        run.ifPresent(dir -> command.addAll(List.of("--ro-bind", dir.toString(), INSIDE_RUN, "--chdir", INSIDE_RUN)));
        // bwrap sets PWD; env -i starts the runtime with no variable at all
        command.addAll(List.of("--remount-ro", "/", "--", "/usr/bin/env", "-i"));
        command.addAll(inside);
        return command;
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
                } else if (residentBytes(process.toHandle()) > settings.memoryBytes()) {
                    ending = Ending.OUT_OF_MEMORY;
                }
                if (ending != null) {
                    kill(process);
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(process);
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

    /**
     * Kills the process and whatever it started (bwrap's children), and waits for them to be gone,
     * also when the run was interrupted: the interrupt is set aside for the wait and restored after
     * (waiting with it set returned at once, leaving the program running past its run).
     */
    private static void kill(Process process) {
        boolean interrupted = Thread.interrupted();
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
            for (ProcessHandle p : tree) {
                p.onExit().get(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            interrupted = true;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "a killed monitor process did not end within 5 s");
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Resident memory of a process and its descendants from /proc, or 0 where there is no /proc (the heap limit still holds). */
    private static long residentBytes(ProcessHandle process) {
        long total = residentBytes(process.pid());
        for (ProcessHandle child : process.descendants().toList()) {
            total += residentBytes(child.pid());
        }
        return total;
    }

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
        Probe found = probed();
        if (found.problem() != null) {
            return MonitorSandbox.unavailable(found.problem()).checkHealth();
        }
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("node", found.version());
        boolean sandboxed = settings.isolation() == NodeMonitorSettings.Isolation.SANDBOX;
        metrics.put("isolation", sandboxed ? "bubblewrap sandbox" + (found.disableNestedNamespaces() ? "" : " (nested user"
                + " namespaces not disabled: the kernel refused)") + ", permission model, guard"
                : "permission model, guard (no sandbox)");
        metrics.put("open_files_limit", found.limitFiles() ? MAX_OPEN_FILES : "none (no prlimit)");
        metrics.put("allowed_hosts", settings.allowedHosts().size());
        metrics.put("running", running.get());
        metrics.put("slots", settings.concurrency());
        List<ComponentHealth.Issue> issues = sandboxed ? List.of() : List.of(new ComponentHealth.Issue(
                "monitor-isolation-weak", "warning", "monitor programs run without a sandbox",
                "REGISTRY_MONITOR_ISOLATION=permission-model: a determined program can reach the network past the"
                        + " in-process guard; run where bubblewrap works and use the default, sandbox"));
        return new ComponentHealth("monitors", "Monitor sandbox (Node.js)", MonitorSandbox.DESCRIPTION,
                sandboxed ? HealthStatus.OK : HealthStatus.DEGRADED, Instant.now(), metrics, issues);
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
