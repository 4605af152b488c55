package io.trustregistry.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.trustregistry.core.model.ArtifactId;
import io.trustregistry.core.model.ArtifactRecord;
import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.model.AuditAction;
import io.trustregistry.core.model.AuditEntry;
import io.trustregistry.core.model.Permission;
import io.trustregistry.core.model.Popularity;
import io.trustregistry.core.model.SourceEvidence;
import io.trustregistry.core.model.SourceKind;
import io.trustregistry.core.model.SourceReference;
import io.trustregistry.core.model.TokenRecord;
import io.trustregistry.core.model.TransactionCommand;
import io.trustregistry.core.model.TransactionId;
import io.trustregistry.core.model.TransactionRecord;
import io.trustregistry.core.model.UserAccount;
import io.trustregistry.testkit.TestArtifacts;

class StoredDocumentsTest {

    @Test
    void artifactsRoundTripInEveryField() {
        ArtifactRecord record = TestArtifacts.modelDerivedFrom("child", "acme/parent");
        assertEquals(record, StoredDocuments.decodeArtifact(StoredDocuments.encodeArtifact(record)));
    }

    @Test
    void sparseEvidenceRoundTrips() {
        SourceEvidence sparse = SourceEvidence.builder(SourceKind.WEB_DOWNLOAD, "https://x.org/f.bin", "f.bin")
                .popularity(Popularity.UNKNOWN).build();
        ArtifactRecord record = TestArtifacts.record(ArtifactType.CODE, "f.bin", sparse);
        assertEquals(record, StoredDocuments.decodeArtifact(StoredDocuments.encodeArtifact(record)));
    }

    @Test
    void typedReferencesRoundTripAndVersionOneStringsStillRead() {
        SourceEvidence evidence = SourceEvidence.builder(SourceKind.HUGGING_FACE_MODEL, "https://huggingface.co/a/m",
                "m").datasetReferences(List.of(new SourceReference.HuggingFace(true, "bookcorpus"),
                        new SourceReference.Kaggle("uciml", "iris"), new SourceReference.Web("https://x.org/d.csv")))
                .codeReferences(List.of(new SourceReference.GitHub("g", "bert"))).build();
        ArtifactRecord record = TestArtifacts.record(ArtifactType.MODEL, "m", evidence);
        assertEquals(record, StoredDocuments.decodeArtifact(StoredDocuments.encodeArtifact(record)));

        String written = new String(StoredDocuments.encodeArtifact(TestArtifacts.record(ArtifactType.MODEL, "m",
                SourceEvidence.builder(SourceKind.HUGGING_FACE_MODEL, "https://huggingface.co/a/m", "m").build())),
                StandardCharsets.UTF_8);
        String legacy = written.replace("\"dataset_references\":[]", "\"dataset_references\":[\"bookcorpus\","
                + "\"https://huggingface.co/datasets/acme/d\",\"https://www.kaggle.com/datasets/uciml/iris\"]")
                .replace("\"code_references\":[]", "\"code_references\":[\"https://github.com/g/bert.git\"]");
        SourceEvidence read = StoredDocuments.decodeArtifact(legacy.getBytes(StandardCharsets.UTF_8)).evidence();
        assertEquals(List.of(new SourceReference.HuggingFace(true, "bookcorpus"),
                new SourceReference.HuggingFace(true, "acme/d"), new SourceReference.Kaggle("uciml", "iris")),
                read.datasetReferences());
        assertEquals(List.of(new SourceReference.GitHub("g", "bert")), read.codeReferences());
    }

