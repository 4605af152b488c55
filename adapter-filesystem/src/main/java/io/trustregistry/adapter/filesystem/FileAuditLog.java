package io.trustregistry.adapter.filesystem;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import io.trustregistry.core.model.ArtifactId;
import io.trustregistry.core.model.AuditEntry;
import io.trustregistry.core.port.out.AuditLog;
import io.trustregistry.json.StoredDocuments;

/**
 * One append-only JSON-lines file per artifact. Each append is one write of a whole line
 * followed by an fsync. A crash mid-append can leave a torn last line; it has no newline, is
 * never read back, and is cut off when the directory is next opened, so later appends start
 * on a clean line.
 */
public final class FileAuditLog implements AuditLog {

    private final DataDirectory directory;
    private final Path audit;
    private final Object[] stripes = new Object[64];
    private final Object clearLock = new Object();

    public FileAuditLog(DataDirectory directory) {
        this.directory = directory;
        this.audit = directory.resolve("audit");
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Object();
        }
        repairTornTails();
    }

    private void repairTornTails() {
        try (Stream<Path> files = Files.list(audit)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                    long size = channel.size();
                    long end = size;
                    ByteBuffer one = ByteBuffer.allocate(1);
                    while (end > 0) {
                        one.clear();
                        channel.read(one, end - 1);
                        if (one.get(0) == '\n') {
                            break;
                        }
                        end--;
                    }
                    if (end < size) {
                        channel.truncate(end);
                        channel.force(true);
                    }
                }
            }
        } catch (IOException e) {
            throw directory.failure("repair the audit log", e);
        }
    }

    private Path fileOf(ArtifactId id) {
        return audit.resolve(id.value() + ".jsonl");
    }

    private Object stripe(ArtifactId id) {
        return stripes[Math.floorMod(id.hashCode(), stripes.length)];
    }

    @Override
    public void append(AuditEntry entry) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        line.writeBytes(StoredDocuments.encodeAuditEntry(entry));
        line.write('\n');
        ByteBuffer buffer = ByteBuffer.wrap(line.toByteArray());
        synchronized (clearLock) {
            synchronized (stripe(entry.artifact().id())) {
                Path file = fileOf(entry.artifact().id());
                try {
                    boolean created = !Files.exists(file);
                    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
                            StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                        while (buffer.hasRemaining()) {
                            channel.write(buffer);
                        }
                        channel.force(true);
                    }
                    if (created) {
                        AtomicFiles.syncDirectory(audit);
                    }
                } catch (IOException e) {
                    throw directory.failure("append to the audit log", e);
                }
            }
        }
    }

    @Override
    public List<AuditEntry> entriesFor(ArtifactId artifactId) {
        byte[] content;
        synchronized (stripe(artifactId)) {
            try {
                content = Files.readAllBytes(fileOf(artifactId));
            } catch (NoSuchFileException e) {
                return List.of();
            } catch (IOException e) {
                throw directory.failure("read the audit log", e);
            }
        }
        List<AuditEntry> entries = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < content.length; i++) {
            if (content[i] == '\n') {
                if (i > start) {
                    entries.add(StoredDocuments.decodeAuditEntry(Arrays.copyOfRange(content, start, i)));
                }
                start = i + 1;
            }
        }
        return entries;
    }

    @Override
    public void deleteEntriesFor(ArtifactId artifactId) {
        synchronized (stripe(artifactId)) {
            try {
                directory.files().delete(fileOf(artifactId));
            } catch (IOException e) {
                throw directory.failure("delete audit entries", e);
            }
        }
    }

    @Override
    public void clear() {
        synchronized (clearLock) {
            try {
                directory.files().replaceWithEmpty(audit);
            } catch (IOException e) {
                throw directory.failure("clear the audit log", e);
            }
        }
    }
}
