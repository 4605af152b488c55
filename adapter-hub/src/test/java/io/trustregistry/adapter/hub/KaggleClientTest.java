package io.trustregistry.adapter.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.trustregistry.core.error.UpstreamException;
import io.trustregistry.core.license.LicenseFamily;
import io.trustregistry.core.license.SpdxLicenses;
import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.model.ComponentHealth;
import io.trustregistry.core.model.HealthStatus;
import io.trustregistry.core.model.Popularity;
import io.trustregistry.core.model.SourceEvidence;
import io.trustregistry.core.model.SourceFile;
import io.trustregistry.core.model.SourceKind;
import io.trustregistry.testkit.FakeKaggle;

/** Kaggle dataset ingest through {@link HttpUpstreamHub} against {@link FakeKaggle}. */
class KaggleClientTest {

    private static final String URL = "https://www.kaggle.com/datasets/acme/world-weather";
    private static final String EXPECTED_AUTH = "Basic " + Base64.getEncoder().encodeToString(
            (FakeKaggle.USERNAME + ":" + FakeKaggle.KEY).getBytes(StandardCharsets.UTF_8));

    private final FakeKaggle fake = FakeKaggle.start();
    // nothing answers on port 9: Hugging Face and GitHub are never called by these tests
    private final HubSettings hubSettings = HubSettings.defaults().pointedAt("http://127.0.0.1:9");
    private final KaggleSettings kaggle = KaggleSettings.defaults().pointedAt(fake.baseUrl())
            .withCredentials(FakeKaggle.USERNAME, FakeKaggle.KEY);
    private final HttpUpstreamHub hub = new HttpUpstreamHub(hubSettings, kaggle);

    @AfterEach
    void stop() {
        fake.close();
    }

    private FakeKaggle.DatasetBuilder weather() {
        return FakeKaggle.dataset("acme", "world-weather").title("World Weather")
                .subtitle("Daily observations from 5,000 stations").license("CC BY-SA 4.0")
                .description("# World Weather\n\nDaily temperature and rain, 1990-2024.\n")
                .downloads(12_345).votes(321).usability(0.882_352_9).version(3)
                .lastUpdated("2024-03-11T09:41:27.123Z")
                .file("stations.csv", 1_000).file("observations.csv", 2_500);
    }

    private SourceEvidence resolve(String url) {
        return hub.resolve(ArtifactType.DATASET, URI.create(url));
    }

    @Test
    void metadataSizeAndPopularityComeFromTheDatasetView() {
        fake.add(weather());
        SourceEvidence evidence = resolve(URL);
        assertEquals(SourceKind.KAGGLE_DATASET, evidence.kind());
        assertEquals(URL, evidence.canonicalUrl());
        assertEquals(Optional.of("acme/world-weather"), evidence.hubId());
        assertEquals("world-weather", evidence.suggestedName());
        assertEquals("# World Weather\n\nDaily temperature and rain, 1990-2024.\n", evidence.readme());
        assertEquals(Optional.of("CC-BY-SA-4.0"), evidence.license());
        assertEquals(3_500, evidence.totalSizeBytes());
        assertEquals(new Popularity(12_345, 321, Optional.of(Instant.parse("2024-03-11T09:41:27.123Z"))),
                evidence.popularity());
        assertEquals("World Weather", evidence.attributes().get("title"));
        assertEquals("Daily observations from 5,000 stations", evidence.attributes().get("subtitle"));
        assertEquals(0.882_352_9, Double.parseDouble(evidence.attributes().get("usability_rating")), 1e-9);
        assertEquals("3", evidence.attributes().get("version"));
        assertEquals(List.of(), evidence.degradations());
        // dataset quality counts a license only when it is a known one
        assertNotEquals(LicenseFamily.UNKNOWN, SpdxLicenses.classify(evidence.license()).family());
    }

    @Test
    void everyUrlFormOfTheDatasetResolvesToTheSameEvidence() {
        fake.add(weather());
        for (String url : List.of("https://KAGGLE.com/datasets/acme/world-weather/",
                "https://www.kaggle.com/datasets/acme/world-weather/versions/3?resource=download",
                "https://www.kaggle.com/datasets/acme/world-weather/data")) {
            SourceEvidence evidence = resolve(url);
            assertEquals(URL, evidence.canonicalUrl(), url);
            assertEquals(3_500, evidence.totalSizeBytes(), url);
        }
    }

