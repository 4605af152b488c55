package io.trustregistry.adapter.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.trustregistry.core.error.UpstreamException;
import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.model.ComponentHealth;
import io.trustregistry.core.model.Contributor;
import io.trustregistry.core.model.HealthStatus;
import io.trustregistry.core.model.ParentReference;
import io.trustregistry.core.model.RepositoryInsight;
import io.trustregistry.core.model.ReviewSample;
import io.trustregistry.core.model.SourceEvidence;
import io.trustregistry.core.model.SourceKind;
import io.trustregistry.testkit.FakeHub;
import io.trustregistry.testkit.HubFixtures;

/** Resilience and safety of the HTTP hub: retries, timeouts, errors, tokens, SSRF refusal. */
class HttpUpstreamHubTest {

    private final FakeHub fake = FakeHub.serving(HubFixtures.standard());
    private final HubSettings settings = HubSettings.defaults().pointedAt(fake.baseUrl());
    private final HttpUpstreamHub hub = new HttpUpstreamHub(settings);

    @AfterEach
    void stop() {
        fake.close();
    }

    private SourceEvidence model(String id) {
        return hub.resolve(ArtifactType.MODEL, URI.create("https://huggingface.co/" + id));
    }

    @Test
    void transientFailuresAreRetried() {
        fake.failNext("/api/models/acme/tiny-model", 503, 2);
        assertEquals("tiny-model", model("acme/tiny-model").suggestedName());
        assertEquals(3, fake.callsExactly("/api/models/acme/tiny-model"));
    }

    @Test
    void rateLimitsAreRetriedToo() {
        fake.failNext("/repos/acme/tiny-code", 429, 1, Map.of("Retry-After", "0"));
        assertEquals("tiny-code",
                hub.resolve(ArtifactType.CODE, URI.create("https://github.com/acme/tiny-code")).suggestedName());
    }

    @Test
    void persistentFailuresGiveUpAfterTheConfiguredAttempts() {
        fake.failNext("/api/models/acme/tiny-model", 502, 100);
        UpstreamException.Unavailable e = assertThrows(UpstreamException.Unavailable.class,
                () -> model("acme/tiny-model"));
        assertEquals(settings.maxAttempts(), fake.callsExactly("/api/models/acme/tiny-model"));
        assertTrue(e.getMessage().contains("HTTP 502"), e.getMessage());
    }

    @Test
    void anExhaustedGitHubRateLimitIsReportedNotRetried() {
        fake.failNext("/repos/acme/tiny-code", 403, 100, Map.of("x-ratelimit-remaining", "0", "x-ratelimit-reset",
                Long.toString(java.time.Instant.now().getEpochSecond() + 3_600)));
        UpstreamException.RateLimited e = assertThrows(UpstreamException.RateLimited.class,
                () -> hub.resolve(ArtifactType.CODE, URI.create("https://github.com/acme/tiny-code")));
        assertTrue(e.getMessage().contains("rate-limiting") && e.getMessage().contains("GITHUB_TOKEN"),
                e.getMessage());
        assertTrue(e.retryAfter().orElseThrow().toSeconds() > 3_500, e.retryAfter().toString());
        assertEquals(1, fake.callsExactly("/repos/acme/tiny-code"));
    }

