package io.trustregistry.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.trustregistry.core.error.InvalidRequestException;
import io.trustregistry.core.error.NotFoundException;
import io.trustregistry.core.error.PermissionDeniedException;
import io.trustregistry.core.error.UpstreamException;
import io.trustregistry.core.model.ArtifactRecord;
import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.model.AuditAction;
import io.trustregistry.core.model.AuditEntry;
import io.trustregistry.core.model.Permission;
import io.trustregistry.core.model.Principal;
import io.trustregistry.core.model.RepositoryLicense;
import io.trustregistry.core.model.SourceEvidence;
import io.trustregistry.core.port.in.RegisterArtifactUseCase;
import io.trustregistry.core.port.in.RegisterUserUseCase;
import io.trustregistry.core.port.in.UpdateArtifactUseCase;
import io.trustregistry.core.port.out.UpstreamHub;
import io.trustregistry.core.memory.InMemoryArtifactCatalog;
import io.trustregistry.core.memory.InMemoryAuditLog;
import io.trustregistry.core.memory.InMemoryBlobStore;
import io.trustregistry.core.memory.InMemoryTokenStore;
import io.trustregistry.core.memory.InMemoryUserStore;
import io.trustregistry.core.testing.OpaqueTokenCodec;
import io.trustregistry.core.memory.Pbkdf2PasswordHasher;
import io.trustregistry.core.model.ComponentHealth;

class ArtifactUseCasesTest {

    private final TestRegistry t = new TestRegistry();
    private final Registry registry = t.registry;
    private final Principal admin = t.admin();

    private ArtifactRecord register(ArtifactType type, String url, String name) {
        return registry.registerArtifact().register(admin,
                new RegisterArtifactUseCase.Command(type, url, Optional.ofNullable(name)));
    }

    @Test
    void registrationDerivesTheNameOrUsesTheGivenOneVerbatim() {
        String url = t.publishModel("google-bert/bert-base-uncased", 440_000_000);
        assertEquals("bert-base-uncased", register(ArtifactType.MODEL, url, null).name().value());
        assertEquals("My BERT (copy)", register(ArtifactType.MODEL, url, "My BERT (copy)").name().value());
    }