    @Test
    void filesAreListedWithSizesAcrossPages() {
        FakeKaggle.DatasetBuilder many = FakeKaggle.dataset("acme", "many-files");
        for (int i = 0; i < 45; i++) {
            many.file(String.format("part-%03d.csv", i), 100 + i);
        }
        fake.add(many);
        SourceEvidence evidence = resolve("https://www.kaggle.com/datasets/acme/many-files");
        assertEquals(45, evidence.files().size());
        assertEquals(new SourceFile("part-000.csv", 100, Optional.empty()), evidence.files().get(0));
        assertEquals(new SourceFile("part-044.csv", 144, Optional.empty()), evidence.files().get(44));
        List<FakeKaggle.Call> pages = fake.callsTo("/api/v1/datasets/list/acme/many-files");
        assertEquals(3, pages.size(), "20 + 20 + 5 files");
        assertEquals("", pages.get(0).query());
        assertTrue(pages.get(1).query().startsWith("pageToken="), pages.get(1).query());
        assertEquals(List.of(), evidence.degradations());
    }

    @Test
    void theListingStopsAfterTenPagesAndSaysSo() {
        FakeKaggle.DatasetBuilder huge = FakeKaggle.dataset("acme", "huge");
        for (int i = 0; i < 230; i++) {
            huge.file("f" + i + ".bin", 10);
        }
        fake.add(huge);
        SourceEvidence evidence = resolve("https://www.kaggle.com/datasets/acme/huge");
        assertEquals(KaggleClient.MAX_FILE_PAGES * FakeKaggle.DEFAULT_PAGE_SIZE, evidence.files().size());
        assertEquals(KaggleClient.MAX_FILE_PAGES, fake.callsTo("/api/v1/datasets/list/").size());
        assertEquals(2_300, evidence.totalSizeBytes(), "the size is Kaggle's total, not the listed part");
        assertTrue(evidence.degradations().stream().anyMatch(d -> d.contains("truncated")),
                evidence.degradations().toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "CC0: Public Domain | CC0-1.0",
            "CC0-1.0 | CC0-1.0",
            "CC BY-SA 4.0 | CC-BY-SA-4.0",
            "CC BY-NC-SA 4.0 | CC-BY-NC-SA-4.0",
            "Attribution 4.0 International (CC BY 4.0) | CC-BY-4.0",
            "Apache 2.0 | Apache-2.0",
            "MIT | MIT",
            "GPL 2 | GPL-2.0",
            "ODbL-1.0 | ODbL-1.0",
            // the rest of the list in Kaggle/kaggle-api docs/datasets_metadata.md, "Licenses"
            "CC BY-SA 3.0 | CC-BY-SA-3.0",
            "CC BY 3.0 | CC-BY-3.0",
            "CC BY-NC 4.0 | CC-BY-NC-4.0",
            "CC BY-ND 4.0 | CC-BY-ND-4.0",
            "CC BY-NC-ND 4.0 | CC-BY-NC-ND-4.0",
            "GPL 3 | GPL-3.0",
            "LGPL-3.0 | LGPL-3.0",
            "AGPL-3.0 | AGPL-3.0",
            "ODC-By-1.0 | ODC-By-1.0",
            "PDDL | PDDL-1.0",
            "CDLA-Permissive-1.0 | CDLA-Permissive-1.0",
            "CDLA-Sharing-1.0 | CDLA-Sharing-1.0",
            "FDL-1.3 | GFDL-1.3",
            "Database: Open Database, Contents: © Original Authors | Database: Open Database, Contents: © Original Authors",
            "Other (specified in description) | Other (specified in description)"})
    void licenseNamesMapToSpdxWhereTheyClearlyAreOne(String kaggleName, String expected) {
        fake.add(weather().license(kaggleName));
        assertEquals(Optional.of(expected), resolve(URL).license());
    }

