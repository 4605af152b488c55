package io.trustregistry.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.trustregistry.core.error.ConflictException;
import io.trustregistry.core.error.NotFoundException;
import io.trustregistry.core.model.ArtifactId;
import io.trustregistry.core.model.ArtifactKeys;
import io.trustregistry.core.model.ArtifactMetadata;
import io.trustregistry.core.model.ArtifactName;
import io.trustregistry.core.model.ArtifactPage;
import io.trustregistry.core.model.ArtifactQuery;
import io.trustregistry.core.model.ArtifactRecord;
import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.model.CatalogChange;
import io.trustregistry.core.model.HealthStatus;
import io.trustregistry.core.model.MonitorProgram;
import io.trustregistry.core.model.Sensitivity;
import io.trustregistry.core.model.SourceEvidence;
import io.trustregistry.core.model.SourceKind;
import io.trustregistry.core.port.out.ArtifactCatalog;

/**
 * What every {@link ArtifactCatalog} must do. An adapter's test extends this class and supplies
 * a fresh, empty catalog per test.
 */
public abstract class ArtifactCatalogContract {

    protected ArtifactCatalog catalog;

    /** A new, empty catalog. Called before each test. */
    protected abstract ArtifactCatalog newCatalog() throws Exception;

    /** Releases what {@link #newCatalog()} acquired. */
    protected void closeCatalog(ArtifactCatalog catalog) throws Exception {
    }

    @BeforeEach
    void openCatalog() throws Exception {
        catalog = newCatalog();
    }

    @AfterEach
    void releaseCatalog() throws Exception {
        closeCatalog(catalog);
    }

    @Test
    void insertedRecordReadsBackEqualInEveryField() {
        ArtifactRecord record = TestArtifacts.model("bert-base-uncased");
        catalog.insert(record);
        assertEquals(Optional.of(record), catalog.find(record.id()));
    }

    @Test
    void aSensitiveModelKeepsItsMonitorProgramThroughUpdates() {
        ArtifactRecord record = TestArtifacts.model("guarded");
        catalog.insert(record);
        String program = "const [, , model, up, down, zip] = process.argv;\n"
                + "if (down === 'mallory') { console.log(`no ${model} for you, \"${down}\"`); process.exit(1); }\n"
                + "// ünïcødé \u2603";
        ArtifactRecord marked = record.withSensitivity(Optional.of(new Sensitivity("admin", TestArtifacts.T0,
                Optional.of(MonitorProgram.of(program, "alice", TestArtifacts.T0.plusSeconds(1))))));
        catalog.update(marked, record.revision());
        assertEquals(Optional.of(marked), catalog.find(record.id()));
        ArtifactRecord unmarked = marked.withSensitivity(Optional.empty());
        catalog.update(unmarked, marked.revision());
        assertEquals(Optional.of(unmarked), catalog.find(record.id()));
        assertTrue(catalog.find(record.id()).orElseThrow().sensitivity().isEmpty());
    }

    @Test
    void hostileStringsRoundTripUntouched() {
        String sqlish = "x'); DROP TABLE artifacts; -- \"quoted\" `tick` \\ back";
        SourceEvidence evidence = TestArtifacts.evidence(SourceKind.WEB_DOWNLOAD, "files/" + "ünïcødé-模型")
                .readme(sqlish + "\n\u2603 snowman and emoji \uD83D\uDE00").license(sqlish).build();
        ArtifactRecord record = TestArtifacts.record(ArtifactType.DATASET, sqlish, evidence);
        catalog.insert(record);
        assertEquals(Optional.of(record), catalog.find(record.id()));
        assertEquals(List.of(record), catalog.findByName(sqlish));
    }

    @Test
    void unknownIdIsEmptyNotAnError() {
        assertEquals(Optional.empty(), catalog.find(TestArtifacts.nextId()));
    }

    @Test
    void duplicateIdConflictsAndKeepsTheOriginal() {
        ArtifactRecord original = TestArtifacts.model("first");
        catalog.insert(original);
        ArtifactRecord impostor = ArtifactRecord.registered(new ArtifactMetadata(new ArtifactName("second"),
                original.id(), ArtifactType.MODEL), "https://example.com/x", original.evidence(), "mallory",
                Instant.now());
        assertThrows(ConflictException.class, () -> catalog.insert(impostor));
        assertEquals(Optional.of(original), catalog.find(original.id()));
        assertEquals(1, catalog.count());
    }

