package io.trustregistry.core.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.trustregistry.core.error.DependencyUnavailableException;
import io.trustregistry.core.error.InvalidRequestException;
import io.trustregistry.core.memory.InMemoryBlobStore;
import io.trustregistry.core.model.BlobInfo;
import io.trustregistry.core.model.Digest;
import io.trustregistry.core.port.out.BlobUpload;

/** The digest and writer state every driver relies on the content store for. */
class ContentStoreTest {

    /** A driver's upload that records what the content store asked of it. */
    private static final class RecordingUpload implements BlobUpload {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<String> calls = new ArrayList<>();
        boolean failPublish;

        @Override
        public OutputStream stream() {
            return bytes;
        }

        @Override
        public BlobInfo publish(Digest digest) {
            calls.add("publish " + digest.hex());
            if (failPublish) {
                throw new DependencyUnavailableException("backend down", null);
            }
            return new BlobInfo(digest, bytes.size(), java.time.Instant.EPOCH);
        }

        @Override
        public void discard() {
            calls.add("discard");
        }
    }

    private static BlobWriter writerOn(RecordingUpload upload) {
        return new BlobWriter(upload);
    }

    @Test
    void theDigestAndSizeAreComputedAboveTheDriver() throws IOException {
        RecordingUpload upload = new RecordingUpload();
        byte[] content = "bytes named by their hash".getBytes(StandardCharsets.UTF_8);
        try (BlobWriter writer = writerOn(upload)) {
            writer.stream().write(content, 0, 5);
            writer.stream().write(content[5]);
            writer.stream().write(content, 6, content.length - 6);
            assertEquals(content.length, writer.written());
            assertEquals(Digest.of(content), writer.commit().digest());
        }
        assertEquals(List.of("publish " + Digest.of(content).hex()), upload.calls, "close after commit discards nothing");
    }

    @Test
    void aWrongDigestNeverReachesTheDriver() throws IOException {
        RecordingUpload upload = new RecordingUpload();
        try (BlobWriter writer = writerOn(upload)) {
            writer.stream().write(1);
            assertThrows(InvalidRequestException.class,
                    () -> writer.commit(Digest.of("other".getBytes(StandardCharsets.UTF_8))));
            assertThrows(IllegalStateException.class, writer::commit);
            assertThrows(IllegalStateException.class, () -> writer.stream().write(2));
        }
        assertEquals(List.of("discard"), upload.calls);
    }

    @Test
    void aFailedPublishDiscardsTheUploadAndCannotBeRetried() throws IOException {
        RecordingUpload upload = new RecordingUpload();
        upload.failPublish = true;
        try (BlobWriter writer = writerOn(upload)) {
            writer.stream().write(7);
            assertThrows(DependencyUnavailableException.class, writer::commit);
            assertThrows(IllegalStateException.class, writer::commit);
        }
        assertEquals(2, upload.calls.size());
        assertEquals("discard", upload.calls.get(1));
    }

    @Test
    void closingTheStreamIsNotACommitAndAbandoningIsACancel() throws IOException {
        RecordingUpload upload = new RecordingUpload();
        try (BlobWriter writer = writerOn(upload)) {
            writer.stream().write(3);
            writer.stream().close();
            writer.stream().write(4);
            assertEquals(2, writer.written());
        }
        assertEquals(List.of("discard"), upload.calls);
    }

    @Test
    void writesGoThroughTheContentStoreToTheDriver() throws IOException {
        InMemoryBlobStore driver = new InMemoryBlobStore();
        ContentStore content = new ContentStore(driver);
        byte[] bytes = "through".getBytes(StandardCharsets.UTF_8);
        BlobInfo info;
        try (BlobWriter writer = content.newWriter()) {
            writer.stream().write(bytes);
            info = writer.commit(Digest.of(bytes));
        }
        assertEquals(Optional.of(info), driver.stat(Digest.of(bytes)));
        assertTrue(content.driver() == driver);
    }
}