    @Test
    void basicCredentialsGoToTheApiOnEveryCall() {
        fake.add(weather());
        resolve(URL);
        List<FakeKaggle.Call> calls = fake.calls();
        assertEquals(2, calls.size(), "view, then one page of files: " + calls);
        for (FakeKaggle.Call call : calls) {
            assertEquals(Optional.of(EXPECTED_AUTH), call.header("Authorization"), call.path());
        }
        assertEquals("/api/v1/datasets/view/acme/world-weather", calls.get(0).path());
    }

    @Test
    void withoutCredentialsTheUrlAloneIsRegisteredAndTheGapIsNoted() {
        fake.add(weather());
        HttpUpstreamHub anonymous = new HttpUpstreamHub(hubSettings, KaggleSettings.defaults()
                .pointedAt(fake.baseUrl()));
        SourceEvidence evidence = anonymous.resolve(ArtifactType.DATASET, URI.create(URL + "/data"));
        assertEquals(SourceKind.KAGGLE_DATASET, evidence.kind());
        assertEquals(URL, evidence.canonicalUrl());
        assertEquals("world-weather", evidence.suggestedName());
        assertEquals(0, evidence.totalSizeBytes());
        assertEquals(Optional.empty(), evidence.license());
        assertEquals(1, evidence.degradations().size());
        assertTrue(evidence.degradations().get(0).contains("KAGGLE_USERNAME/KAGGLE_KEY"),
                evidence.degradations().get(0));
        assertTrue(evidence.degradations().get(0).contains("not configured"), evidence.degradations().get(0));
        assertEquals(List.of(), fake.calls(), "no point asking Kaggle anonymously");
    }

    @Test
    void refusedCredentialsDegradeTheEvidenceInsteadOfFailing() {
        fake.add(weather());
        HttpUpstreamHub wrong = new HttpUpstreamHub(hubSettings, kaggle.withCredentials(FakeKaggle.USERNAME,
                "not-the-key"));
        SourceEvidence evidence = wrong.resolve(ArtifactType.DATASET, URI.create(URL));
        assertEquals("world-weather", evidence.suggestedName());
        assertEquals(URL, evidence.canonicalUrl());
        assertEquals(0, evidence.totalSizeBytes());
        assertEquals(1, evidence.degradations().size());
        String note = evidence.degradations().get(0);
        assertTrue(note.contains("refused") && note.contains("KAGGLE_USERNAME/KAGGLE_KEY") && note.contains("401"),
                note);
        assertEquals(1, fake.calls().size(), "a 401 is not retried");
        io.trustregistry.core.model.ComponentHealth health = wrong.checkHealth().stream()
                .filter(c -> c.id().equals("hub-kaggle")).findFirst().orElseThrow();
        assertEquals("rejected", health.metrics().get("credentials"), health.toString());
        assertEquals(io.trustregistry.core.model.HealthStatus.DEGRADED, health.status());
    }

    @Test
    void aMissingDatasetIsNotFound() {
        UpstreamException.SourceNotFound e = assertThrows(UpstreamException.SourceNotFound.class,
                () -> resolve("https://www.kaggle.com/datasets/acme/no-such-data"));
        assertTrue(e.getMessage().contains("acme/no-such-data"), e.getMessage());
    }

    @Test
    void anotherUsersPrivateDatasetIsDegradedNotRead() {
        fake.add(FakeKaggle.dataset("someone-else", "secret").privateDataset().file("a.csv", 1));
        SourceEvidence evidence = resolve("https://www.kaggle.com/datasets/someone-else/secret");
        assertEquals(0, evidence.totalSizeBytes());
        assertTrue(evidence.degradations().get(0).contains("403"), evidence.degradations().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"MODEL", "CODE"})
    void aKaggleDatasetIsOnlyEverADataset(ArtifactType type) {
        fake.add(weather());
        UpstreamException.Unsupported e = assertThrows(UpstreamException.Unsupported.class,
                () -> hub.resolve(type, URI.create(URL)));
        assertTrue(e.getMessage().startsWith("a Kaggle dataset cannot be registered as "
                + (type == ArtifactType.MODEL ? "a model" : "code")), e.getMessage());
        assertEquals(List.of(), fake.calls());
    }

