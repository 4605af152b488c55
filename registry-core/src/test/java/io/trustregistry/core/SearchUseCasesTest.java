package io.trustregistry.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.trustregistry.core.error.InvalidRequestException;
import io.trustregistry.core.error.NotFoundException;
import io.trustregistry.core.model.ArtifactMetadata;
import io.trustregistry.core.model.ArtifactPage;
import io.trustregistry.core.model.ArtifactQuery;
import io.trustregistry.core.model.ArtifactRecord;
import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.model.Principal;
import io.trustregistry.core.port.in.RegisterArtifactUseCase;

class SearchUseCasesTest {

    private final TestRegistry t = new TestRegistry(RegistrySettings.defaults().withPageSize(4));
    private final Registry registry = t.registry;
    private final Principal admin = t.admin();

    private ArtifactRecord register(ArtifactType type, String url, String name) {
        return registry.registerArtifact().register(admin,
                new RegisterArtifactUseCase.Command(type, url, Optional.ofNullable(name)));
    }

    private List<ArtifactMetadata> registerMany(int n) {
        String url = t.publishModel("acme/many", 1);
        List<ArtifactMetadata> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(register(ArtifactType.MODEL, url, "m" + i).metadata());
        }
        return all;
    }

    @Test
    void followingTheOffsetCursorWalksEverythingOnce() {
        List<ArtifactMetadata> all = registerMany(10);
        List<ArtifactMetadata> seen = new ArrayList<>();
        Optional<String> offset = Optional.empty();
        do {
            ArtifactPage page = registry.listArtifacts().list(admin, List.of(ArtifactQuery.everything()), offset);
            seen.addAll(page.items());
            offset = page.nextCursor().map(Object::toString);
        } while (offset.isPresent());
        assertEquals(all, seen);
    }

    @Test
    void numericPositionsAreAcceptedToo() {
        List<ArtifactMetadata> all = registerMany(10);
        assertEquals(all.subList(3, 7),
                registry.listArtifacts().list(admin, List.of(ArtifactQuery.everything()), Optional.of("3")).items());
        assertEquals(all.subList(8, 10),
                registry.listArtifacts().list(admin, List.of(ArtifactQuery.everything()), Optional.of("8")).items());
        assertEquals(List.of(),
                registry.listArtifacts().list(admin, List.of(ArtifactQuery.everything()), Optional.of("999999999"))
                        .items());
        assertEquals(List.of(), registry.listArtifacts()
                .list(admin, List.of(ArtifactQuery.everything()), Optional.of("99999999999999999999999")).items());
    }

    @Test
    void nonsenseOffsetsAndEmptyQueriesAreClientErrors() {
        for (String offset : new String[] {"-1", "abc/def", "1.5", "x".repeat(200), "a b"}) {
            assertThrows(InvalidRequestException.class, () -> registry.listArtifacts()
                    .list(admin, List.of(ArtifactQuery.everything()), Optional.of(offset)), offset);
        }
        assertThrows(InvalidRequestException.class,
                () -> registry.listArtifacts().list(admin, List.of(), Optional.empty()));
    }

    @Test
    void byNameIsExactAndSaysWhenNothingMatches() {
        String url = t.publishModel("acme/x", 1);
        ArtifactRecord one = register(ArtifactType.MODEL, url, "audience-classifier");
        ArtifactRecord two = register(ArtifactType.MODEL, url, "audience-classifier");
        register(ArtifactType.MODEL, url, "Audience-Classifier");
        assertEquals(List.of(one.metadata(), two.metadata()),
                registry.findByName().findByName(admin, "audience-classifier"));
        assertThrows(NotFoundException.class, () -> registry.findByName().findByName(admin, "audience"));
        assertThrows(InvalidRequestException.class, () -> registry.findByName().findByName(admin, "*"));
    }

    @Test
    void regexSearchesNamesAndReadmesUnanchoredAndCaseSensitively() {
        String quiet = t.publishModel("acme/quiet", "nothing here", Optional.empty(), 1, 1, List.of(), List.of(),
                List.of());
        String loud = t.publishModel("acme/loud", "This README mentions Whisper decoding.", Optional.empty(), 1, 1,
                List.of(), List.of(), List.of());
        ArtifactRecord bert = register(ArtifactType.MODEL, quiet, "bert-base-uncased");
        ArtifactRecord readmeHit = register(ArtifactType.MODEL, loud, "some-model");
        register(ArtifactType.DATASET, t.publishDataset("acme/books", 1), "bookcorpus");

        assertEquals(List.of(bert.metadata()), registry.searchByRegex().search(admin, "bert"));
        assertEquals(List.of(bert.metadata()), registry.searchByRegex().search(admin, ".*?(audience|bert).*"));
        assertEquals(List.of(readmeHit.metadata()), registry.searchByRegex().search(admin, "Whisper"));
        assertThrows(NotFoundException.class, () -> registry.searchByRegex().search(admin, "WHISPER"));
        assertThrows(NotFoundException.class, () -> registry.searchByRegex().search(admin, "^ert"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"(", "[a-", "a{2,1}", "(?=lookahead)", "(a)\\1", ""})
    void invalidPatternsAreClientErrors(String regex) {
        register(ArtifactType.MODEL, t.publishModel("acme/x", 1), "x");
        assertThrows(InvalidRequestException.class, () -> registry.searchByRegex().search(admin, regex));
    }

    @ParameterizedTest
    @ValueSource(strings = {"(a+)+$", "(a|aa)+$", "(a|a)*?$", "((a+)+)+b", "(a+?)+?$", "(.*a){20}$",
            "(a{1,99999}){1,99999}$", "(a{1,100}){1,100}$", "((((a*)*)*)*)*c"})
    void catastrophicPatternsAnswerWithinTheirBudget(String regex) {
        String url = t.publishModel("acme/a", "a".repeat(5_000) + "!", Optional.empty(), 1, 1, List.of(), List.of(),
                List.of());
        for (int i = 0; i < 20; i++) {
            register(ArtifactType.MODEL, url, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab");
        }
        // the default budget is 1 s; the rest is slack for a busy machine under the coverage agent (a
        // pattern that escaped its budget would take hours)
        assertTimeoutPreemptively(Duration.ofSeconds(3), () -> {
            try {
                List<ArtifactMetadata> found = registry.searchByRegex().search(admin, regex);
                assertTrue(found.size() <= 20);
            } catch (NotFoundException | InvalidRequestException expected) {
                // an honest "no match" or "pattern refused" is an answer too
            }
        });
    }

    @Test
    void oneLongReadmeCannotHoldASearchPastItsBudget() {
        TestRegistry strict = new TestRegistry(RegistrySettings.builder().regexTimeBudget(Duration.ofMillis(200))
                .build());
        Principal root = strict.admin();
        String url = strict.publishModel("acme/long", "a".repeat(500_000), Optional.empty(), 1, 1, List.of(),
                List.of(), List.of());
        strict.registry.registerArtifact().register(root, new RegisterArtifactUseCase.Command(ArtifactType.MODEL, url,
                Optional.empty()));
        long started = System.nanoTime();
        // linear-time in RE2/J, but hundreds of NFA states per character: seconds on a 500 kB README
        InvalidRequestException late = assertThrows(InvalidRequestException.class,
                () -> strict.registry.searchByRegex().search(root, "(a?){100}a{100}b"));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(late.getMessage().contains("did not finish within 200 ms"), late.getMessage());
        assertTrue(millis < 1_000, "took " + millis + " ms against a 200 ms budget");
    }

    @Test
    void typesFilterEnumeration() {
        ArtifactRecord model = register(ArtifactType.MODEL, t.publishModel("acme/m", 1), null);
        ArtifactRecord data = register(ArtifactType.DATASET, t.publishDataset("acme/d", 1), null);
        assertEquals(List.of(data.metadata()), registry.listArtifacts().list(admin,
                List.of(new ArtifactQuery(Optional.empty(), Set.of(ArtifactType.DATASET))), Optional.empty()).items());
        assertEquals(List.of(model.metadata(), data.metadata()), registry.listArtifacts().list(admin,
                List.of(new ArtifactQuery(Optional.of("m"), Set.of()), new ArtifactQuery(Optional.of("d"), Set.of())),
                Optional.empty()).items());
    }
}