    @Test
    void theSameSourceRegisteredTwiceGetsTwoIds() {
        String url = t.publishModel("openai/whisper-tiny", 150_000_000);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            ids.add(register(ArtifactType.MODEL, url, null).id().value());
        }
        assertEquals(30, ids.size());
    }

    @Test
    void readsNeedTheRightTypeAndAKnownId() {
        ArtifactRecord model = register(ArtifactType.MODEL, t.publishModel("acme/m", 10), null);
        assertEquals(model, registry.getArtifact().get(admin, ArtifactType.MODEL, model.id()));
        assertThrows(NotFoundException.class, () -> registry.getArtifact().get(admin, ArtifactType.DATASET, model.id()));
        assertThrows(NotFoundException.class, () -> registry.getArtifact().get(admin, ArtifactType.MODEL,
                new io.trustregistry.core.model.ArtifactId("invalidId")));
    }

    @Test
    void badSourceUrlsAreClientErrors() {
        for (String url : new String[] {"", "not a url", "ftp://example.com/x", "/relative/path",
                "https://user:pw@huggingface.co/x/y", "https://huggingface.co/acme/not-published"}) {
            assertThrows(InvalidRequestException.class, () -> register(ArtifactType.MODEL, url, null), url);
        }
        assertThrows(InvalidRequestException.class,
                () -> register(ArtifactType.MODEL, "https://x.org/" + "a".repeat(3000), null));
        String url = t.publishModel("acme/ok", 1);
        assertThrows(InvalidRequestException.class, () -> register(ArtifactType.MODEL, url, "*"));
        assertThrows(InvalidRequestException.class, () -> register(ArtifactType.MODEL, url, "bad\nname"));
        assertEquals(0, t.catalog.count());
    }

    @Test
    void anUnreachableUpstreamStoresNothingAndSaysSo() {
        UpstreamHub down = new UpstreamHub() {
            @Override
            public SourceEvidence resolve(ArtifactType type, URI source) {
                throw new UpstreamException.Unavailable("connection refused", null);
            }

            @Override
            public java.io.InputStream openFile(SourceEvidence evidence, io.trustregistry.core.model.SourceFile file) {
                throw new UpstreamException.Unavailable("connection refused", null);
            }

            @Override
            public io.trustregistry.core.model.SourceReference identify(URI source) {
                return new io.trustregistry.core.model.SourceReference.Web(source.toString());
            }

            @Override
            public RepositoryLicense repositoryLicense(URI repositoryUrl) {
                throw new UpstreamException.Unavailable("connection refused", null);
            }

            @Override
            public List<ComponentHealth> checkHealth() {
                return List.of();
            }
        };
        InMemoryArtifactCatalog catalog = new InMemoryArtifactCatalog();
        Registry offline = Registry.builder().catalog(catalog).blobs(new InMemoryBlobStore())
                .users(new InMemoryUserStore()).tokens(new InMemoryTokenStore()).audit(new InMemoryAuditLog())
                .hub(down).passwords(new Pbkdf2PasswordHasher(1_000)).tokenCodec(new OpaqueTokenCodec()).build();
        Principal root = offline.authorizeCall().authorizeCall(offline.authenticate()
                .authenticate(io.trustregistry.core.DefaultAdmin.NAME,
                        io.trustregistry.core.DefaultAdmin.PASSWORDS.get(0)).token());
        assertThrows(UpstreamException.Unavailable.class, () -> offline.registerArtifact().register(root,
                new RegisterArtifactUseCase.Command(ArtifactType.MODEL, "https://huggingface.co/a/b", Optional.empty())));
        assertEquals(0, catalog.count());
    }

    @Test
    void updateReResolvesTheSourceWhenNameAndIdMatch() {
        String first = t.publishModel("acme/evolving", 100);
        String second = t.publishModel("acme/evolving-v2", 200);
        ArtifactRecord model = register(ArtifactType.MODEL, first, "evolving");
        ArtifactRecord updated = registry.updateArtifact().update(admin, new UpdateArtifactUseCase.Command(
                ArtifactType.MODEL, model.id(), model.id(), ArtifactType.MODEL, "evolving", second));
        assertEquals(second, updated.sourceUrl());
        assertEquals(200, updated.evidence().totalSizeBytes());
        assertEquals(2, updated.revision());
        assertEquals(updated, registry.getArtifact().get(admin, ArtifactType.MODEL, model.id()));
    }

    @Test
    void updateRefusesMismatchedNamesIdsAndTypes() {
        String url = t.publishModel("acme/fixed", 100);
        ArtifactRecord model = register(ArtifactType.MODEL, url, null);
        ArtifactRecord other = register(ArtifactType.MODEL, url, null);
        assertThrows(InvalidRequestException.class, () -> registry.updateArtifact().update(admin,
                new UpdateArtifactUseCase.Command(ArtifactType.MODEL, model.id(), model.id(), ArtifactType.MODEL,
                        "renamed", url)));
        assertThrows(InvalidRequestException.class, () -> registry.updateArtifact().update(admin,
                new UpdateArtifactUseCase.Command(ArtifactType.MODEL, model.id(), other.id(), ArtifactType.MODEL,
                        "fixed", url)));
        assertThrows(InvalidRequestException.class, () -> registry.updateArtifact().update(admin,
                new UpdateArtifactUseCase.Command(ArtifactType.MODEL, model.id(), model.id(), ArtifactType.CODE,
                        "fixed", url)));
        assertThrows(NotFoundException.class, () -> registry.updateArtifact().update(admin,
                new UpdateArtifactUseCase.Command(ArtifactType.DATASET, model.id(), model.id(), ArtifactType.DATASET,
                        "fixed", url)));
        assertEquals(1, registry.getArtifact().get(admin, ArtifactType.MODEL, model.id()).revision());
    }

    @Test
    void deleteRemovesOnlyThatArtifact() {
        String url = t.publishDataset("acme/data", 10);
        ArtifactRecord a = register(ArtifactType.DATASET, url, null);
        ArtifactRecord b = register(ArtifactType.DATASET, url, null);
        assertThrows(NotFoundException.class, () -> registry.deleteArtifact().delete(admin, ArtifactType.MODEL, a.id()));
        registry.deleteArtifact().delete(admin, ArtifactType.DATASET, a.id());
        assertThrows(NotFoundException.class, () -> registry.getArtifact().get(admin, ArtifactType.DATASET, a.id()));
        assertThrows(NotFoundException.class, () -> registry.deleteArtifact().delete(admin, ArtifactType.DATASET, a.id()));
        assertEquals(b, registry.getArtifact().get(admin, ArtifactType.DATASET, b.id()));
    }

    @Test
    void theAuditTrailRecordsWhoDidWhatEndingWithTheAuditItself() {
        String url = t.publishModel("acme/audited", 100);
        ArtifactRecord model = register(ArtifactType.MODEL, url, "audited");
        registry.updateArtifact().update(admin, new UpdateArtifactUseCase.Command(ArtifactType.MODEL, model.id(),
                model.id(), ArtifactType.MODEL, "audited", url));
        List<AuditEntry> trail = registry.auditTrail().auditTrail(admin, ArtifactType.MODEL, model.id());
        assertEquals(List.of(AuditAction.CREATE, AuditAction.UPDATE, AuditAction.AUDIT),
                trail.stream().map(AuditEntry::action).toList());
        assertTrue(trail.stream().allMatch(e -> e.userName().equals(admin.userName()) && e.userIsAdmin()));
        assertEquals(t.now.get(), trail.get(0).date());
        assertThrows(NotFoundException.class,
                () -> registry.auditTrail().auditTrail(admin, ArtifactType.CODE, model.id()));
    }

    @Test
    void modelsAreRatedAtIngestAndRateServesTheStoredSnapshot() {
        ArtifactRecord model = register(ArtifactType.MODEL, t.publishModel("acme/rated", 1), null);
        assertTrue(model.rating().isPresent());
        assertEquals(model.rating().get(), registry.rate().rate(admin, model.id()));
        assertEquals(model.rating().get(), registry.rate().rate(admin, model.id()));
        assertEquals(List.of(AuditAction.CREATE, AuditAction.RATE, AuditAction.RATE, AuditAction.AUDIT),
                registry.auditTrail().auditTrail(admin, ArtifactType.MODEL, model.id()).stream()
                        .map(AuditEntry::action).toList());
        ArtifactRecord data = register(ArtifactType.DATASET, t.publishDataset("acme/d", 1), null);
        assertTrue(data.rating().isEmpty());
        assertThrows(NotFoundException.class, () -> registry.rate().rate(admin, data.id()));
    }

    @Test
    void eachOperationEnforcesItsPermission() {
        registry.registerUser().register(admin, new RegisterUserUseCase.Command("searcher", "searcher-password",
                false, Set.of(Permission.SEARCH)));
        registry.registerUser().register(admin, new RegisterUserUseCase.Command("uploader", "uploader-password",
                false, Set.of(Permission.UPLOAD)));
        Principal searcher = t.login("searcher", "searcher-password");
        Principal uploader = t.login("uploader", "uploader-password");
        String url = t.publishModel("acme/guarded", 1);
        assertThrows(PermissionDeniedException.class, () -> registry.registerArtifact().register(searcher,
                new RegisterArtifactUseCase.Command(ArtifactType.MODEL, url, Optional.empty())));
        ArtifactRecord model = registry.registerArtifact().register(uploader,
                new RegisterArtifactUseCase.Command(ArtifactType.MODEL, url, Optional.empty()));
        assertThrows(PermissionDeniedException.class,
                () -> registry.getArtifact().get(uploader, ArtifactType.MODEL, model.id()));
        assertEquals(model, registry.getArtifact().get(searcher, ArtifactType.MODEL, model.id()));
        assertThrows(PermissionDeniedException.class,
                () -> registry.deleteArtifact().delete(searcher, ArtifactType.MODEL, model.id()));
        assertNotEquals(admin, searcher);
    }
}
