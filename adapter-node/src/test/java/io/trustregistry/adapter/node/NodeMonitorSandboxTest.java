package io.trustregistry.adapter.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.trustregistry.core.error.DependencyUnavailableException;
import io.trustregistry.core.model.ComponentHealth;
import io.trustregistry.core.model.HealthStatus;
import io.trustregistry.core.port.out.MonitorSandbox.Ending;
import io.trustregistry.core.port.out.MonitorSandbox.MonitorResult;
import io.trustregistry.core.port.out.MonitorSandbox.MonitorRun;
import io.trustregistry.testkit.NodeRuntime;

/**
 * The sandbox against real Node.js 24 and programs that try what a hostile uploader would. Each
 * attack program exits 0 only if the attack worked, and 7 with the error code when it was
 * refused, so a sandbox that lets one through fails the test. Every address is on 127.0.0.0/8.
 */
class NodeMonitorSandboxTest {

    /** Prints what it was denied and exits 7, or exits 0 ("LEAKED") when {@code attack} succeeded. */
    private static String attack(String attack) {
        return "try { const r = (() => { " + attack + " })(); Promise.resolve(r).then("
                + "() => { console.log('LEAKED'); process.exit(0); },"
                + "(e) => { console.log('refused ' + (e.code || e.message)); process.exit(7); }); }"
                + " catch (e) { console.log('refused ' + (e.code || e.message)); process.exit(7); }";
    }

    @TempDir
    Path temp;
    private Path work;
    private Path node;

    @BeforeEach
    void setUp() {
        node = NodeRuntime.nodeOrSkip();
        work = temp.resolve("monitors");
    }

    @AfterEach
    void nothingLeftBehind() throws IOException {
        if (Files.exists(work)) {
            try (Stream<Path> left = Files.list(work)) {
                assertEquals(List.of(), left.toList(), "every run's directory is deleted");
            }
        }
    }

    private NodeMonitorSandbox sandbox(Duration timeout, int concurrency, String... allowed) {
        return sandbox(NodeMonitorSettings.Isolation.SANDBOX, timeout, concurrency, allowed);
    }

    /** A sandbox of this kind, or the test is skipped saying why one cannot run here. */
    private NodeMonitorSandbox sandbox(NodeMonitorSettings.Isolation isolation, Duration timeout, int concurrency,
                                       String... allowed) {
        NodeMonitorSandbox sandbox = new NodeMonitorSandbox(new NodeMonitorSettings(node, work, timeout, 256L << 20, 4096,
                concurrency, Stream.of(allowed).map(NodeMonitorSettings.AllowedHost::parse).toList(), isolation));
        ComponentHealth health = sandbox.checkHealth();
        Assumptions.assumeTrue(health.status() != HealthStatus.DEGRADED || isolation
                == NodeMonitorSettings.Isolation.PERMISSION_MODEL, () -> "no sandbox here: " + health.issues());
        return sandbox;
    }

    private NodeMonitorSandbox sandbox(String... allowed) {
        return sandbox(Duration.ofSeconds(20), 2, allowed);
    }

    private static MonitorRun run(String program) {
        return new MonitorRun(program, "bert-base", "alice", "bob", out -> out.write("PK-zip-bytes".getBytes()));
    }

    /** The attack did not work, whatever the way it failed (a refusal, an error, a crash). */
    private static void assertBlocked(String attack, MonitorResult result) {
        assertFalse(result.passed(), attack + " worked: " + result);
        assertFalse(result.stdout().contains("LEAKED"), attack + " worked: " + result);
    }

    private static void assertRefused(MonitorResult result) {
        assertEquals(Ending.EXITED, result.ending(), result.toString());
        assertEquals(7, result.exitCode().orElseThrow(), "the attack must be refused: " + result);
        assertTrue(result.stdout().startsWith("refused "), result.stdout());
        assertFalse(result.passed());
    }

    @Test
    void passesTheFourArgumentsAndTheZipAndExitZeroPasses() {
        MonitorResult result = sandbox().run(run("const [, , m, u, d, z] = process.argv;"
                + "console.log(JSON.stringify([m, u, d, require('fs').readFileSync(z, 'utf8')]));"));
        assertTrue(result.passed(), result.toString());
        assertEquals("[\"bert-base\",\"alice\",\"bob\",\"PK-zip-bytes\"]", result.stdout().strip());
    }

    @Test
    void aNonZeroExitFailsAndKeepsTheOutput() {
        MonitorResult result = sandbox().run(run("console.log('policy: bob may not'); process.exit(3);"));
        assertEquals(Ending.EXITED, result.ending());
        assertEquals(3, result.exitCode().orElseThrow());
        assertEquals("policy: bob may not", result.stdout().strip());
        assertFalse(result.passed());
    }

    @Test
    void anEndlessLoopIsKilledAtTheTimeout() {
        MonitorResult result = sandbox(Duration.ofMillis(1500), 1).run(run("console.log('spinning'); for (;;) {}"));
        assertEquals(Ending.TIMED_OUT, result.ending());
        assertTrue(result.exitCode().isEmpty());
        assertTrue(result.elapsed().toMillis() >= 1500 && result.elapsed().toMillis() < 6000, result.elapsed().toString());
        assertFalse(result.passed());
    }

