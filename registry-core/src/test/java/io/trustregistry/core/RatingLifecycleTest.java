package io.trustregistry.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.trustregistry.core.error.RatingRejectedException;
import io.trustregistry.core.model.MetricId;
import io.trustregistry.core.model.ArtifactRecord;
import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.model.Contributor;
import io.trustregistry.core.model.ModelRating;
import io.trustregistry.core.model.Popularity;
import io.trustregistry.core.model.Principal;
import io.trustregistry.core.model.RepositoryInsight;
import io.trustregistry.core.model.ReviewSample;
import io.trustregistry.core.model.SourceEvidence;
import io.trustregistry.core.model.SourceKind;
import io.trustregistry.core.port.in.RegisterArtifactUseCase;
import io.trustregistry.core.port.in.UpdateArtifactUseCase;

/** Ratings are computed at ingest and kept current as linked artifacts come and go. */
class RatingLifecycleTest {

    private final TestRegistry t = new TestRegistry();
    private final Principal admin = t.admin();

    private ArtifactRecord register(ArtifactType type, String url) {
        return t.registry.registerArtifact().register(admin,
                new RegisterArtifactUseCase.Command(type, url, Optional.empty()));
    }

    private ModelRating ratingOf(ArtifactRecord model) {
        return t.registry.rate().rate(admin, model.id());
    }

    private String publishRichDataset(String hubId) {
        String url = "https://huggingface.co/datasets/" + hubId;
        t.hub.publish(url, SourceEvidence.builder(SourceKind.HUGGING_FACE_DATASET, url,
                        hubId.substring(hubId.indexOf('/') + 1)).hubId(hubId).readme("word ".repeat(600))
                .license("cc-by-4.0").popularity(new Popularity(3_000_000, 2_000, Optional.empty())).build());
        return url;
    }

    private String publishReviewedCode(String fullName) {
        String url = "https://github.com/" + fullName;
        t.hub.publish(url, SourceEvidence.builder(SourceKind.GITHUB_REPOSITORY, url,
                        fullName.substring(fullName.indexOf('/') + 1)).hubId(fullName).readme("word ".repeat(900))
                .license("Apache-2.0").contributors(List.of(new Contributor("a", 10), new Contributor("b", 10),
                        new Contributor("c", 10)))
                .repository(new RepositoryInsight(List.of("tests/test_x.py", ".github/workflows/ci.yml"), false,
                        Map.of("Python", 1L), 20_000, 10, false, Optional.of(t.now.get()),
                        Optional.of(new ReviewSample(10, 9, 1000, 800)))).build());
        return url;
    }

    @Test
    void aDatasetAndCodeArrivingLaterRaiseTheModelsRating() {
        ArtifactRecord model = register(ArtifactType.MODEL, t.publishModel("acme/m", "# m", Optional.of("mit"), 1, 10,
                List.of("acme/books"), List.of("https://github.com/acme/trainer"), List.of()));
        ModelRating before = ratingOf(model);
        assertEquals(0.4, before.score(MetricId.DATASET_AND_CODE_SCORE).value(), 1e-9);
        assertEquals(0, before.score(MetricId.DATASET_QUALITY).value());
        assertEquals(-1, before.score(MetricId.REVIEWEDNESS).value());

        register(ArtifactType.DATASET, publishRichDataset("acme/books"));
        ModelRating withData = ratingOf(model);
        assertEquals(0.7, withData.score(MetricId.DATASET_AND_CODE_SCORE).value(), 1e-9);
        assertTrue(withData.score(MetricId.DATASET_QUALITY).value() > 0.9, withData.toString());

        ArtifactRecord code = register(ArtifactType.CODE, publishReviewedCode("acme/trainer"));
        ModelRating withCode = ratingOf(model);
        assertEquals(1.0, withCode.score(MetricId.DATASET_AND_CODE_SCORE).value(), 1e-9);
        assertEquals(0.8, withCode.score(MetricId.REVIEWEDNESS).value(), 1e-9);
        assertTrue(withCode.score(MetricId.CODE_QUALITY).value() > 0.9);
        assertTrue(withCode.score(MetricId.NET_SCORE).value() > before.score(MetricId.NET_SCORE).value());

        t.registry.deleteArtifact().delete(admin, ArtifactType.CODE, code.id());
        assertEquals(-1, ratingOf(model).score(MetricId.REVIEWEDNESS).value(), "the link vanished with the code");
    }

