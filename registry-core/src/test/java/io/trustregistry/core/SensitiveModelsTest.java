package io.trustregistry.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.trustregistry.core.error.ConflictException;
import io.trustregistry.core.error.DependencyUnavailableException;
import io.trustregistry.core.error.DownloadRejectedException;
import io.trustregistry.core.error.InvalidRequestException;
import io.trustregistry.core.error.NotFoundException;
import io.trustregistry.core.error.PermissionDeniedException;
import io.trustregistry.core.model.ArtifactId;
import io.trustregistry.core.model.ArtifactRecord;
import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.model.AuditAction;
import io.trustregistry.core.model.AuditEntry;
import io.trustregistry.core.model.ComponentHealth;
import io.trustregistry.core.model.DownloadAspect;
import io.trustregistry.core.model.DownloadCheck;
import io.trustregistry.core.model.MonitorProgram;
import io.trustregistry.core.model.Permission;
import io.trustregistry.core.model.Principal;
import io.trustregistry.core.model.SourceEvidence;
import io.trustregistry.core.model.SourceFile;
import io.trustregistry.core.model.SourceKind;
import io.trustregistry.core.port.in.DownloadPlan;
import io.trustregistry.core.port.in.RegisterArtifactUseCase;
import io.trustregistry.core.port.in.RegisterUserUseCase;
import io.trustregistry.core.port.in.SensitiveModelsUseCase;
import io.trustregistry.core.port.in.UpdateArtifactUseCase;
import io.trustregistry.core.port.out.MonitorSandbox;
import io.trustregistry.core.port.out.MonitorSandbox.Ending;
import io.trustregistry.core.port.out.MonitorSandbox.MonitorResult;

/**
 * The rules of sensitive models, with a sandbox that records what it is asked to run and answers
 * as a test says (the real one, under Node.js, is adapter-node's): who may change what, that every
 * download of a sensitive model passes its monitor first over the very zip it serves, and that each
 * attempt, whatever its end, is a line of the history.
 */
class SensitiveModelsTest {

    /** What the sandbox saw of each run: the arguments and the zip's bytes. */
    private record Seen(String program, String model, String uploader, String downloader, byte[] zip) {
    }

    private final List<Seen> runs = new ArrayList<>();
    private Function<Seen, MonitorResult> answer = seen -> exited(0, "ok");
    private final TestRegistry t = new TestRegistry(RegistrySettings.defaults(), new MonitorSandbox() {
        @Override
        public MonitorResult run(MonitorRun run) {
            ByteArrayOutputStream zip = new ByteArrayOutputStream();
            try {
                run.zip().writeTo(zip);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Seen seen = new Seen(run.program(), run.modelName(), run.uploader(), run.downloader(), zip.toByteArray());
            runs.add(seen);
            return answer.apply(seen);
        }

        @Override
        public ComponentHealth checkHealth() {
            throw new UnsupportedOperationException();
        }
    });
    private final Principal admin = t.admin();
    private final SensitiveModelsUseCase sensitive = t.registry.sensitiveModels();

    private static MonitorResult exited(int code, String stdout) {
        return new MonitorResult(Ending.EXITED, Optional.of(code), stdout, false, "", Duration.ofMillis(40));
    }

    private ArtifactRecord register(boolean asSensitive) {
        String url = "https://huggingface.co/acme/guarded";
        byte[] weights = "weights".getBytes(StandardCharsets.UTF_8);
        t.hub.publish(url, SourceEvidence.builder(SourceKind.HUGGING_FACE_MODEL, url, "guarded").hubId("acme/guarded")
                .files(List.of(new SourceFile("model.safetensors", weights.length, Optional.empty())))
                .totalSizeBytes(weights.length).build());
        t.hub.publishFile(url, "model.safetensors", weights);
        return t.registry.registerArtifact().register(admin,
                new RegisterArtifactUseCase.Command(ArtifactType.MODEL, url, Optional.empty(), asSensitive));
    }

    private DownloadPlan download(Principal who, ArtifactId id, DownloadAspect aspect, Optional<String> file) {
        return t.registry.download().download(who, ArtifactType.MODEL, id, aspect, file);
    }

    private static byte[] bytes(DownloadPlan.Zip plan) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        plan.zip().write(out);
        return out.toByteArray();
    }

    private Principal user(String name, Permission... permissions) {
        t.registry.registerUser().register(admin, new RegisterUserUseCase.Command(name, name + "-password", false,
                Set.of(permissions)));
        return t.login(name, name + "-password");
    }