    @Test
    void aProgramThatHoardsMemoryIsStopped() {
        MonitorResult result = new NodeMonitorSandbox(new NodeMonitorSettings(node, work, Duration.ofSeconds(30),
                96L << 20, 4096, 1, List.of(), NodeMonitorSettings.Isolation.SANDBOX)).run(run(
                "const keep = []; for (;;) { keep.push(Buffer.alloc(1 << 20, 1));"
                        + " keep.push(new Array(1 << 16).fill(keep.length)); }"));
        assertEquals(Ending.OUT_OF_MEMORY, result.ending(), result.toString());
        assertFalse(result.passed());
    }

    @Test
    void megabytesOfOutputAreCappedAndTheProgramStillFinishes() {
        MonitorResult result = sandbox().run(run(
                "const line = 'x'.repeat(1023) + '\\n'; for (let i = 0; i < 8192; i++) process.stdout.write(line);"));
        assertTrue(result.passed(), result.toString().substring(0, 200));
        assertEquals(4096, result.stdout().length());
        assertTrue(result.stdoutTruncated());
    }

    @Test
    void filesOutsideTheProgramAndItsZipCannotBeRead() throws IOException {
        Path dataDirectory = Files.createDirectories(temp.resolve("registry-data"));
        Path jwtSecret = Files.writeString(dataDirectory.resolve("jwt-secret"), "s3cr3t");
        NodeMonitorSandbox sandbox = sandbox();
        assertRefused(sandbox.run(run(attack("return require('fs').readFileSync('/etc/passwd', 'utf8');"))));
        assertRefused(sandbox.run(run(attack("return require('fs').readFileSync('" + jwtSecret + "', 'utf8');"))));
        assertRefused(sandbox.run(run(attack("return require('fs').readdirSync('" + dataDirectory + "');"))));
        assertRefused(sandbox.run(run(attack("return require('fs').promises.readFile('" + jwtSecret + "');"))));
        // the run's own directory holds only what the sandbox put there, and is not readable as a whole
        assertRefused(sandbox.run(run(attack("return require('fs').readdirSync('.');"))));
    }

    @Test
    void nothingCanBeWritten() {
        NodeMonitorSandbox sandbox = sandbox();
        assertRefused(sandbox.run(run(attack("require('fs').writeFileSync('note.txt', 'x');"))));
        assertRefused(sandbox.run(run(attack("require('fs').writeFileSync('" + temp.resolve("planted") + "', 'x');"))));
        assertRefused(sandbox.run(run(attack("require('fs').appendFileSync(process.argv[5], 'x');"))));
        assertFalse(Files.exists(temp.resolve("planted")));
    }

    @Test
    void theEnvironmentIsEmpty() {
        MonitorResult result = sandbox().run(run(
                "const keys = Object.keys(process.env); console.log(JSON.stringify(keys)); process.exit(keys.length);"));
        assertTrue(result.passed(), "no variable of the server reaches the program: " + result.stdout());
    }

    @Test
    void noProcessWorkerOrSignalCanBeStarted() {
        NodeMonitorSandbox sandbox = sandbox();
        assertRefused(sandbox.run(run(attack("return require('child_process').execSync('id').toString();"))));
        assertRefused(sandbox.run(run(attack("return require('child_process').spawn('/bin/sh', ['-c', 'id']).pid;"))));
        assertRefused(sandbox.run(run(attack(
                "return new (require('worker_threads').Worker)('process.exit(0)', { eval: true });"))));
        assertRefused(sandbox.run(run(attack("process.kill(process.ppid, 'SIGTERM');"))));
        assertRefused(sandbox.run(run(attack("return process.binding('spawn_sync');"))));
    }

    @Test
    void noConnectionLeavesWhenNoHostIsAllowed() throws Exception {
        try (LoopbackListener other = listener("127.0.0.2")) {
            NodeMonitorSandbox sandbox = sandbox();
            String target = "127.0.0.2:" + other.port();
            assertRefused(sandbox.run(run(attack(
                    "return new Promise((ok, no) => require('net').connect(" + other.port() + ", '127.0.0.2')"
                            + ".on('connect', ok).on('error', no));"))));
            assertRefused(sandbox.run(run(attack("return fetch('http://" + target + "/');"))));
            assertRefused(sandbox.run(run(attack("return require('dns').promises.lookup('exfiltrate.example');"))));
            assertRefused(sandbox.run(run(attack("require('dgram').createSocket('udp4').send('x', 53, '127.0.0.2');"))));
            assertEquals(0, other.accepted(), "nothing reached the listener");
        }
    }