    @Test
    void slowUpstreamsTimeOut() {
        fake.setLatencyMillis(3_000);
        HttpUpstreamHub impatient = new HttpUpstreamHub(settings.withTimeouts(Duration.ofMillis(500),
                Duration.ofMillis(300)));
        long started = System.nanoTime();
        assertThrows(UpstreamException.Unavailable.class,
                () -> impatient.resolve(ArtifactType.MODEL, URI.create("https://huggingface.co/acme/tiny-model")));
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(3).toNanos(), "gave up in time");
    }

    @Test
    void aForbiddenAnswerIsAccessDenied() {
        fake.failNext("/api/models/acme/secret", 403, 1);
        assertThrows(UpstreamException.AccessDenied.class, () -> model("acme/secret"));
    }

    @Test
    void aGatedReadmeDegradesToAnEmptyReadme() {
        fake.failNext("/acme/tiny-model/resolve/main/README.md", 403, 10);
        SourceEvidence evidence = model("acme/tiny-model");
        assertEquals("", evidence.readme());
        assertEquals(Optional.of("apache-2.0"), evidence.license());
    }

    @Test
    void tokensAreSentToTheirOwnHubOnly() {
        HttpUpstreamHub withTokens = new HttpUpstreamHub(settings.withTokens(Optional.of("hf_secret"),
                Optional.of("ghp_secret")).withAttempts(1));
        withTokens.resolve(ArtifactType.MODEL, URI.create("https://huggingface.co/acme/tiny-model"));
        withTokens.resolve(ArtifactType.CODE, URI.create("https://github.com/acme/tiny-code"));
        assertEquals(Optional.of("Bearer hf_secret"), fake.lastHeader("/api/models/acme/tiny-model", "Authorization"));
        assertEquals(Optional.of("Bearer ghp_secret"), fake.lastHeader("/repos/acme/tiny-code", "Authorization"));
    }

    @Test
    void lineageComesFromCardDataTagsAndConfig() {
        SourceEvidence evidence = model("acme/tiny-model-finetuned");
        List<ParentReference> parents = evidence.parents();
        assertEquals(1, parents.size(), parents.toString());
        assertEquals(new ParentReference("acme/tiny-model", "card_data", "finetune"), parents.get(0));
    }

    @Test
    void legacyIdsWithoutOwnerResolve() {
        fake.addModel(new HubFixtures.Model("bert-legacy", "# legacy", Optional.of("mit"), Map.of("config.json", 10L),
                List.of(), List.of(), 5, 1, Optional.empty()));
        SourceEvidence evidence = model("bert-legacy");
        assertEquals("bert-legacy", evidence.suggestedName());
        assertEquals(Optional.of("bert-legacy"), evidence.hubId());
    }

    @Test
    void aDatasetRegisteredFromGitHubIsFetchedAsARepository() {
        SourceEvidence evidence = hub.resolve(ArtifactType.DATASET,
                URI.create("https://github.com/acme/tiny-code/tree/main/data"));
        assertEquals(SourceKind.GITHUB_REPOSITORY, evidence.kind());
        assertEquals(2_048 * 1024, evidence.totalSizeBytes());
    }

    @Test
    void modelsCarryTheirCommitAuthorsAndModelIndex() {
        fake.addModel(new HubFixtures.Model("acme/evaluated", "# e", Optional.of("mit"), Map.of("config.json", 1L),
                List.of(), List.of(), 5, 1, Optional.empty(), List.of("ann", "ann", "ben"), 4));
        SourceEvidence evidence = model("acme/evaluated");
        assertEquals(List.of(new Contributor("ann", 2), new Contributor("ben", 1)), evidence.contributors());
        assertEquals("4", evidence.attributes().get("model_index_results"));
        assertEquals(List.of(), evidence.degradations());
    }

    @Test
    void repositoriesCarryTheirTreeContributorsAndReviewSample() {
        SourceEvidence evidence = hub.resolve(ArtifactType.CODE, URI.create("https://github.com/acme/tiny-code"));
        assertEquals(List.of(new Contributor("alice", 30), new Contributor("bob", 20), new Contributor("carol", 10)),
                evidence.contributors());
        RepositoryInsight insight = evidence.repository().orElseThrow();
        assertTrue(insight.paths().contains("tests/test_train.py"));
        assertEquals(42, insight.stars());
        // #12 reviewed by alice (300 lines), #11 unreviewed (100), #10 reviewed by bob (600); self-review ignored
        assertEquals(Optional.of(new ReviewSample(3, 2, 1000, 900)), insight.reviews());
        assertEquals(List.of(), evidence.degradations());
    }

    @Test
    void failedSecondaryCallsDegradeInsteadOfFailing() {
        fake.failNext("/repos/acme/tiny-code/pulls", 503, 100);
        fake.failNext("/api/models/acme/tiny-model/commits", 503, 100);
        SourceEvidence code = hub.resolve(ArtifactType.CODE, URI.create("https://github.com/acme/tiny-code"));
        assertEquals(Optional.empty(), code.repository().orElseThrow().reviews());
        assertTrue(code.degradations().stream().anyMatch(d -> d.startsWith("pull requests unavailable")),
                code.degradations().toString());
        SourceEvidence model = model("acme/tiny-model");
        assertEquals(List.of(), model.contributors());
        assertTrue(model.degradations().stream().anyMatch(d -> d.startsWith("commit history unavailable")),
                model.degradations().toString());
    }

    @Test
    void plainDownloadsAreSizedByHead() {
        String url = fake.addFile("weights%20v1.bin", new byte[12_345]);
        SourceEvidence evidence = hub.resolve(ArtifactType.MODEL, URI.create(url));
        assertEquals(SourceKind.WEB_DOWNLOAD, evidence.kind());
        assertEquals("weights v1.bin", evidence.suggestedName());
        assertEquals(12_345, evidence.totalSizeBytes());
        assertThrows(UpstreamException.SourceNotFound.class,
                () -> hub.resolve(ArtifactType.MODEL, URI.create(fake.baseUrl() + "/files/missing.bin")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/", "http://localhost:8080/x", "http://169.254.169.254/latest/meta-data/",
            "http://10.1.2.3/model.bin", "http://192.168.0.1/", "http://172.16.5.4/", "http://[::1]/",
            "http://[fd00::1]/", "http://0.0.0.0/", "http://2130706433/", "http://100.64.0.1/",
            "http://[::ffff:127.0.0.1]/"})
    void internalAddressesAreNeverFetchedByDefault(String url) {
        HttpUpstreamHub strict = new HttpUpstreamHub(HubSettings.defaults());
        assertThrows(UpstreamException.ForbiddenAddress.class, () -> strict.resolve(ArtifactType.MODEL, URI.create(url)));
    }

    @Test
    void redirectsToInternalAddressesAreRefused() {
        String url = fake.addRedirect("innocent.bin", "http://169.254.169.254/latest/meta-data/");
        assertThrows(UpstreamException.ForbiddenAddress.class, () -> hub.resolve(ArtifactType.MODEL, URI.create(url)));
    }

    @Test
    void redirectsBetweenAllowedHostsAreFollowed() {
        String target = fake.addFile("real.bin", new byte[42]);
        String url = fake.addRedirect("moved.bin", target);
        assertEquals(42, hub.resolve(ArtifactType.MODEL, URI.create(url)).totalSizeBytes());
    }

    @Test
    void healthReportsReachableHubsAndUnreachableOnesQuickly() {
        assertTrue(hub.checkHealth().stream().allMatch(c -> c.status() == HealthStatus.OK));
        HttpUpstreamHub nowhere = new HttpUpstreamHub(HubSettings.defaults().pointedAt("http://127.0.0.1:1"));
        long started = System.nanoTime();
        List<ComponentHealth> health = nowhere.checkHealth();
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(5).toNanos());
        assertEquals(List.of("hub-huggingface", "hub-github", "hub-kaggle"), health.stream().map(ComponentHealth::id)
                .toList());
        assertTrue(health.stream().limit(2).allMatch(c -> c.status() == HealthStatus.CRITICAL
                && !c.issues().isEmpty()));
        assertEquals("none", health.get(2).metrics().get("credentials"), "Kaggle is not probed, only reported");
    }

    private static ComponentHealth component(List<ComponentHealth> health, String id) {
        return health.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    /** With a token the probe asks who the token is (the Hub's whoami-v2), so health can say whether it still works. */
    @Test
    void withATokenTheHealthProbeChecksItAndSaysWhetherItIsAccepted() {
        HttpUpstreamHub withToken = new HttpUpstreamHub(settings.withTokens(Optional.of("hf_registry"),
                Optional.empty()));
        ComponentHealth accepted = component(withToken.checkHealth(), "hub-huggingface");
        assertEquals(HealthStatus.OK, accepted.status(), accepted.toString());
        assertEquals("accepted", accepted.metrics().get("credentials"));
        assertEquals(Optional.of("Bearer hf_registry"), fake.lastHeader("/api/whoami-v2", "Authorization"));

        fake.revokeToken("hf_revoked");
        HttpUpstreamHub revoked = new HttpUpstreamHub(settings.withTokens(Optional.of("hf_revoked"), Optional.empty()));
        ComponentHealth rejected = component(revoked.checkHealth(), "hub-huggingface");
        assertEquals(HealthStatus.DEGRADED, rejected.status(), rejected.toString());
        assertEquals("rejected", rejected.metrics().get("credentials"));
        assertEquals(List.of("credentials_rejected"), rejected.issues().stream().map(ComponentHealth.Issue::code)
                .toList());
    }

    /** A health check on a thread being interrupted (the server stopping) reports nothing and keeps the interrupt. */
    @Test
    void anInterruptedHealthCheckReportsNothingAndKeepsTheInterrupt() {
        Thread.currentThread().interrupt();
        try {
            assertEquals(List.of(), hub.checkHealth());
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
        assertEquals(3, hub.checkHealth().size(), "nothing half-done was cached");
    }

    /** The probe gets through but the last registration from the hub did not: health says so until one succeeds. */
    @Test
    void aFailedRegistrationDegradesAReachableHubsHealthUntilOneSucceeds() {
        fake.failNext("/api/models/acme/tiny-model", 502, settings.maxAttempts());
        assertThrows(UpstreamException.Unavailable.class, () -> model("acme/tiny-model"));
        ComponentHealth failed = component(hub.checkHealth(), "hub-huggingface");
        assertEquals(HealthStatus.DEGRADED, failed.status(), failed.toString());
        ComponentHealth.Issue issue = failed.issues().get(0);
        assertEquals("recent_failure", issue.code());
        assertTrue(issue.summary().startsWith("the last registration from Hugging Face Hub failed at "),
                issue.summary());
        assertTrue(issue.details().startsWith("the Hugging Face Hub (HF_ENDPOINT=" + fake.baseUrl() + ") is unreachable"
                + " or failing: could not fetch "), issue.details());
        assertEquals(HealthStatus.OK, component(hub.checkHealth(), "hub-github").status(), "only that hub");

        assertEquals("tiny-model", model("acme/tiny-model").suggestedName());
        assertEquals(HealthStatus.OK, component(hub.checkHealth(), "hub-huggingface").status());
    }

    @Test
    void everyPageOfContributorsAndCommitsIsRead() {
        Map<String, Long> many = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 250; i++) {
            many.put("dev" + i, 1_000L - i);
        }
        fake.addRepository(new HubFixtures.Repository("acme/crowd", "# crowd\n", Optional.of("MIT"), 10, 1, many,
                List.of("README.md"), List.of(), "2024-05-01T10:00:00Z"));
        SourceEvidence code = hub.resolve(ArtifactType.CODE, URI.create("https://github.com/acme/crowd"));
        assertEquals(250, code.contributors().size());
        assertEquals(3, fake.callsTo("/repositories/") + 1, "pages 2 and 3 followed by Link");

        List<String> authors = new java.util.ArrayList<>();
        for (int i = 0; i < 120; i++) {
            authors.add(i < 70 ? "ann" : "ben");
        }
        fake.addModel(new HubFixtures.Model("acme/long-history", "# h", Optional.of("mit"), Map.of("config.json", 1L),
                List.of(), List.of(), 5, 1, Optional.empty(), authors, 0));
        assertEquals(List.of(new Contributor("ann", 70), new Contributor("ben", 50)),
                model("acme/long-history").contributors());
    }

    @Test
    void bothTagFormsGiveOneParentWithItsRelationWhateverTheirOrder() {
        assertEquals(Map.of("acme/base", new HuggingFaceClient.Tagged("Acme/Base", "quantized")),
                HuggingFaceClient.baseModelTags(List.of("base_model:Acme/Base", "base_model:quantized:Acme/Base")));
        assertEquals(Map.of("acme/base", new HuggingFaceClient.Tagged("Acme/Base", "quantized")),
                HuggingFaceClient.baseModelTags(List.of("base_model:quantized:Acme/Base", "base_model:Acme/Base")));
        assertEquals(Map.of(), HuggingFaceClient.baseModelTags(List.of("base_model:", "base_model::",
                "base_model:a:b:c", "base_model:weird:acme/x")));
    }

    @Test
    void aGitHubReadmeInUtf16IsDecoded() {
        fake.setRepositoryReadme("acme/tiny-code", io.trustregistry.testkit.ModelVariant.utf16WithBom("# Ünïcode\n"),
                "text/plain; charset=utf-8");
        assertEquals("# Ünïcode\n", hub.resolve(ArtifactType.CODE, URI.create("https://github.com/acme/tiny-code"))
                .readme());
    }

    @Test
    void aRegistrationStopsAtItsBudgetOfRequests() {
        HttpUpstreamHub frugal = new HttpUpstreamHub(settings.withLimits(Duration.ofSeconds(30), 2,
                Duration.ofSeconds(1), 1, 10));
        SourceEvidence evidence = frugal.resolve(ArtifactType.MODEL, URI.create("https://huggingface.co/acme/tiny-model"));
        assertTrue(evidence.degradations().stream().anyMatch(d -> d.contains("REGISTRY_HUB_MAX_CALLS")),
                evidence.degradations().toString());
    }

    @Test
    void aTricklingFileTransferIsCutOff() throws java.io.IOException {
        fake.trickle("/files/slow.bin", 200);
        String url = fake.addFile("slow.bin", new byte[10]);
        HttpUpstreamHub impatient = new HttpUpstreamHub(settings.withTimeouts(Duration.ofSeconds(1),
                Duration.ofMillis(600)).withLimits(Duration.ofSeconds(30), 100, Duration.ofSeconds(1), 1_000, 10));
        SourceEvidence evidence = SourceEvidence.builder(SourceKind.WEB_DOWNLOAD, url, "slow.bin").build();
        long started = System.nanoTime();
        try (java.io.InputStream in = impatient.openFile(evidence, new io.trustregistry.core.model.SourceFile(
                "slow.bin", -1, Optional.empty()))) {
            java.io.IOException cut = assertThrows(java.io.IOException.class, in::readAllBytes);
            assertTrue(cut.getMessage().contains("slower than"), cut.getMessage());
        }
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(5).toNanos());
    }

    @Test
    void aRevokedGitHubTokenIsReportedAsTheOperatorsProblem() {
        fake.revokeToken("ghp_revoked");
        HttpUpstreamHub revoked = new HttpUpstreamHub(settings.withTokens(Optional.empty(), Optional.of("ghp_revoked")));
        UpstreamException.CredentialsRejected e = assertThrows(UpstreamException.CredentialsRejected.class,
                () -> revoked.resolve(ArtifactType.CODE, URI.create("https://github.com/acme/tiny-code")));
        assertTrue(e.getMessage().contains("GITHUB_TOKEN") && e.getMessage().contains("Bad credentials"),
                e.getMessage());
    }

    @Test
    void portZeroIsAnUnusableUrlNotAnOutage() {
        assertThrows(UpstreamException.Unsupported.class,
                () -> hub.resolve(ArtifactType.MODEL, URI.create("http://127.0.0.1:0/model.bin")));
    }
}