    @Test
    void usersTokensAndAuditEntriesRoundTrip() {
        UserAccount user = new UserAccount("name with 'quotes'", "uid", false, Set.of(Permission.SEARCH,
                Permission.DOWNLOAD), List.of("$h1", "$h2"), TestArtifacts.T0);
        assertEquals(user, StoredDocuments.decodeUser(StoredDocuments.encodeUser(user)));

        TokenRecord token = new TokenRecord("t", "u", "uid", TestArtifacts.T0, TestArtifacts.T0.plusSeconds(5), 1000);
        assertEquals(new StoredDocuments.StoredToken(token, 50),
                StoredDocuments.decodeToken(StoredDocuments.encodeToken(token, 50)));

        AuditEntry entry = new AuditEntry("u\nwith newline", true, Instant.parse("2026-01-01T00:00:00Z"),
                TestArtifacts.model("m").metadata(), AuditAction.DOWNLOAD);
        byte[] line = StoredDocuments.encodeAuditEntry(entry);
        assertFalse(new String(line, StandardCharsets.UTF_8).contains("\n"), "audit entries must stay on one line");
        assertEquals(entry, StoredDocuments.decodeAuditEntry(line));
    }

    @Test
    void unknownFormatsAndGarbageAreRefusedNotGuessed() {
        assertThrows(StoredDocuments.UnreadableDocumentException.class,
                () -> StoredDocuments.decodeArtifact("{\"format\":2}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(StoredDocuments.UnreadableDocumentException.class,
                () -> StoredDocuments.decodeArtifact("{\"format\":1,\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(StoredDocuments.UnreadableDocumentException.class,
                () -> StoredDocuments.decodeUser("{truncated".getBytes(StandardCharsets.UTF_8)));
        assertThrows(StoredDocuments.UnreadableDocumentException.class,
                () -> StoredDocuments.decodeAuditEntry("[]".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void wellFormedJsonWithTheWrongContentIsRefusedWithWhatIsWrong() {
        assertUnreadable("not a valid user document: ", () -> StoredDocuments.decodeUser(utf8("{\"format\":1}")));
        assertUnreadable("not a valid token document: ",
                () -> StoredDocuments.decodeToken(utf8("{\"format\":1,\"token_id\":\"t\"}")));
        assertUnreadable("not a valid audit entry: ",
                () -> StoredDocuments.decodeAuditEntry(utf8("{\"format\":1,\"user\":\"a\"}")));
        assertUnreadable("not a valid batch journal: unknown batch step 'explode'",
                () -> StoredDocuments.decodeBatch(utf8("{\"format\":1,\"changes\":[{\"op\":\"explode\"}]}")));

        TransactionRecord transaction = TransactionRecord.open(new TransactionId("tx-doc"), "alice",
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T01:00:00Z"))
                .with(new TransactionCommand.Delete(ArtifactType.MODEL, new ArtifactId("1")));
        String written = new String(StoredDocuments.encodeTransaction(transaction), StandardCharsets.UTF_8);
        assertEquals(transaction, StoredDocuments.decodeTransaction(utf8(written)));
        assertUnreadable("not a valid transaction document: unknown command 'launch'",
                () -> StoredDocuments.decodeTransaction(utf8(written.replace("\"delete\"", "\"launch\""))));

        SourceEvidence evidence = SourceEvidence.builder(SourceKind.HUGGING_FACE_MODEL, "https://huggingface.co/a/m",
                "m").codeReferences(List.of(new SourceReference.GitHub("g", "bert"))).build();
        String artifact = new String(StoredDocuments.encodeArtifact(TestArtifacts.record(ArtifactType.MODEL, "m",
                evidence)), StandardCharsets.UTF_8);
        assertTrue(artifact.contains("\"hub\":\"github\""), artifact);
        assertUnreadable("unknown reference hub 'gitlab'", () -> StoredDocuments.decodeArtifact(
                utf8(artifact.replace("\"hub\":\"github\"", "\"hub\":\"gitlab\""))));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void assertUnreadable(String message, org.junit.jupiter.api.function.Executable decode) {
        String thrown = assertThrows(StoredDocuments.UnreadableDocumentException.class, decode).getMessage();
        assertTrue(thrown.contains(message), thrown);
    }
}