    @Test
    void updateWithCurrentRevisionReplacesTheRecord() {
        ArtifactRecord original = TestArtifacts.model("evolving");
        catalog.insert(original);
        ArtifactRecord updated = original.updatedWith(original.name(), "https://huggingface.co/acme/evolving-v2",
                TestArtifacts.evidence(SourceKind.HUGGING_FACE_MODEL, "acme/evolving-v2").build(),
                TestArtifacts.T0.plusSeconds(60));
        catalog.update(updated, 1);
        assertEquals(Optional.of(updated), catalog.find(original.id()));
        assertEquals(2, catalog.find(original.id()).orElseThrow().revision());
    }

    @Test
    void updateWithStaleRevisionConflictsAndChangesNothing() {
        ArtifactRecord original = TestArtifacts.model("contended");
        catalog.insert(original);
        ArtifactRecord first = original.updatedWith(original.name(), "https://a", original.evidence(), Instant.now());
        catalog.update(first, 1);
        ArtifactRecord stale = original.updatedWith(original.name(), "https://b", original.evidence(), Instant.now());
        assertThrows(ConflictException.class, () -> catalog.update(stale, 1));
        assertEquals("https://a", catalog.find(original.id()).orElseThrow().sourceUrl());
    }

    @Test
    void updateOfUnknownIdIsNotFound() {
        ArtifactRecord ghost = TestArtifacts.model("ghost");
        ArtifactRecord next = ghost.updatedWith(ghost.name(), "https://x", ghost.evidence(), Instant.now());
        assertThrows(NotFoundException.class, () -> catalog.update(next, 1));
        assertEquals(0, catalog.count());
    }

    @Test
    void renameMovesTheRecordBetweenNames() {
        ArtifactRecord original = TestArtifacts.model("old-name");
        catalog.insert(original);
        ArtifactRecord renamed = original.updatedWith(new ArtifactName("new-name"), original.sourceUrl(),
                original.evidence(), Instant.now());
        catalog.update(renamed, 1);
        assertEquals(List.of(), catalog.findByName("old-name"));
        assertEquals(List.of(renamed), catalog.findByName("new-name"));
        ArtifactPage page = catalog.page(List.of(new ArtifactQuery(Optional.of("old-name"), Set.of())),
                Optional.empty(), 10);
        assertEquals(List.of(), page.items());
    }

    @Test
    void deleteIsIdempotent() {
        ArtifactRecord record = TestArtifacts.dataset("doomed");
        catalog.insert(record);
        assertTrue(catalog.delete(record.id()));
        assertFalse(catalog.delete(record.id()));
        assertEquals(Optional.empty(), catalog.find(record.id()));
        assertEquals(List.of(), catalog.findByName("doomed"));
        assertEquals(0, catalog.count());
    }