    @Test
    void onlyAllowedHostsAreReachedEvenPastTheNamespace() throws Exception {
        try (LoopbackListener allowed = listener("127.0.0.1"); LoopbackListener other = listener("127.0.0.2")) {
            NodeMonitorSandbox sandbox = sandbox("127.0.0.1:" + allowed.port());
            MonitorResult reached = sandbox.run(run("require('net').connect(" + allowed.port() + ", '127.0.0.1')"
                    + ".on('connect', function () { this.end(); console.log('audited'); process.exit(0); })"
                    + ".on('error', (e) => { console.log(e.code); process.exit(1); });"));
            assertTrue(reached.passed(), reached.toString());
            assertRefused(sandbox.run(run(attack(
                    "return new Promise((ok, no) => require('net').connect(" + other.port() + ", '127.0.0.2')"
                            + ".on('connect', ok).on('error', no));"))));
            assertRefused(sandbox.run(run(attack("return fetch('http://127.0.0.2:" + other.port() + "/');"))));
            assertRefused(sandbox.run(run(attack("return require('http').get('http://127.0.0.2:" + other.port() + "/');"))));
            assertRefused(sandbox.run(run(attack("return require('dns').promises.resolve4('exfiltrate.example');"))));
            assertRefused(sandbox.run(run(attack("return require('net').createServer().listen(0);"))));
            // a lookup of one's own would map the allowed name to another address; the guard drops it
            MonitorResult rerouted = sandbox.run(run("require('net').connect({ host: '127.0.0.1', port: " + allowed.port()
                    + ", lookup: (h, o, cb) => cb(null, '127.0.0.2', 4) })"
                    + ".on('connect', function () { this.end(); process.exit(0); }).on('error', () => process.exit(1));"));
            assertTrue(rerouted.passed(), rerouted.toString());
            assertEquals(0, other.accepted(), "nothing reached the host that is not allowed");
            assertTrue(allowed.accepted() >= 1);
        }
    }

    @Test
    void localSocketsAreRefused() throws Exception {
        Path socket = temp.resolve("daemon.sock");
        try (ServerSocketChannel daemon = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            daemon.bind(UnixDomainSocketAddress.of(socket));
            daemon.configureBlocking(false);
            MonitorResult result = sandbox("127.0.0.1:9").run(run(attack(
                    "return new Promise((ok, no) => require('net').connect('" + socket + "')"
                            + ".on('connect', ok).on('error', no));")));
            assertRefused(result);
            assertEquals(null, daemon.accept(), "no connection reached the local socket");
        }
    }

    @Test
    void aRunWaitsForAFreeSlotOnlyUntilTheTimeout() throws Exception {
        NodeMonitorSandbox sandbox = sandbox(Duration.ofSeconds(1), 1);
        CountDownLatch release = new CountDownLatch(1);
        Thread first = holdTheOnlySlot(sandbox, release);
        DependencyUnavailableException busy = assertThrows(DependencyUnavailableException.class,
                () -> sandbox.run(run("process.exit(0)")));
        assertTrue(busy.getMessage().contains("slots stayed busy"), busy.getMessage());
        release.countDown();
        first.join(Duration.ofSeconds(20));
        assertTrue(sandbox.run(run("process.exit(0)")).passed(), "the slot is free again");
    }

    @Test
    void aZipThatCannotBeWrittenFailsWithoutRunningAndLeavesNothing() {
        AtomicInteger calls = new AtomicInteger();
        UncheckedIOException failed = assertThrows(UncheckedIOException.class, () -> sandbox().run(
                new MonitorRun("console.log('ran')", "m", "a", "b", out -> {
                    calls.incrementAndGet();
                    throw new IOException("the blob store is unreachable");
                })));
        assertTrue(failed.getMessage().contains("the blob store is unreachable"), failed.getMessage());
        assertEquals(1, calls.get());
    }

    @Test
    void aMissingRuntimeIsA503NamingTheSetting() {
        NodeMonitorSandbox sandbox = new NodeMonitorSandbox(new NodeMonitorSettings(temp.resolve("no-node"), work,
                Duration.ofSeconds(5), 256L << 20, 4096, 1, List.of(), NodeMonitorSettings.Isolation.SANDBOX));
        DependencyUnavailableException e = assertThrows(DependencyUnavailableException.class,
                () -> sandbox.run(run("process.exit(0)")));
        assertTrue(e.getMessage().contains("REGISTRY_MONITOR_NODE"), e.getMessage());
        assertEquals(HealthStatus.DEGRADED, sandbox.checkHealth().status());
        assertEquals(HealthStatus.OK, sandbox().checkHealth().status());
    }

    private NodeMonitorSandbox sandboxAt(Path runtime, Path workDirectory, NodeMonitorSettings.Isolation isolation,
                                         String... allowed) {
        return new NodeMonitorSandbox(new NodeMonitorSettings(runtime, workDirectory, Duration.ofSeconds(20), 256L << 20,
                4096, 1, Stream.of(allowed).map(NodeMonitorSettings.AllowedHost::parse).toList(), isolation));
    }

    /** Why a run fails, and that health says the same. */
    private static String refusal(NodeMonitorSandbox sandbox) {
        DependencyUnavailableException e = assertThrows(DependencyUnavailableException.class,
                () -> sandbox.run(run("process.exit(0)")));
        ComponentHealth health = sandbox.checkHealth();
        assertEquals(HealthStatus.DEGRADED, health.status());
        assertEquals("monitor programs cannot run: " + health.issues().get(0).details(), e.getMessage());
        return e.getMessage();
    }

    @Test
    void aRuntimeNamedWithoutADirectoryIsLookedUpOnThePathAndNamedWhenAbsent() {
        assertEquals("monitor programs cannot run: Node.js 24 was not found at 'no-such-node-24' (no 'no-such-node-24'"
                + " on PATH); install it (scripts/install-node.sh) and set REGISTRY_MONITOR_NODE to its path",
                refusal(sandboxAt(Path.of("no-such-node-24"), work, NodeMonitorSettings.Isolation.SANDBOX)));
    }

