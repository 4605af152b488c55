package io.trustregistry.adapter.filesystem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

import io.trustregistry.core.port.out.ArtifactCatalog;
import io.trustregistry.core.port.out.AuditLog;
import io.trustregistry.core.port.out.BlobStore;
import io.trustregistry.core.port.out.TokenStore;
import io.trustregistry.core.port.out.UserStore;
import io.trustregistry.testkit.ArtifactCatalogContract;
import io.trustregistry.testkit.AuditLogContract;
import io.trustregistry.testkit.BlobStoreContract;
import io.trustregistry.testkit.TokenStoreContract;
import io.trustregistry.testkit.UserStoreContract;

/** Every storage contract, run against the filesystem adapter in a fresh directory. */
class FilesystemContractTest {

    @TempDir
    Path root;

    FilesystemStorage storage;

    FilesystemStorage open() {
        storage = FilesystemStorage.open(root);
        return storage;
    }

    void close() {
        storage.close();
    }

    static List<Path> temporaryFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("tmp"))) {
            return files.toList();
        }
    }

    @Nested
    class Catalog extends ArtifactCatalogContract {
        @Override
        protected ArtifactCatalog newCatalog() {
            return open().catalog();
        }

        @Override
        protected void closeCatalog(ArtifactCatalog catalog) {
            close();
        }
    }

    @Nested
    class Blobs extends BlobStoreContract {
        @Override
        protected BlobStore newStore() {
            return open().blobs();
        }

        @Override
        protected void closeStore(BlobStore store) {
            close();
        }

        @Override
        protected void assertNothingHalfWritten() throws IOException {
            assertEquals(List.of(), temporaryFiles(root), "temporary files left behind");
        }
    }

    @Nested
    class Users extends UserStoreContract {
        @Override
        protected UserStore newStore() {
            return open().users();
        }

        @Override
        protected void closeStore(UserStore store) {
            close();
        }
    }

    @Nested
    class Tokens extends TokenStoreContract {
        @Override
        protected TokenStore newStore() {
            return open().tokens();
        }

        @Override
        protected void closeStore(TokenStore store) {
            close();
        }
    }

    @Nested
    class Audit extends AuditLogContract {
        @Override
        protected AuditLog newLog() {
            return open().audit();
        }

        @Override
        protected void closeLog(AuditLog log) {
            close();
        }
    }

    @Nested
    class Secrets extends io.trustregistry.testkit.SecretStoreContract {
        @Override
        protected io.trustregistry.core.port.out.SecretStore newStore() {
            return open().secrets();
        }

        @Override
        protected io.trustregistry.core.port.out.SecretStore sameStorage() {
            // one process holds the directory's lock; a second store on it is what a restart meets
            return new FileSecretStore(storage.directory());
        }

        @org.junit.jupiter.api.AfterEach
        void closeStorage() {
            close();
        }

        @org.junit.jupiter.api.Test
        void theSecretFileIsReadableByItsOwnerOnly() throws IOException {
            newStore().getOrCreate("jwt-secret", 32);
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(root.resolve("jwt-secret"))));
        }
    }

    @Nested
    class Transactions extends io.trustregistry.testkit.TransactionStoreContract {
        @Override
        protected io.trustregistry.core.port.out.TransactionStore newStore() {
            return open().transactions();
        }

        @Override
        protected void closeStore(io.trustregistry.core.port.out.TransactionStore store) {
            close();
        }
    }
}