    @Test
    void aModelThatIsNotSensitiveRunsNoMonitorAndKeepsNoHistory() {
        ArtifactRecord model = register(false);
        download(admin, model.id(), DownloadAspect.FULL, Optional.empty());
        assertEquals(List.of(), runs);
        assertEquals(List.of(), sensitive.downloadHistory(admin, model.id()));
        assertEquals(Optional.empty(), sensitive.sensitivity(admin, model.id()));
    }

    @Test
    void theMonitorGetsTheFourArgumentsAndExactlyTheZipTheDownloadServes() throws IOException {
        ArtifactRecord model = register(true);
        sensitive.putMonitor(admin, model.id(), "process.exit(0)");
        Principal bob = user("bob", Permission.DOWNLOAD, Permission.SEARCH);
        DownloadPlan.Zip plan = (DownloadPlan.Zip) download(bob, model.id(), DownloadAspect.FULL, Optional.empty());
        Seen seen = runs.get(0);
        assertEquals(List.of("process.exit(0)", "guarded", DefaultAdmin.NAME, "bob"),
                List.of(seen.program(), seen.model(), seen.uploader(), seen.downloader()));
        assertArrayEquals(bytes(plan), seen.zip());
        // one file: a zip of that file alone
        download(bob, model.id(), DownloadAspect.FULL, Optional.of("model.safetensors"));
        assertTrue(new String(runs.get(1).zip(), StandardCharsets.ISO_8859_1).contains("model.safetensors"));
        List<AuditEntry> history = sensitive.downloadHistory(admin, model.id());
        assertEquals(List.of("full", "file model.safetensors"),
                history.stream().map(e -> e.check().orElseThrow().request()).toList());
        assertEquals(List.of("bob", "bob"), history.stream().map(AuditEntry::userName).toList());
    }

    @Test
    void aSensitiveModelWithoutAMonitorDownloadsAndIsRecorded() {
        ArtifactRecord model = register(true);
        download(admin, model.id(), DownloadAspect.WEIGHTS, Optional.empty());
        assertEquals(List.of(), runs);
        DownloadCheck check = sensitive.downloadHistory(admin, model.id()).get(0).check().orElseThrow();
        assertEquals(DownloadCheck.Outcome.ALLOWED, check.outcome());
        assertEquals("no monitor program", check.reason());
    }

    @Test
    void aNonZeroExitRefusesWithTheOutputAndIsRecordedWithAShortExcerpt() {
        ArtifactRecord model = register(true);
        sensitive.putMonitor(admin, model.id(), "process.exit(2)");
        answer = seen -> exited(2, "no downloads on Fridays " + "!".repeat(5000));
        DownloadRejectedException refused = assertThrows(DownloadRejectedException.class,
                () -> download(admin, model.id(), DownloadAspect.FULL, Optional.empty()));
        assertTrue(refused.getMessage().contains("(exit 2); its output: no downloads on Fridays"), refused.getMessage());
        assertEquals(DownloadCheck.Outcome.REJECTED, refused.check().outcome());
        DownloadCheck recorded = sensitive.downloadHistory(admin, model.id()).get(0).check().orElseThrow();
        assertEquals(Optional.of(2), recorded.exitCode());
        assertEquals(2000, recorded.output().length());
    }

    @Test
    void aTimeoutOrTheMemoryCapRefuses() {
        ArtifactRecord model = register(true);
        sensitive.putMonitor(admin, model.id(), "for (;;) {}");
        answer = seen -> new MonitorResult(Ending.TIMED_OUT, Optional.empty(), "", false, "", Duration.ofMillis(3012));
        assertTrue(assertThrows(DownloadRejectedException.class, () -> download(admin, model.id(), DownloadAspect.FULL,
                Optional.empty())).getMessage().contains("(timed out after 3.0 s); its output: (no output)"));
        answer = seen -> new MonitorResult(Ending.OUT_OF_MEMORY, Optional.empty(), "", false, "", Duration.ofMillis(90));
        assertThrows(DownloadRejectedException.class, () -> download(admin, model.id(), DownloadAspect.FULL,
                Optional.empty()));
        assertEquals(List.of(DownloadCheck.Outcome.REJECTED, DownloadCheck.Outcome.REJECTED),
                sensitive.downloadHistory(admin, model.id()).stream().map(e -> e.check().orElseThrow().outcome()).toList());
    }