    /** A runtime that is there but broken (a missing library, a binary for another machine) says how it failed. */
    @Test
    void aRuntimeThatCannotAnswerItsVersionIsNamedWithItsOutput() throws IOException {
        Path broken = temp.resolve("node");
        Files.writeString(broken, "#!/bin/sh\necho 'error while loading shared libraries: libatomic.so.1' >&2\nexit 127\n");
        assertTrue(broken.toFile().setExecutable(true));
        assertEquals("monitor programs cannot run: Node.js 24 was not found at '" + broken + "' (" + broken.toRealPath()
                + " exited 127: error while loading shared libraries: libatomic.so.1); install it"
                + " (scripts/install-node.sh) and set REGISTRY_MONITOR_NODE to its path",
                refusal(sandboxAt(broken, work, NodeMonitorSettings.Isolation.SANDBOX)));
    }

    /**
     * A version manager's shim (nvm, asdf, volta: a shell script) answers on the host, but inside
     * the sandbox there is no shell to run it: no monitor can run, and the sandbox says so at start.
     */
    @Test
    void aRuntimeThatWorksOnlyOutsideTheSandboxIsRefusedAtStart() throws IOException {
        Path shim = temp.resolve("node");
        Files.writeString(shim, "#!/bin/sh\nexec " + node.toRealPath() + " \"$@\"\n");
        assertTrue(shim.toFile().setExecutable(true));
        String message = refusal(sandboxAt(shim, work, NodeMonitorSettings.Isolation.SANDBOX));
        assertTrue(message.startsWith("monitor programs cannot run: bubblewrap (bwrap) could not make a sandbox here ("),
                message);
        assertTrue(message.endsWith("or set REGISTRY_MONITOR_ISOLATION=permission-model to run monitors under Node's"
                + " permission model alone (weaker: see docs/architecture.md)"), message);
        assertTrue(sandboxAt(shim, work, NodeMonitorSettings.Isolation.PERMISSION_MODEL).run(run("process.exit(0)"))
                .passed(), "outside a sandbox the shim works");
    }

    /** Programs are written there: a directory others may write, or no directory at all, is refused. */
    @Test
    void aWorkDirectoryOthersMayWriteOrThatIsAFileIsRefused() throws IOException {
        Path shared = Files.createDirectory(temp.resolve("shared"));
        Files.setPosixFilePermissions(shared, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        String me = System.getProperty("user.name");
        assertEquals("monitor programs cannot run: the monitor work directory " + shared + " must be a directory owned by "
                + me + " that no one else may write (REGISTRY_MONITOR_WORK_DIR)",
                refusal(sandboxAt(node, shared, NodeMonitorSettings.Isolation.PERMISSION_MODEL)));
        Path file = Files.writeString(temp.resolve("a-file"), "not a directory");
        assertEquals("monitor programs cannot run: the monitor work directory " + file + " must be a directory owned by "
                + me + " that no one else may write (REGISTRY_MONITOR_WORK_DIR)",
                refusal(sandboxAt(node, file, NodeMonitorSettings.Isolation.PERMISSION_MODEL)));
        Path underFile = file.resolve("monitors");
        String message = refusal(sandboxAt(node, underFile, NodeMonitorSettings.Isolation.PERMISSION_MODEL));
        assertTrue(message.startsWith("monitor programs cannot run: the monitor work directory " + underFile
                + " cannot be used (") && message.endsWith("); set REGISTRY_MONITOR_WORK_DIR"), message);
    }

    /**
     * The relay's socket lies in the run's directory, and a Unix socket's path is short: with a
     * host allowed, a work directory too deep for it is refused at start (it failed every run
     * while health said all was well); without one no socket is needed.
     */
    @Test
    void aWorkDirectoryTooDeepForTheRelaysSocketIsRefusedWhenHostsAreAllowed() throws IOException {
        String base = temp.toAbsolutePath().toString();
        int room = 106 - "/run-".length() - 20 - "/egress.sock".length();
        Path fits = temp.toAbsolutePath().resolve("w".repeat(room - base.length() - 1));
        Path tooDeep = temp.toAbsolutePath().resolve("w".repeat(room - base.length()));
        assertEquals("monitor programs cannot run: the monitor work directory " + tooDeep + " is too long a path ("
                + (room + 1) + " bytes) for the socket to the egress relay that allowed hosts need (at most " + room
                + " bytes); set REGISTRY_MONITOR_WORK_DIR to a shorter one",
                refusal(sandboxAt(node, tooDeep, NodeMonitorSettings.Isolation.PERMISSION_MODEL, "127.0.0.1:9")));
        assertTrue(sandboxAt(node, tooDeep, NodeMonitorSettings.Isolation.PERMISSION_MODEL).run(run("process.exit(0)"))
                .passed(), "no host allowed, no socket");
        try (LoopbackListener allowed = listener("127.0.0.1")) {
            MonitorResult reached = sandboxAt(node, fits, NodeMonitorSettings.Isolation.PERMISSION_MODEL,
                    "127.0.0.1:" + allowed.port()).run(run("require('net').connect(" + allowed.port() + ", '127.0.0.1')"
                    + ".on('connect', function () { this.end(); process.exit(0); }).on('error', () => process.exit(1));"));
            assertTrue(reached.passed(), reached.toString());
            assertEquals(1, allowed.accepted());
        }
    }

    /** With room in the process limits, V8's own heap limit (half the memory) ends the program first. */
    @Test
    void aProgramThatFillsItsJavaScriptHeapEndsOutOfMemory() {
        MonitorResult result = sandbox(Duration.ofSeconds(60), 1).run(run(
                "const keep = []; for (;;) { keep.push({ n: keep.length, s: 'item ' + keep.length }); }"));
        assertEquals(Ending.OUT_OF_MEMORY, result.ending(), result.toString());
        assertTrue(result.exitCode().isEmpty(), result.toString());
        assertTrue(result.stderr().contains("heap out of memory"), result.stderr());
        assertFalse(result.passed());
    }

    /** A server shutting down interrupts its request threads: a run waiting for a slot gives up at once. */
    @Test
    void aRunInterruptedWhileWaitingForASlotGivesUp() throws Exception {
        NodeMonitorSandbox sandbox = sandbox(Duration.ofSeconds(20), 1);
        CountDownLatch release = new CountDownLatch(1);
        Thread first = holdTheOnlySlot(sandbox, release);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread second = Thread.ofVirtual().start(() -> {
            try {
                sandbox.run(run("process.exit(0)"));
            } catch (RuntimeException e) {
                failure.set(e);
            }
        });
        second.interrupt();
        assertTrue(second.join(Duration.ofSeconds(5)), "the interrupted run returned");
        assertTrue(failure.get() instanceof DependencyUnavailableException, String.valueOf(failure.get()));
        assertEquals("interrupted while waiting for a monitor slot", failure.get().getMessage());
        release.countDown();
        assertTrue(first.join(Duration.ofSeconds(20)));
    }

    /** An interrupt while the program runs kills it (and what it started) and still deletes its directory. */
    @Test
    void aRunInterruptedWhileTheProgramRunsKillsIt() throws Exception {
        NodeMonitorSandbox sandbox = sandbox(Duration.ofSeconds(30), 1);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread runner = Thread.ofVirtual().start(() -> {
            try {
                sandbox.run(run("setTimeout(() => process.exit(0), 60000);"));
            } catch (RuntimeException e) {
                failure.set(e);
            }
        });
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (ProcessHandle.current().children().findAny().isEmpty() && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        Thread.sleep(500);
        List<ProcessHandle> started = ProcessHandle.current().descendants().toList();
        assertFalse(started.isEmpty(), "the program started");
        runner.interrupt();
        assertTrue(runner.join(Duration.ofSeconds(10)));
        assertTrue(failure.get() instanceof DependencyUnavailableException, String.valueOf(failure.get()));
        assertEquals("interrupted while a monitor ran", failure.get().getMessage());
        for (ProcessHandle p : started) {
            assertFalse(running(p), "still running: " + stat(p));
        }
    }

    /**
     * Whether a process still runs: a zombie (killed, not yet reaped, where the container's init
     * does not reap) has ended, though {@link ProcessHandle#isAlive()} still sees it.
     */
    private static String stat(ProcessHandle process) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline")).replace('\0', ' ');
        } catch (IOException gone) {
            return process.pid() + " (gone)";
        }
    }