    @Test
    void aParentArrivingLaterSetsTheChildsTreeScore() {
        ArtifactRecord child = register(ArtifactType.MODEL, t.publishModel("acme/child", "# c", Optional.of("mit"), 1,
                10, List.of(), List.of(), List.of("acme/parent")));
        ModelRating alone = ratingOf(child);
        assertEquals(alone.value(MetricId.NET_SCORE), alone.value(MetricId.TREE_SCORE), 1e-4,
                "a root vouches for itself");
        ArtifactRecord parent = register(ArtifactType.MODEL, t.publishModel("acme/parent", "", Optional.empty(), 1,
                10, List.of(), List.of(), List.of()));
        assertEquals(ratingOf(parent).value(MetricId.NET_SCORE), ratingOf(child).value(MetricId.TREE_SCORE), 1e-9);
    }

    @Test
    void updateRatesAgain() {
        String poor = t.publishModel("acme/v1", "", Optional.empty(), 1, 1, List.of(), List.of(), List.of());
        String better = t.publishModel("acme/v2", "", Optional.of("apache-2.0"), 1, 1, List.of(), List.of(),
                List.of());
        ArtifactRecord model = register(ArtifactType.MODEL, poor);
        assertEquals(0, ratingOf(model).score(MetricId.LICENSE).value());
        t.registry.updateArtifact().update(admin, new UpdateArtifactUseCase.Command(ArtifactType.MODEL, model.id(),
                model.id(), ArtifactType.MODEL, model.name().value(), better));
        assertEquals(1.0, ratingOf(model).score(MetricId.LICENSE).value());
    }

    @Test
    void theGateRefusesPoorModelsAndStoresNothing() {
        TestRegistry gated = new TestRegistry(RegistrySettings.defaults().withRatingGate(0.5));
        Principal root = gated.admin();
        String poor = gated.publishModel("acme/poor", "", Optional.empty(), 1, 1, List.of(), List.of(), List.of());
        RatingRejectedException refused = assertThrows(RatingRejectedException.class, () -> gated.registry
                .registerArtifact().register(root, new RegisterArtifactUseCase.Command(ArtifactType.MODEL, poor,
                        Optional.empty())));
        assertTrue(refused.getMessage().contains("license=0.00"), refused.getMessage());
        assertEquals(0, gated.catalog.count());
    }

    @Test
    void withTheGateOffPoorModelsRegister() {
        String poor = t.publishModel("acme/poor", "", Optional.empty(), 1, 1, List.of(), List.of(), List.of());
        assertTrue(register(ArtifactType.MODEL, poor).rating().isPresent());
    }

    @Test
    void anUpdateGoesThroughTheGateTooAndARefusalLeavesThePreviousVersion() {
        String first = t.publishModel("acme/first", "", Optional.empty(), 1, 1, List.of(), List.of(), List.of());
        ArtifactRecord model = register(ArtifactType.MODEL, first);
        String poorer = t.publishModel("acme/poorer", "", Optional.empty(), 1, 1, List.of(), List.of(), List.of());
        Registry gated = Registry.builder().catalog(t.catalog).blobs(t.blobs).users(t.users).tokens(t.tokens)
                .audit(new io.trustregistry.core.memory.InMemoryAuditLog()).hub(t.hub)
                .passwords(new io.trustregistry.core.memory.Pbkdf2PasswordHasher(1_000))
                .tokenCodec(new io.trustregistry.core.testing.OpaqueTokenCodec()).clock(t.clock)
                .settings(RegistrySettings.defaults().withRatingGate(0.5)).build();
        assertThrows(RatingRejectedException.class, () -> gated.updateArtifact().update(admin,
                new UpdateArtifactUseCase.Command(ArtifactType.MODEL, model.id(), model.id(), ArtifactType.MODEL,
                        model.name().value(), poorer)));
        ArtifactRecord stored = t.catalog.find(model.id()).orElseThrow();
        assertEquals(first, stored.sourceUrl());
        assertEquals(model.revision(), stored.revision());
    }
}