    @Test
    void theDatasetZipStreamsFromTheSignedUrlAtTheResolvedVersion() throws IOException {
        fake.add(weather());
        // today's HttpFetcher forwards Authorization across hosts, which a real signed URL refuses
        SourceEvidence evidence = resolve(URL);
        byte[] zip;
        try (InputStream in = hub.openFile(evidence, new SourceFile("world-weather.zip", -1, Optional.empty()))) {
            zip = in.readAllBytes();
        }
        assertArrayEquals(fake.archive("acme", "world-weather"), zip);
        assertEquals(List.of("stations.csv", "observations.csv"), entries(zip));
        List<FakeKaggle.Call> downloads = fake.callsTo("/api/v1/datasets/download/");
        assertEquals(1, downloads.size());
        assertEquals("/api/v1/datasets/download/acme/world-weather", downloads.get(0).path());
        assertEquals("datasetVersionNumber=3", downloads.get(0).query());
        assertEquals(Optional.of(EXPECTED_AUTH), downloads.get(0).header("Authorization"));
        assertEquals(1, fake.storageCalls().size(), "the 302 was followed to the storage host");
    }

    @Test
    void oneListedFileStreamsOnItsOwn() throws IOException {
        fake.add(weather());
        SourceEvidence evidence = resolve(URL);
        SourceFile stations = evidence.files().get(0);
        try (InputStream in = hub.openFile(evidence, stations)) {
            byte[] bytes = in.readAllBytes();
            assertEquals(stations.size(), bytes.length);
            assertArrayEquals(fake.fileContent("acme", "world-weather", "stations.csv"), bytes);
        }
        assertEquals("/api/v1/datasets/download/acme/world-weather/stations.csv",
                fake.callsTo("/api/v1/datasets/download/").get(0).path());
    }

    @Test
    void credentialsNeverReachTheStorageHost() throws IOException {
        fake.add(weather());
        SourceEvidence evidence = resolve(URL);
        try (InputStream in = hub.openFile(evidence, new SourceFile("world-weather.zip", -1, Optional.empty()))) {
            assertArrayEquals(fake.archive("acme", "world-weather"), in.readAllBytes());
        }
        assertEquals(1, fake.storageCalls().size());
        assertFalse(fake.storageCalls().get(0).header("Authorization").isPresent());
    }

    @Test
    void downloadsWithoutCredentialsAreDeniedBeforeAnyRequest() {
        fake.add(weather());
        HttpUpstreamHub anonymous = new HttpUpstreamHub(hubSettings, KaggleSettings.defaults()
                .pointedAt(fake.baseUrl()));
        SourceEvidence evidence = anonymous.resolve(ArtifactType.DATASET, URI.create(URL));
        assertThrows(UpstreamException.AccessDenied.class, () -> anonymous.openFile(evidence,
                new SourceFile("world-weather.zip", -1, Optional.empty())));
        assertEquals(List.of(), fake.calls());
    }

    /** Kaggle answers 429 without saying when to come back (kaggle-cli #132): retried, then reported. */
    @Test
    void aRateLimitOnTheDatasetViewIsRetriedThenStopsTheRegistration() {
        fake.add(weather());
        fake.failNext("/api/v1/datasets/view/", 429, 100, Map.of());
        UpstreamException.RateLimited e = assertThrows(UpstreamException.RateLimited.class, () -> resolve(URL));
        assertEquals("127.0.0.1 is rate-limiting the registry; retry then", e.getMessage());
        assertEquals(Optional.empty(), e.retryAfter());
        assertEquals(hubSettings.maxAttempts(), fake.callsTo("/api/v1/datasets/view/").size());
        assertEquals(List.of(), fake.callsTo("/api/v1/datasets/list/"), "nothing more is asked once limited");
    }

    /** A rate limit is no gap in the evidence: the registration answers 503 with the wait, not a thinner rating. */
    @Test
    void aRateLimitWhileListingFilesStopsTheRegistrationInsteadOfDegradingIt() {
        fake.add(weather());
        fake.failNext("/api/v1/datasets/list/", 429, 100, Map.of("Retry-After", "3600"));
        UpstreamException.RateLimited e = assertThrows(UpstreamException.RateLimited.class, () -> resolve(URL));
        assertEquals("127.0.0.1 is rate-limiting the registry; it accepts requests again in 3600 s; retry then",
                e.getMessage());
        assertEquals(Optional.of(java.time.Duration.ofHours(1)), e.retryAfter());
        assertEquals(1, fake.callsTo("/api/v1/datasets/list/").size(), "an hour is too long to wait");
    }