    @Test
    void pagesWalkEverythingInIdOrderWithCursors() {
        List<ArtifactMetadata> all = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ArtifactRecord record = i % 2 == 0 ? TestArtifacts.model("m" + i) : TestArtifacts.code("c" + i);
            catalog.insert(record);
            all.add(record.metadata());
        }
        List<ArtifactMetadata> seen = new ArrayList<>();
        Optional<ArtifactId> cursor = Optional.empty();
        int pages = 0;
        do {
            ArtifactPage page = catalog.page(List.of(ArtifactQuery.everything()), cursor, 3);
            seen.addAll(page.items());
            cursor = page.nextCursor();
            pages++;
        } while (cursor.isPresent() && pages < 10);
        assertEquals(all, seen);
        assertEquals(3, pages);
    }

    @Test
    void aFullLastPageHasNoCursor() {
        for (int i = 0; i < 4; i++) {
            catalog.insert(TestArtifacts.model("m" + i));
        }
        ArtifactPage first = catalog.page(List.of(ArtifactQuery.everything()), Optional.empty(), 2);
        ArtifactPage second = catalog.page(List.of(ArtifactQuery.everything()), first.nextCursor(), 2);
        assertTrue(first.nextCursor().isPresent());
        assertEquals(2, second.items().size());
        assertEquals(Optional.empty(), second.nextCursor());
    }

    @Test
    void aCursorWhoseArtifactWasDeletedStillContinues() {
        List<ArtifactRecord> records = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ArtifactRecord record = TestArtifacts.model("m" + i);
            records.add(record);
            catalog.insert(record);
        }
        ArtifactPage first = catalog.page(List.of(ArtifactQuery.everything()), Optional.empty(), 2);
        catalog.delete(first.nextCursor().orElseThrow());
        ArtifactPage second = catalog.page(List.of(ArtifactQuery.everything()), first.nextCursor(), 2);
        assertEquals(List.of(records.get(2).metadata(), records.get(3).metadata()), second.items());
    }

    @Test
    void queriesFilterByExactNameAndTypeAndUniteWithoutDuplicates() {
        ArtifactRecord bertModel = TestArtifacts.model("bert");
        ArtifactRecord bertCode = TestArtifacts.code("bert");
        ArtifactRecord bertUpper = TestArtifacts.model("BERT");
        ArtifactRecord books = TestArtifacts.dataset("bookcorpus");
        List.of(bertModel, bertCode, bertUpper, books).forEach(catalog::insert);

        assertEquals(List.of(bertModel.metadata(), bertCode.metadata()),
                catalog.page(List.of(new ArtifactQuery(Optional.of("bert"), Set.of())), Optional.empty(), 10).items());
        assertEquals(List.of(bertCode.metadata()), catalog.page(List.of(
                new ArtifactQuery(Optional.of("bert"), Set.of(ArtifactType.CODE))), Optional.empty(), 10).items());
        assertEquals(List.of(bertModel.metadata(), bertUpper.metadata()), catalog.page(List.of(
                new ArtifactQuery(Optional.empty(), Set.of(ArtifactType.MODEL))), Optional.empty(), 10).items());
        List<ArtifactQuery> overlapping = List.of(
                new ArtifactQuery(Optional.of("bert"), Set.of()),
                new ArtifactQuery(Optional.empty(), Set.of(ArtifactType.MODEL, ArtifactType.CODE)),
                new ArtifactQuery(Optional.of("bookcorpus"), Set.of(ArtifactType.DATASET)));
        assertEquals(List.of(bertModel.metadata(), bertCode.metadata(), bertUpper.metadata(), books.metadata()),
                catalog.page(overlapping, Optional.empty(), 10).items());
        assertEquals(List.of(), catalog.page(List.of(new ArtifactQuery(Optional.of("nope"), Set.of())),
                Optional.empty(), 10).items());
    }

    @Test
    void findByNameIsExactAndCaseSensitive() {
        ArtifactRecord a = TestArtifacts.model("whisper-tiny");
        ArtifactRecord b = TestArtifacts.code("whisper-tiny");
        catalog.insert(a);
        catalog.insert(b);
        catalog.insert(TestArtifacts.model("Whisper-Tiny"));
        catalog.insert(TestArtifacts.model("whisper-tiny-v2"));
        assertEquals(List.of(a, b), catalog.findByName("whisper-tiny"));
        assertEquals(List.of(), catalog.findByName("whisper"));
    }

    @Test
    void identityAndReferenceKeysFindLinkedArtifacts() {
        ArtifactRecord parent = TestArtifacts.model("bert-base-uncased");
        ArtifactRecord child = TestArtifacts.modelDerivedFrom("audience-classifier", "acme/bert-base-uncased");
        ArtifactRecord unrelated = TestArtifacts.model("whisper");
        List.of(parent, child, unrelated).forEach(catalog::insert);

        assertEquals(List.of(parent), catalog.findByIdentityKeys(List.of("hf-model:acme/bert-base-uncased")));
        assertEquals(List.of(parent), catalog.findByIdentityKeys(List.of("hf-model:bert-base-uncased")));
        assertEquals(List.of(child), catalog.findReferencing(ArtifactKeys.identityKeys(parent)));
        assertEquals(List.of(), catalog.findReferencing(ArtifactKeys.identityKeys(unrelated)));
        assertEquals(List.of(), catalog.findByIdentityKeys(List.of("hf-model:nothing")));

        catalog.delete(child.id());
        assertEquals(List.of(), catalog.findReferencing(ArtifactKeys.identityKeys(parent)));
    }

    @Test
    void scanVisitsInIdOrderAndStopsWhenAsked() {
        List<ArtifactRecord> records = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ArtifactRecord record = TestArtifacts.dataset("d" + i);
            records.add(record);
            catalog.insert(record);
        }
        List<ArtifactRecord> visited = new ArrayList<>();
        catalog.scan(visited::add);
        assertEquals(records, visited);
        List<ArtifactRecord> firstTwo = new ArrayList<>();
        catalog.scan(r -> {
            firstTwo.add(r);
            return firstTwo.size() < 2;
        });
        assertEquals(records.subList(0, 2), firstTwo);
    }

    @Test
    void clearEmptiesEverythingAndIsIdempotent() {
        catalog.insert(TestArtifacts.model("a"));
        catalog.insert(TestArtifacts.dataset("b"));
        catalog.clear();
        catalog.clear();
        assertEquals(0, catalog.count());
        assertEquals(List.of(), catalog.page(List.of(ArtifactQuery.everything()), Optional.empty(), 10).items());
        assertEquals(List.of(), catalog.findByName("a"));
        ArtifactRecord after = TestArtifacts.model("a");
        catalog.insert(after);
        assertEquals(List.of(after), catalog.findByName("a"));
    }

    @Test
    void concurrentInsertsAllLand() throws Exception {
        int threads = 8;
        int perThread = 25;
        List<ArtifactRecord> records = Collections.synchronizedList(new ArrayList<>());
        Concurrently.run(threads, () -> {
            for (int i = 0; i < perThread; i++) {
                ArtifactRecord record = TestArtifacts.model("burst");
                catalog.insert(record);
                records.add(record);
            }
            return null;
        });
        assertEquals(threads * perThread, catalog.count());
        assertEquals(threads * perThread, catalog.findByName("burst").size());
        for (ArtifactRecord record : records) {
            assertEquals(Optional.of(record), catalog.find(record.id()));
        }
    }

    @Test
    void ofConcurrentUpdatesFromOneRevisionExactlyOneWins() throws Exception {
        ArtifactRecord original = TestArtifacts.model("raced");
        catalog.insert(original);
        AtomicInteger wins = new AtomicInteger();
        AtomicInteger conflicts = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        Concurrently.run(8, () -> {
            String url = "https://example.com/" + next.incrementAndGet();
            try {
                catalog.update(original.updatedWith(original.name(), url, original.evidence(), Instant.now()), 1);
                wins.incrementAndGet();
            } catch (ConflictException e) {
                conflicts.incrementAndGet();
            }
            return null;
        });
        assertEquals(1, wins.get());
        assertEquals(7, conflicts.get());
        assertEquals(2, catalog.find(original.id()).orElseThrow().revision());
    }

    @Test
    void healthIsOkWhenTheStoreAnswers() {
        assertEquals(HealthStatus.OK, catalog.checkHealth().status());
        assertEquals("catalog", catalog.checkHealth().id());
    }

    @Test
    void countsTrackInsertsAndDeletes() {
        Map<Integer, ArtifactRecord> records = new java.util.HashMap<>();
        for (int i = 0; i < 3; i++) {
            records.put(i, TestArtifacts.code("c" + i));
            catalog.insert(records.get(i));
        }
        catalog.delete(records.get(1).id());
        assertEquals(2, catalog.count());
    }

    // ---------------------------------------------------------------- batches (transactions)

    private static ArtifactRecord changed(ArtifactRecord record, String url) {
        return record.updatedWith(record.name(), url, record.evidence(), record.updatedAt().plusSeconds(1));
    }

    @Test
    void aBatchAppliesEveryChangeAndRecordsThatItDid() {
        ArtifactRecord kept = TestArtifacts.model("kept");
        ArtifactRecord gone = TestArtifacts.model("gone");
        ArtifactRecord read = TestArtifacts.dataset("read");
        catalog.insert(kept);
        catalog.insert(gone);
        catalog.insert(read);
        ArtifactRecord added = TestArtifacts.model("added");
        ArtifactRecord keptV2 = changed(kept, "https://huggingface.co/acme/kept-v2");

        catalog.apply("tx-1", List.of(new CatalogChange.Insert(added), new CatalogChange.Replace(keptV2, 1),
                new CatalogChange.Remove(gone.id(), 1), new CatalogChange.Unchanged(read.id(), 1)));

        assertEquals(Optional.of(added), catalog.find(added.id()));
        assertEquals(Optional.of(keptV2), catalog.find(kept.id()));
        assertEquals(Optional.empty(), catalog.find(gone.id()));
        assertEquals(Optional.of(read), catalog.find(read.id()));
        assertEquals(List.of(added), catalog.findByName("added"), "the name index follows a batch");
        assertEquals(3, catalog.count());
        assertTrue(catalog.isApplied("tx-1"));
        assertFalse(catalog.isApplied("tx-2"));
        catalog.forgetBatch("tx-1");
        catalog.forgetBatch("tx-1");
        assertFalse(catalog.isApplied("tx-1"), "forgetting is idempotent");
    }

    @Test
    void aBatchWhosePreconditionFailsChangesNothing() {
        ArtifactRecord a = TestArtifacts.model("a");
        ArtifactRecord b = TestArtifacts.model("b");
        catalog.insert(a);
        catalog.insert(b);
        ArtifactRecord newcomer = TestArtifacts.model("newcomer");
        ArtifactRecord aV2 = changed(a, "https://huggingface.co/acme/a-v2");
        List<List<CatalogChange>> refused = List.of(
                List.of(new CatalogChange.Insert(newcomer), new CatalogChange.Replace(aV2, 1),
                        new CatalogChange.Remove(b.id(), 7)),
                List.of(new CatalogChange.Insert(newcomer), new CatalogChange.Unchanged(b.id(), 2)),
                List.of(new CatalogChange.Replace(aV2, 1), new CatalogChange.Insert(b)));
        for (List<CatalogChange> batch : refused) {
            assertThrows(ConflictException.class, () -> catalog.apply("tx-refused", batch));
        }
        ArtifactRecord stranger = TestArtifacts.model("stranger");
        assertThrows(NotFoundException.class, () -> catalog.apply("tx-refused", List.of(
                new CatalogChange.Insert(newcomer), new CatalogChange.Remove(stranger.id(), 1))));
        assertThrows(IllegalArgumentException.class, () -> catalog.apply("tx-refused", List.of(
                new CatalogChange.Replace(aV2, 1), new CatalogChange.Remove(a.id(), 1))));

        assertEquals(Optional.of(a), catalog.find(a.id()));
        assertEquals(Optional.of(b), catalog.find(b.id()));
        assertEquals(Optional.empty(), catalog.find(newcomer.id()));
        assertEquals(List.of(), catalog.findByName("newcomer"));
        assertEquals(2, catalog.count());
        assertFalse(catalog.isApplied("tx-refused"));
    }

    @Test
    void aBatchIdIsAppliedAtMostOnce() {
        ArtifactRecord first = TestArtifacts.model("first");
        catalog.apply("tx-once", List.of(new CatalogChange.Insert(first)));
        ArtifactRecord second = TestArtifacts.model("second");
        assertThrows(ConflictException.class,
                () -> catalog.apply("tx-once", List.of(new CatalogChange.Insert(second))));
        assertEquals(Optional.empty(), catalog.find(second.id()));
        catalog.clear();
        assertFalse(catalog.isApplied("tx-once"), "a reset forgets batches too");
    }

    @Test
    void ofTwoConcurrentBatchesOnOneArtifactExactlyOneCommits() throws Exception {
        ArtifactRecord contested = TestArtifacts.model("contested");
        catalog.insert(contested);
        AtomicInteger next = new AtomicInteger();
        List<Boolean> outcomes = Concurrently.run(8, () -> {
            int n = next.incrementAndGet();
            ArtifactRecord mine = TestArtifacts.model("side-" + n);
            try {
                catalog.apply("tx-race-" + n, List.of(new CatalogChange.Insert(mine),
                        new CatalogChange.Replace(changed(contested, "https://huggingface.co/acme/v" + n), 1)));
                return true;
            } catch (ConflictException lost) {
                assertEquals(Optional.empty(), catalog.find(mine.id()), "a losing batch leaves nothing");
                return false;
            }
        });
        assertEquals(1, outcomes.stream().filter(won -> won).count());
        assertEquals(2, catalog.find(contested.id()).orElseThrow().revision());
        assertEquals(2, catalog.count());
    }
}
