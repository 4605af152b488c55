package io.trustregistry.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.trustregistry.core.error.UpstreamException;
import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.model.ParentReference;
import io.trustregistry.core.model.SourceEvidence;
import io.trustregistry.core.model.SourceKind;
import io.trustregistry.core.port.out.UpstreamHub;

/** What every {@link UpstreamHub} must do with the {@link HubFixtures#standard() standard fixtures}. */
public abstract class UpstreamHubContract {

    protected final HubFixtures fixtures = HubFixtures.standard();
    protected UpstreamHub hub;

    /** A hub serving {@code fixtures}. */
    protected abstract UpstreamHub hubServing(HubFixtures fixtures) throws Exception;

    /** Releases what {@link #hubServing} acquired. */
    protected void closeHub(UpstreamHub hub) throws Exception {
    }

    @BeforeEach
    void open() throws Exception {
        hub = hubServing(fixtures);
    }

    @AfterEach
    void close() throws Exception {
        closeHub(hub);
    }

    @Test
    void aModelUrlResolvesToItsEvidence() {
        SourceEvidence evidence = hub.resolve(ArtifactType.MODEL, URI.create("https://huggingface.co/acme/tiny-model"));
        HubFixtures.Model fixture = fixtures.model("acme/tiny-model");
        assertEquals(SourceKind.HUGGING_FACE_MODEL, evidence.kind());
        assertEquals(Optional.of("acme/tiny-model"), evidence.hubId());
        assertEquals("tiny-model", evidence.suggestedName());
        assertEquals(fixture.readme(), evidence.readme());
        assertEquals(Optional.of("apache-2.0"), evidence.license());
        assertEquals(fixture.files().values().stream().mapToLong(Long::longValue).sum(), evidence.totalSizeBytes());
        assertEquals(fixture.files().size(), evidence.files().size());
        assertTrue(evidence.datasetReferences().contains(new io.trustregistry.core.model.SourceReference.HuggingFace(
                true, "acme/tiny-data")), evidence.datasetReferences().toString());
        assertEquals(120_000, evidence.popularity().downloads());
    }

    @Test
    void treeSuffixesAndTrailingSlashesNameTheSameModel() {
        SourceEvidence evidence = hub.resolve(ArtifactType.MODEL,
                URI.create("https://huggingface.co/acme/tiny-model/tree/main/"));
        assertEquals(Optional.of("acme/tiny-model"), evidence.hubId());
        assertEquals("tiny-model", evidence.suggestedName());
    }

    @Test
    void aDerivedModelNamesItsParent() {
        SourceEvidence evidence = hub.resolve(ArtifactType.MODEL,
                URI.create("https://huggingface.co/acme/tiny-model-finetuned"));
        assertTrue(evidence.parents().stream().map(ParentReference::hubId).anyMatch("acme/tiny-model"::equals),
                evidence.parents().toString());
    }

    @Test
    void aDatasetUrlResolvesAsADataset() {
        SourceEvidence evidence = hub.resolve(ArtifactType.DATASET,
                URI.create("https://huggingface.co/datasets/acme/tiny-data"));
        assertEquals(SourceKind.HUGGING_FACE_DATASET, evidence.kind());
        assertEquals("tiny-data", evidence.suggestedName());
        long expected = fixtures.datasets().get(0).files().values().stream().mapToLong(Long::longValue).sum();
        assertEquals(expected, evidence.totalSizeBytes());
        assertEquals(Optional.of("cc-by-4.0"), evidence.license());
    }

    @Test
    void aGitHubUrlResolvesAsARepositoryWithDotGitStripped() {
        SourceEvidence evidence = hub.resolve(ArtifactType.CODE, URI.create("https://github.com/acme/tiny-code.git"));
        assertEquals(SourceKind.GITHUB_REPOSITORY, evidence.kind());
        assertEquals("tiny-code", evidence.suggestedName());
        assertEquals(Optional.of("acme/tiny-code"), evidence.hubId());
        assertEquals(Optional.of("MIT"), evidence.license());
        assertTrue(evidence.readme().contains("Training scripts"));
    }

    @Test
    void unknownSourcesAreNotFound() {
        assertThrows(UpstreamException.SourceNotFound.class,
                () -> hub.resolve(ArtifactType.MODEL, URI.create("https://huggingface.co/acme/no-such-model")));
        assertThrows(UpstreamException.SourceNotFound.class,
                () -> hub.resolve(ArtifactType.CODE, URI.create("https://github.com/acme/no-such-repo")));
    }

    @Test
    void repositoryLicensesAreReported() {
        assertEquals(Optional.of("MIT"),
                hub.repositoryLicense(URI.create("https://github.com/acme/tiny-code")).spdxId());
        assertEquals(Optional.empty(),
                hub.repositoryLicense(URI.create("https://github.com/acme/unlicensed")).spdxId());
        assertThrows(UpstreamException.SourceNotFound.class,
                () -> hub.repositoryLicense(URI.create("https://github.com/acme/no-such-repo")));
    }

    @Test
    void licenseLookupsNeedAGitHubRepositoryUrl() {
        assertThrows(UpstreamException.Unsupported.class,
                () -> hub.repositoryLicense(URI.create("https://gitlab.com/acme/tiny-code")));
    }

    @Test
    void healthNamesEachUpstream() {
        assertTrue(!hub.checkHealth().isEmpty());
    }
}
