package io.trustregistry.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.trustregistry.adapter.filesystem.AtomicFiles;
import io.trustregistry.app.Drill.Expect;
import io.trustregistry.app.Drill.Load;
import io.trustregistry.app.Drill.Op;
import io.trustregistry.app.Drill.Outcome;
import io.trustregistry.app.Drill.Phase;
import io.trustregistry.testkit.FakeHub;
import io.trustregistry.testkit.HubFixtures;

/**
 * The disaster drill for a full disk under the filesystem store, with a real one: the server
 * runs in a bubblewrap sandbox whose data directory is a tmpfs of {@value #DISK_MIB} MiB, and
 * the drill fills it (a ballast file written into the sandbox through {@code /proc/<pid>/root},
 * as another process or a log would) while eight clients read, search, register and download.
 * Writes fail with ENOSPC, which the registry answers 503 naming the disk and what to do (the
 * contract lists no 507, and 503 is what every other lost dependency answers: clients retry it);
 * reads go on until their token's reserved calls run out (token uses are recorded on that disk),
 * then answer the same 503; nothing half-written stays (no partial blob or record, nothing left in
 * {@code tmp/}); deleting the ballast brings registrations back without a restart.
 */
@Tag("e2e")
class DiskFullDrillTest {

    static final int DISK_MIB = 96;
    private static final int CLIENTS = 8;

    private Path work;
    private FakeHub hub;
    private ServerProcess server;
    private Path disk;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(bubblewrapWorks(), "bubblewrap (bwrap) is not installed or cannot make a sandbox here;"
                + " install the bubblewrap package to run the full-disk drill");
        work = Files.createTempDirectory("registry-disk-drill-");
        disk = work.resolve("disk");
        Files.createDirectories(disk);
        hub = FakeHub.serving(HubFixtures.standard());
        Map<String, String> env = new HashMap<>(StorageOutageDrillTest.loadSettings());
        env.put("REGISTRY_BUNDLE_MAX_BYTES", Long.toString(64L << 20));
        env.put("REGISTRY_BUNDLE_SMALL_FILE_BYTES", Long.toString(4L << 20));
        server = ServerProcess.start(List.of("bwrap", "--dev-bind", "/", "/", "--size",
                Long.toString((long) DISK_MIB << 20), "--tmpfs", disk.toString(), "--die-with-parent"), "256m", hub, work,
                disk.resolve("registry"), env);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
        if (hub != null) {
            hub.close();
        }
        if (work != null) {
            AtomicFiles.deleteRecursively(work);
        }
    }

    private static boolean bubblewrapWorks() {
        try {
            Process probe = new ProcessBuilder("bwrap", "--dev-bind", "/", "/", "--size", "1048576", "--tmpfs",
                    "/tmp", "true").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The sandbox's data disk as seen from outside it: through the server JVM's root. */
    private Path inside(Path path) {
        return Path.of("/proc/" + server.jvm().pid() + "/root" + path);
    }

    @Test
    void aFullDiskRefusesWritesWith503AndRecoversWhenSpaceIsFreed() throws Exception {
        Api api = server.api;
        String token = api.admin();
        String seed = api.register(token, "model", "https://huggingface.co/acme/tiny-model");
        assertTrue(Files.isDirectory(inside(disk.resolve("registry"))), "the sandbox's disk is visible from outside");
        List<Op> mix = StorageOutageDrillTest.mix(token, seed);
        Map<String, Expect> expect = new HashMap<>();
        // token uses are reserved on disk 50 at a time (a crash never grants a token extra calls): once its
        // reservation runs out, every call of a token needs the disk too
        for (Op op : mix) {
            expect.put(op.name(), Expect.either(503, "disk is full", "REGISTRY_DATA_DIR", "free space"));
        }
        expect.put("register", Expect.failure(503, "disk is full", "REGISTRY_DATA_DIR", "free space"));
        Path ballast = inside(disk.resolve("ballast"));
        Duration noticed;
        Duration recovery;
        long ballastBytes;
        Load load = new Load(api, CLIENTS, mix);
        try {
            load.runFor(Duration.ofSeconds(1));
            assertTrue(!Drill.component(api.get("/health/components", null).expect(200).json(), "blob-store")
                    .equals("critical"), "the disk is not full yet");
            ballastBytes = fill(ballast);
            load.enter(Phase.OUTAGE);
            noticed = Load.awaitTrue(Duration.ofSeconds(2), "disk full reported", () -> Drill.component(
                    api.get("/health/components", null).expect(200).json(), "blob-store").equals("critical"));
            long end = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < end) {
                Drill.assertHealth(api, "blob-store", "critical", Duration.ofSeconds(2));
                Drill.pause(300);
            }
            load.enter(Phase.RECOVERY);
            Files.delete(ballast);
            recovery = Load.awaitTrue(Duration.ofSeconds(15), "recovery", () -> load.outcomes().stream()
                    .anyMatch(o -> o.started() == Phase.RECOVERY && o.op().equals("register") && o.ok()));
            Drill.assertHealth(api, "blob-store", "degraded", Duration.ofSeconds(2));
            load.enter(Phase.AFTER);
            load.runFor(Duration.ofSeconds(1));
        } finally {
            load.close();
        }
        List<Outcome> outcomes = load.outcomes();
        System.out.println("drill disk full: " + (ballastBytes >> 20) + " MiB of ballast filled the " + DISK_MIB
                + " MiB disk; health reported it " + noticed.toMillis() + " ms later; a registration succeeded "
                + recovery.toMillis() + " ms after the ballast went\n" + Drill.summary(outcomes)
                + "sample register: " + Drill.sampleMessage(outcomes, "register", 503));
        Drill.judge(outcomes, expect, Duration.ofSeconds(1), 3);
        Drill.assertNothingHalfWritten(api, token, outcomes, Set.of(seed));
        try (Stream<Path> leftovers = Files.list(inside(disk.resolve("registry/tmp")))) {
            assertEquals(List.of(), leftovers.toList(), "no unfinished write is left behind");
        }
        assertTrue(server.log().contains("disk is full"), "the log says what happened");
    }

    /** Writes {@code file} until the disk refuses; returns how much it took. */
    private static long fill(Path file) throws IOException {
        byte[] chunk = new byte[1 << 20];
        long written = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            while (written < ((long) DISK_MIB << 20) + (1L << 20)) {
                out.write(chunk);
                written += chunk.length;
            }
        } catch (IOException full) {
            assertTrue(String.valueOf(full.getMessage()).contains("No space left"), full.toString());
            return written;
        }
        throw new AssertionError("wrote " + written + " bytes on a " + DISK_MIB + " MiB disk without filling it");
    }
}