    @Test
    void aListingFailingOnItsSecondPageKeepsTheFirstAndSaysSo() {
        FakeKaggle.DatasetBuilder many = FakeKaggle.dataset("acme", "many-files");
        for (int i = 0; i < 45; i++) {
            many.file(String.format("part-%03d.csv", i), 100);
        }
        fake.add(many);
        fake.failNext("/api/v1/datasets/list/acme/many-files?pageToken=", 500, 100, Map.of());
        SourceEvidence evidence = resolve("https://www.kaggle.com/datasets/acme/many-files");
        assertEquals(FakeKaggle.DEFAULT_PAGE_SIZE, evidence.files().size());
        assertEquals(4_500, evidence.totalSizeBytes(), "the size is still Kaggle's total");
        assertEquals(1, evidence.degradations().size(), evidence.degradations().toString());
        String note = evidence.degradations().get(0);
        assertTrue(note.startsWith("Kaggle file listing unavailable after 20 files: could not fetch "
                + fake.baseUrl() + "/datasets/list/acme/many-files?pageToken="), note);
        assertTrue(note.endsWith(" after 3 attempts: HTTP 500 from 127.0.0.1"), note);
    }

    @Test
    void aListingKaggleAnswersWithAnErrorMessageDegradesTheEvidence() {
        fake.add(weather().listingError("Dataset files are being processed"));
        SourceEvidence evidence = resolve(URL);
        assertEquals(List.of(), evidence.files());
        assertEquals(List.of("Kaggle file listing failed: Dataset files are being processed"), evidence.degradations());
        assertEquals(3_500, evidence.totalSizeBytes(), "the view's total still counts");
    }

    /** A maintenance page or proxy answering for Kaggle is an outage of Kaggle, named as such, and shows in health. */
    @Test
    void anHtmlPageInsteadOfTheDatasetViewIsAnOutageOfKaggle() {
        fake.add(weather());
        fake.answerNext("/api/v1/datasets/view/", 200, "text/html", "<html><body>Kaggle is down for maintenance"
                + "</body></html>", 1);
        UpstreamException.Unavailable e = assertThrows(UpstreamException.Unavailable.class, () -> resolve(URL));
        assertTrue(e.getMessage().startsWith("the Kaggle API (KAGGLE_API_URL=" + fake.baseUrl() + ") is unreachable"
                + " or failing: 127.0.0.1 sent malformed JSON for /api/v1/datasets/view/acme/world-weather;"),
                e.getMessage());
        ComponentHealth health = hub.checkHealth().stream().filter(c -> c.id().equals("hub-kaggle")).findFirst()
                .orElseThrow();
        assertEquals(HealthStatus.CRITICAL, health.status(), health.toString());
        // the next registration gets through and clears the outage
        assertEquals(3_500, resolve(URL).totalSizeBytes());
        assertEquals(HealthStatus.OK, hub.checkHealth().stream().filter(c -> c.id().equals("hub-kaggle")).findFirst()
                .orElseThrow().status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "null", "\"ok\""})
    void jsonThatIsNoObjectIsAnUnexpectedAnswer(String body) {
        fake.add(weather());
        fake.answerNext("/api/v1/datasets/view/", 200, "application/json", body, 1);
        UpstreamException.Unavailable e = assertThrows(UpstreamException.Unavailable.class, () -> resolve(URL));
        assertTrue(e.getMessage().contains(": 127.0.0.1 sent an unexpected answer for"
                + " /api/v1/datasets/view/acme/world-weather;"), e.getMessage());
    }

