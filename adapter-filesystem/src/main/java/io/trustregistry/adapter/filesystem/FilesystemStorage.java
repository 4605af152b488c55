package io.trustregistry.adapter.filesystem;

import java.io.Closeable;
import java.nio.file.Path;

/**
 * Every store of the filesystem adapter over one locked {@link DataDirectory}. Closing releases
 * the lock; the stores must not be used afterwards.
 */
public final class FilesystemStorage implements Closeable {

    private final DataDirectory directory;
    private final FileArtifactCatalog catalog;
    private final FileBlobStore blobs;
    private final FileUserStore users;
    private final FileTokenStore tokens;
    private final FileAuditLog audit;
    private final FileSecretStore secrets;
    private final FileTransactionStore transactions;

    private FilesystemStorage(DataDirectory directory) {
        this.directory = directory;
        this.catalog = new FileArtifactCatalog(directory);
        this.blobs = new FileBlobStore(directory);
        this.users = new FileUserStore(directory);
        this.tokens = new FileTokenStore(directory);
        this.audit = new FileAuditLog(directory);
        this.secrets = new FileSecretStore(directory);
        this.transactions = new FileTransactionStore(directory);
    }

    /** Opens (creating if needed) and locks the data directory at {@code root}. */
    public static FilesystemStorage open(Path root) {
        return open(root, CrashPoint.NONE);
    }

    /** As {@link #open(Path)}, with a crash hook for tests. */
    public static FilesystemStorage open(Path root, CrashPoint crashPoint) {
        DataDirectory directory = DataDirectory.open(root, crashPoint);
        try {
            return new FilesystemStorage(directory);
        } catch (RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    public DataDirectory directory() {
        return directory;
    }

    public FileArtifactCatalog catalog() {
        return catalog;
    }

    public FileBlobStore blobs() {
        return blobs;
    }

    public FileUserStore users() {
        return users;
    }

    public FileTokenStore tokens() {
        return tokens;
    }

    public FileAuditLog audit() {
        return audit;
    }

    public FileSecretStore secrets() {
        return secrets;
    }

    public FileTransactionStore transactions() {
        return transactions;
    }

    @Override
    public void close() {
        directory.close();
    }
}