    @Test
    void aMonitorThatCannotRunIsA503AndStillRecorded() {
        ArtifactRecord model = register(true);
        sensitive.putMonitor(admin, model.id(), "process.exit(0)");
        answer = seen -> {
            throw new DependencyUnavailableException("all 2 monitor slots stayed busy for 10 s; retry the download later");
        };
        assertThrows(DependencyUnavailableException.class, () -> download(admin, model.id(), DownloadAspect.FULL,
                Optional.empty()));
        answer = seen -> {
            throw new UncheckedIOException(new IOException("the blob store is unreachable"));
        };
        DependencyUnavailableException unreadable = assertThrows(DependencyUnavailableException.class,
                () -> download(admin, model.id(), DownloadAspect.FULL, Optional.empty()));
        assertTrue(unreadable.getMessage().contains("the blob store is unreachable"));
        assertEquals(List.of(DownloadCheck.Outcome.FAILED, DownloadCheck.Outcome.FAILED),
                sensitive.downloadHistory(admin, model.id()).stream().map(e -> e.check().orElseThrow().outcome()).toList());
    }

    @Test
    void changesNeedUploadReadsNeedSearchAndEachChangeIsAuditedOnce() {
        ArtifactRecord model = register(false);
        Principal reader = user("reader", Permission.SEARCH);
        Principal fetcher = user("fetcher", Permission.DOWNLOAD);
        assertThrows(PermissionDeniedException.class, () -> sensitive.markSensitive(reader, model.id(), true));
        assertThrows(PermissionDeniedException.class, () -> sensitive.sensitivity(fetcher, model.id()));
        assertThrows(ConflictException.class, () -> sensitive.putMonitor(admin, model.id(), "process.exit(0)"));
        sensitive.markSensitive(admin, model.id(), true);
        sensitive.markSensitive(admin, model.id(), true);
        assertThrows(InvalidRequestException.class, () -> sensitive.putMonitor(admin, model.id(), " \n"));
        assertThrows(InvalidRequestException.class, () -> sensitive.putMonitor(admin, model.id(),
                "é".repeat(MonitorProgram.MAX_BYTES / 2 + 1)));
        assertThrows(PermissionDeniedException.class, () -> sensitive.putMonitor(reader, model.id(), "x"));
        MonitorProgram program = sensitive.putMonitor(admin, model.id(), "process.exit(0)");
        assertEquals(program, sensitive.monitor(reader, model.id()));
        sensitive.deleteMonitor(admin, model.id());
        assertThrows(NotFoundException.class, () -> sensitive.monitor(reader, model.id()));
        assertThrows(NotFoundException.class, () -> sensitive.deleteMonitor(admin, model.id()));
        sensitive.putMonitor(admin, model.id(), "process.exit(0)");
        assertEquals(Optional.empty(), sensitive.markSensitive(admin, model.id(), false));
        sensitive.markSensitive(admin, model.id(), true);
        assertEquals(Optional.empty(), sensitive.sensitivity(reader, model.id()).orElseThrow().monitor(),
                "unmarking removed the monitor");
        List<String> notes = t.registry.auditTrail().auditTrail(admin, ArtifactType.MODEL, model.id()).stream()
                .filter(e -> e.action() == AuditAction.UPDATE).map(e -> e.note().orElseThrow()).toList();
        assertEquals(6, notes.size(), notes.toString());
        assertEquals("marked sensitive", notes.get(0));
        assertTrue(notes.get(1).startsWith("monitor program set (sha256 "));
        assertEquals("monitor program removed", notes.get(2));
        assertEquals("no longer sensitive; monitor removed", notes.get(4));
        assertThrows(NotFoundException.class, () -> sensitive.sensitivity(admin, new ArtifactId("4242")));
    }

    @Test
    void aSensitiveModelStaysSensitiveWithItsMonitorThroughAnUpdate() {
        ArtifactRecord model = register(true);
        MonitorProgram program = sensitive.putMonitor(admin, model.id(), "process.exit(0)");
        t.registry.updateArtifact().update(admin, new UpdateArtifactUseCase.Command(ArtifactType.MODEL, model.id(),
                model.id(), ArtifactType.MODEL, model.name().value(), model.sourceUrl()));
        assertEquals(Optional.of(program), sensitive.sensitivity(admin, model.id()).orElseThrow().monitor());
    }

    @Test
    void onlyModelsCanBeSensitive() {
        String url = t.publishDataset("acme/data", 10);
        assertThrows(InvalidRequestException.class, () -> t.registry.registerArtifact().register(admin,
                new RegisterArtifactUseCase.Command(ArtifactType.DATASET, url, Optional.empty(), true)));
    }
}