    private static boolean running(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return process.isAlive() && state != 'Z' && state != 'X';
        } catch (IOException gone) {
            return false;
        }
    }

    /**
     * What a security review got past the in-process guard alone: replaced built-ins, raw socket
     * handles, getters that answer twice, a lookup that cannot be removed, SQLite files outside the
     * program's two, shared memory, Unix sockets, another process's priority. In the sandbox,
     * with a host allowed (the hardest case: there is a way out, the relay), none of them works.
     */
    @Test
    void whatGotPastTheGuardAloneGetsNowhereInTheSandbox() throws Exception {
        Path secretDb = temp.resolve("secret.db");
        Path planted = temp.resolve("planted.db");
        Path daemon = temp.resolve("daemon.sock");
        try (LoopbackListener allowed = listener("127.0.0.1"); LoopbackListener other = listener("127.0.0.2");
             ServerSocketChannel local = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            local.bind(UnixDomainSocketAddress.of(daemon));
            local.configureBlocking(false);
            // a real database outside the program's two files, made by Node itself (node:sqlite)
            Process made = new ProcessBuilder(node.toString(), "-e", "new (require('node:sqlite').DatabaseSync)("
                    + quote(secretDb) + ").exec(\"create table s(v); insert into s values ('TOP-SECRET')\")").start();
            assertEquals(0, made.waitFor(), new String(made.getErrorStream().readAllBytes()));
            NodeMonitorSandbox sandbox = sandbox("127.0.0.1:" + allowed.port(), "localhost:" + allowed.port());
            String to = "'127.0.0.2', " + other.port();
            String dial = "new Promise((ok, no) => require('net').connect(" + other.port() + ", '127.0.0.2')"
                    + ".on('connect', ok).on('error', no))";
            Map<String, String> attacks = new LinkedHashMap<>();
            attacks.put("replaced built-ins", "Array.prototype.some = () => true;"
                    + " String.prototype.toLowerCase = function () { return '127.0.0.1'; }; return " + dial + ";");
            attacks.put("a raw TCP handle", "const TCP = require('net')._createServerHandle('127.0.0.1', 0, 4).constructor;"
                    + " const h = new TCP(0); return new Promise((ok, no) => { const req = new TCP(0);"
                    + " req.oncomplete = (s) => s === 0 ? ok() : no(new Error('connect ' + s));"
                    + " const r = h.connect(req, " + to + "); if (r !== 0) no(new Error('connect ' + r)); });");
            attacks.put("a raw UDP handle", "const s = require('dgram').createSocket('udp4');"
                    + " s.send('x', " + other.port() + ", '127.0.0.2');");
            attacks.put("a host getter that answers twice", "let n = 0; return new Promise((ok, no) => require('net')"
                    + ".connect({ get host() { return ++n < 3 ? '127.0.0.1' : '127.0.0.2'; }, port: " + other.port() + " })"
                    + ".on('connect', function () { ok(); }).on('error', no));");
            attacks.put("a lookup that cannot be removed", "const o = { host: 'localhost', port: " + other.port() + " };"
                    + " Object.defineProperty(o, 'lookup', { get: () => (h, opts, cb) => cb(null, '127.0.0.2', 4),"
                    + " set: () => {}, enumerable: true }); return new Promise((ok, no) => require('net').connect(o)"
                    + ".on('connect', function () { this.remoteAddress === '127.0.0.2' ? ok() : no(new Error('relayed')); })"
                    + ".on('error', no));");
            attacks.put("a SQLite file outside", "const { DatabaseSync } = require('node:sqlite');"
                    + " const v = new DatabaseSync(" + quote(secretDb) + ", { readOnly: true })"
                    + ".prepare('select v from s').get().v;"
                    + " console.log(v);");
            attacks.put("a SQLite file written outside", "const { DatabaseSync } = require('node:sqlite');"
                    + " new DatabaseSync(':memory:').exec(\"VACUUM INTO " + quote(planted) + "\");");
            attacks.put("shared memory", "const { DatabaseSync } = require('node:sqlite');"
                    + " new DatabaseSync('/dev/shm/hoard.db').exec('create table t(x)');");
            attacks.put("a Unix socket of the host", "return new Promise((ok, no) => require('net').connect("
                    + quote(daemon) + ").on('connect', ok).on('error', no));");
            attacks.put("a bound socket", "new (require('net').BoundSocket)({ path: '\\0abstract' });");
            attacks.put("another process's priority", "require('os').setPriority(process.ppid, 19);");
            for (Map.Entry<String, String> attack : attacks.entrySet()) {
                MonitorResult result = sandbox.run(run(attack(attack.getValue())));
                assertBlocked(attack.getKey(), result);
                assertFalse(result.stdout().contains("TOP-SECRET"), attack.getKey() + " read the database: " + result);
            }
            assertEquals(0, other.accepted(), "nothing reached the host that is not allowed");
            assertFalse(Files.exists(planted), "nothing was written outside");
            assertEquals(null, local.accept(), "nothing reached the host's Unix socket");
            // and the way out that is allowed still works, by name and by address, with TLS's plaintext beneath
            MonitorResult byName = sandbox.run(run("fetch('http://localhost:" + allowed.port() + "/audit')"
                    + ".then((r) => { console.log('audited ' + r.status); process.exit(0); })"
                    + ".catch((e) => { console.log(String(e.cause || e)); process.exit(1); });"));
            assertTrue(byName.passed(), byName.toString());
            assertTrue(allowed.accepted() >= 1);
        }
    }

    /**
     * The sandbox's kernel layers on their own, with no permission model and no guard in the way:
     * the host's files are not there, nothing is writable, no address and no Unix socket of the
     * host is reachable, the server's process is not visible, the environment is empty.
     */
    @Test
    void theSandboxHoldsWithoutThePermissionModelAndTheGuard() throws Exception {
        Path daemon = temp.resolve("daemon.sock");
        try (LoopbackListener other = listener("127.0.0.2");
             ServerSocketChannel local = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            local.bind(UnixDomainSocketAddress.of(daemon));
            local.configureBlocking(false);
            sandbox(Duration.ofSeconds(20), 1);
            NodeMonitorSandbox bare = NodeMonitorSandbox.kernelLayersOnly(new NodeMonitorSettings(node, work,
                    Duration.ofSeconds(20), 256L << 20, 4096, 1, List.of(), NodeMonitorSettings.Isolation.SANDBOX));
            Map<String, String> attacks = new LinkedHashMap<>();
            attacks.put("/etc/passwd", "return require('fs').readFileSync('/etc/passwd', 'utf8');");
            attacks.put("the data directory", "return require('fs').readdirSync(" + quote(temp) + ");");
            attacks.put("a write", "require('fs').writeFileSync('/monitor/planted', 'x');");
            attacks.put("a write to /tmp", "require('fs').mkdirSync('/tmp/x', { recursive: true });");
            attacks.put("a connection", "return new Promise((ok, no) => require('net').connect(" + other.port()
                    + ", '127.0.0.2').on('connect', ok).on('error', no));");
            attacks.put("a Unix socket of the host", "return new Promise((ok, no) => require('net').connect("
                    + quote(daemon) + ").on('connect', ok).on('error', no));");
            attacks.put("the server's process",
                    "const p = process.ppid; if (p > 1) process.kill(p, 0); else throw new Error('no parent');");
            for (Map.Entry<String, String> attack : attacks.entrySet()) {
                MonitorResult result = bare.run(run(attack(attack.getValue())));
                assertEquals(7, result.exitCode().orElse(-1), attack.getKey() + " was not refused: " + result);
            }
            MonitorResult env = bare.run(run("process.exit(Object.keys(process.env).length)"));
            assertTrue(env.passed(), "empty environment: " + env);
            assertEquals(0, other.accepted());
            assertEquals(null, local.accept());
        }
    }

    /**
     * The relay is where allowed hosts are enforced: a program that skips the guard and writes its
     * own destination line reaches only an allowed host (the sandbox has no other network).
     */
    @Test
    void theRelayItselfConnectsToAllowedHostsOnly() throws Exception {
        try (LoopbackListener allowed = listener("127.0.0.1"); LoopbackListener other = listener("127.0.0.2")) {
            sandbox(Duration.ofSeconds(20), 1);
            NodeMonitorSandbox bare = NodeMonitorSandbox.kernelLayersOnly(new NodeMonitorSettings(node, work,
                    Duration.ofSeconds(20), 256L << 20, 4096, 1,
                    List.of(NodeMonitorSettings.AllowedHost.parse("127.0.0.1:" + allowed.port())),
                    NodeMonitorSettings.Isolation.SANDBOX));
            String viaRelay = "return new Promise((ok, no) => { const s = require('net').connect('/monitor/egress.sock');"
                    + " s.on('connect', () => s.write(DEST + '\\n')); s.on('data', (d) => { console.log(String(d).trim());"
                    + " ok(); }); s.on('close', () => no(new Error('closed by the relay'))); s.on('error', no); });";
            MonitorResult refused = bare.run(run(attack("const DEST = '127.0.0.2:" + other.port() + "'; " + viaRelay)));
            assertEquals(7, refused.exitCode().orElse(-1), refused.toString());
            assertTrue(refused.stdout().contains("closed by the relay"), refused.stdout());
            MonitorResult garbage = bare.run(run(attack("const DEST = 'x'.repeat(5000); " + viaRelay)));
            assertEquals(7, garbage.exitCode().orElse(-1), garbage.toString());
            MonitorResult through = bare.run(run(attack("const DEST = '127.0.0.1:" + allowed.port() + "'; " + viaRelay)));
            assertTrue(through.stdout().startsWith("HTTP/1.1 200"), through.toString());
            assertEquals(0, other.accepted(), "the relay connected nowhere it may not");
            assertEquals(1, allowed.accepted());
        }
    }

    /**
     * A second review's attacks: a socket with a fake handle of its own, to catch a real connect
     * request; with it, a program dialled itself 1,500 times and piled data up in kernel buffers
     * no resident-memory count sees, or (without the sandbox) dialled a host not allowed.
     */
    @Test
    void aFakeHandleCatchesNoConnectRequest() throws Exception {
        try (LoopbackListener allowed = listener("127.0.0.1"); LoopbackListener other = listener("127.0.0.2")) {
            String fake = "const s = new (require('net').Socket)(); let caught;"
                    + " s._handle = { connect(req) { caught = req; return 0; }, readStart() {}, readStop() {}, close() {},"
                    + " setNoDelay() {}, ref() {}, unref() {}, getAsyncId() { return 1; } };"
                    + " s.connect(" + allowed.port() + ", '127.0.0.1');"
                    + " if (!caught) throw new Error('no request caught');";
            String hoard = fake + " const Pipe = process.stdout._handle.constructor; const server = new Pipe(1);"
                    + " if (server.bind('\\0hoard') !== 0) throw new Error('bind refused');";
            String dial = fake + " const TCP = process.stdout._handle.constructor; const h = new TCP(0);"
                    + " return new Promise((ok, no) => { const r = new caught.constructor(); r.oncomplete = (st) => st === 0"
                    + " ? ok() : no(new Error('status ' + st)); const e = h.connect(r, '127.0.0.2', " + other.port() + ");"
                    + " if (e !== 0) no(new Error('connect ' + e)); });";
            for (NodeMonitorSettings.Isolation isolation : NodeMonitorSettings.Isolation.values()) {
                NodeMonitorSandbox sandbox = sandbox(isolation, Duration.ofSeconds(20), 1, "127.0.0.1:" + allowed.port());
                assertRefused(sandbox.run(run(attack(fake))));
                assertBlocked("hoarding in kernel buffers (" + isolation + ")", sandbox.run(run(attack(hoard))));
                assertBlocked("dialling past the relay (" + isolation + ")", sandbox.run(run(attack(dial))));
                // with a stdout pipe's own class, too: it dials the relay and nothing else
                assertRefused(sandbox.run(run(attack("const Pipe = process.stdout._handle.constructor;"
                        + " return new Pipe(0).connect({}, '/var/run/postgresql/.s.PGSQL.5432');"))));
            }
            assertEquals(0, other.accepted());
        }
    }

    @Test
    void withoutTheSandboxTheGuardStillRefusesWhatItCan() throws Exception {
        try (LoopbackListener allowed = listener("127.0.0.1"); LoopbackListener other = listener("127.0.0.2")) {
            NodeMonitorSandbox weak = sandbox(NodeMonitorSettings.Isolation.PERMISSION_MODEL, Duration.ofSeconds(20), 1,
                    "127.0.0.1:" + allowed.port());
            assertEquals(HealthStatus.DEGRADED, weak.checkHealth().status(), "health says it is weaker");
            String dial = "new Promise((ok, no) => require('net').connect(" + other.port() + ", '127.0.0.2')"
                    + ".on('connect', ok).on('error', no))";
            assertRefused(weak.run(run(attack("return " + dial + ";"))));
            assertRefused(weak.run(run(attack("Array.prototype.some = () => true; return " + dial + ";"))));
            assertRefused(weak.run(run(attack("return require('net')._createServerHandle('127.0.0.1', 0, 4);"))));
            assertRefused(weak.run(run(attack("require('os').setPriority(process.ppid, 19);"))));
            assertRefused(weak.run(run(attack("return require('fs').readFileSync('/etc/passwd');"))));
            assertRefused(weak.run(run(attack("new (require('node:sqlite').DatabaseSync)(':memory:');"))));
            MonitorResult reached = weak.run(run("require('net').connect(" + allowed.port() + ", '127.0.0.1')"
                    + ".on('connect', function () { this.end(); process.exit(0); }).on('error', () => process.exit(1));"));
            assertTrue(reached.passed(), reached.toString());
            assertEquals(0, other.accepted());
        }
    }

    private static String quote(Path path) {
        return "'" + path.toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    @Test
    void anIsolationSettingThatIsNeitherIsNamed() {
        assertEquals(NodeMonitorSettings.Isolation.PERMISSION_MODEL, NodeMonitorSettings.Isolation.parse(" Permission-Model "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NodeMonitorSettings.Isolation.parse("none"));
        assertEquals("must be sandbox or permission-model, not 'none'", e.getMessage());
    }

    @Test
    void allowedHostsParseAndBadOnesAreNamed() {
        assertEquals(new NodeMonitorSettings.AllowedHost("audit.example.org", 443),
                NodeMonitorSettings.AllowedHost.parse(" Audit.Example.org:443 "));
        assertEquals(new NodeMonitorSettings.AllowedHost("::1", 8080), NodeMonitorSettings.AllowedHost.parse("[::1]:8080"));
        assertEquals(0, NodeMonitorSettings.AllowedHost.parse("audit").port());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NodeMonitorSettings.AllowedHost.parse("http://audit/"));
        assertTrue(e.getMessage().contains("http://audit/"));
    }

    /** An audit server on HTTPS (a certificate made here for localhost): TLS goes through the relay too. */
    @Test
    void anAllowedHostIsReachedOverTlsThroughTheRelay() throws Exception {
        Path keystore = temp.resolve("audit.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process made = new ProcessBuilder(keytool, "-genkeypair", "-alias", "audit", "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost", "-validity", "2", "-keystore",
                keystore.toString(), "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        assertEquals(0, made.waitFor(), new String(made.getInputStream().readAllBytes()));
        Process exported = new ProcessBuilder(keytool, "-exportcert", "-rfc", "-alias", "audit", "-keystore",
                keystore.toString(), "-storepass", "changeit").start();
        String pem = new String(exported.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        assertEquals(0, exported.waitFor());
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        javax.net.ssl.KeyManagerFactory keys = javax.net.ssl.KeyManagerFactory.getInstance("PKIX");
        keys.init(store, "changeit".toCharArray());
        javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        com.sun.net.httpserver.HttpsServer audit = com.sun.net.httpserver.HttpsServer.create(
                new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        audit.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls));
        List<String> reports = new java.util.concurrent.CopyOnWriteArrayList<>();
        audit.createContext("/audit", exchange -> {
            reports.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        audit.start();
        try {
            int port = audit.getAddress().getPort();
            NodeMonitorSandbox sandbox = sandbox("localhost:" + port);
            MonitorResult result = sandbox.run(run("const req = require('https').request({ host: 'localhost', port: " + port
                    + ", path: '/audit', method: 'POST', ca: " + jsString(pem) + " }, (res) => {"
                    + " console.log('tls ' + res.statusCode + ' authorized=' + res.socket.authorized);"
                    + " process.exit(res.statusCode === 204 ? 0 : 1); });"
                    + " req.on('error', (e) => { console.log(String(e)); process.exit(1); });"
                    + " req.end('downloaded by ' + process.argv[4]);"));
            assertTrue(result.passed(), result.toString());
            assertEquals("tls 204 authorized=true", result.stdout().strip());
            assertEquals(List.of("downloaded by bob"), reports);
        } finally {
            audit.stop(0);
        }
    }

    private static String jsString(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n").replace("\r", "") + "'";
    }

    /** A TCP listener on a loopback address that counts what reaches it. */
    /** A host on {@code loopback} answering HTTP 200 and counting its connections. */
    private static LoopbackListener listener(String loopback) throws IOException {
        return LoopbackListener.on(loopback, LoopbackListener.OK);
    }

    /**
     * Starts a run that holds {@code sandbox}'s only slot (its zip is being written) until
     * {@code release} counts down, and returns once it holds it.
     */
    private static Thread holdTheOnlySlot(NodeMonitorSandbox sandbox, CountDownLatch release)
            throws InterruptedException {
        CountDownLatch holding = new CountDownLatch(1);
        Thread first = Thread.ofVirtual().start(() -> sandbox.run(new MonitorRun("process.exit(0)", "m", "a", "b", out -> {
            holding.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        })));
        assertTrue(holding.await(10, TimeUnit.SECONDS));
        return first;
    }
}