    /** kagglesdk leaves unset fields out: the evidence falls back on what the listing and the URL tell. */
    @Test
    void aViewWithoutSizeLicenseDateOrCountsFallsBackOnTheListing() {
        fake.add(weather().withoutFields("totalBytes", "licenseName", "lastUpdated", "downloadCount", "voteCount",
                "ref", "title", "subtitle", "description", "usabilityRating", "tags"));
        SourceEvidence evidence = resolve(URL);
        assertEquals(3_500, evidence.totalSizeBytes(), "the sum of the listed files");
        assertEquals(Optional.empty(), evidence.license());
        assertEquals(new Popularity(-1, -1, Optional.empty()), evidence.popularity());
        assertEquals(Optional.of("acme/world-weather"), evidence.hubId());
        assertEquals("# world-weather\n\n", evidence.readme(), "a heading from the slug when there is no title");
        assertFalse(evidence.attributes().containsKey("title") || evidence.attributes().containsKey("tags")
                || evidence.attributes().containsKey("license_name"), evidence.attributes().toString());
        assertEquals(List.of(), evidence.degradations());
    }

    @Test
    void aBlankLicenseNameIsNoLicense() {
        fake.add(weather().license("  "));
        assertEquals(Optional.empty(), resolve(URL).license());
        assertEquals(Optional.empty(), KaggleClient.spdx(null));
    }

    @Test
    void aDescriptionLongerThanTheReadmeCapIsCut() {
        String description = "# Huge\n\n" + "x".repeat(hubSettings.maxReadmeBytes());
        fake.add(weather().description(description));
        SourceEvidence evidence = resolve(URL);
        assertEquals(description.substring(0, hubSettings.maxReadmeBytes()), evidence.readme());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "2024-03-11T09:41:27.123Z | 2024-03-11T09:41:27.123Z",
            "2024-03-11T09:41:27.123 | 2024-03-11T09:41:27.123Z",
            "2024-03-11T09:41:27 | 2024-03-11T09:41:27Z",
            "2024-03-11T09:41:27.123456789Z | 2024-03-11T09:41:27.123456789Z",
            "last Tuesday | NULL",
            "2024-03-11 | NULL",
            "'' | NULL"})
    void kaggleTimestampsParseWithOrWithoutAZone(String text, String expected) {
        assertEquals(Optional.ofNullable(expected).map(Instant::parse), KaggleClient.kaggleTime(text));
    }

    @Test
    void aLastUpdatedWithoutZoneIsUtcAndAnUnreadableOneIsUnknown() {
        fake.add(weather().lastUpdated("2024-03-11T09:41:27.123"));
        assertEquals(Optional.of(Instant.parse("2024-03-11T09:41:27.123Z")), resolve(URL).popularity().lastModified());
        fake.add(weather().lastUpdated("not a date"));
        assertEquals(Optional.empty(), resolve(URL).popularity().lastModified());
    }

    /** A file removed from the dataset since it was registered: Kaggle has no such file to redirect to. */
    @Test
    void downloadingAFileKaggleNoLongerHasIsNotFound() {
        fake.add(weather());
        SourceEvidence evidence = resolve(URL);
        UpstreamException.SourceNotFound e = assertThrows(UpstreamException.SourceNotFound.class,
                () -> hub.openFile(evidence, new SourceFile("gone.csv", 10, Optional.empty())));
        assertEquals("127.0.0.1 has no /api/v1/datasets/download/acme/world-weather/gone.csv (HTTP 404)",
                e.getMessage());
        assertEquals(List.of(), fake.storageCalls());
    }

    /** Evidence stored without the dataset's ref (recorded by hand or by an older registry) cannot name a download. */
    @Test
    void evidenceWithoutADatasetRefCannotBeDownloaded() {
        SourceEvidence bare = SourceEvidence.builder(SourceKind.KAGGLE_DATASET, URL, "world-weather")
                .popularity(Popularity.UNKNOWN).build();
        UpstreamException.Unsupported e = assertThrows(UpstreamException.Unsupported.class,
                () -> hub.openFile(bare, new SourceFile("world-weather.zip", -1, Optional.empty())));
        assertEquals("the evidence of " + URL + " names no Kaggle dataset", e.getMessage());
        assertEquals(List.of(), fake.calls());
    }

    private static List<String> entries(byte[] zip) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                names.add(entry.getName());
            }
        }
        return names;
    }
}
