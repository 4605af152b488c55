package io.trustregistry.adapter.postgres;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;

import io.trustregistry.core.port.out.ArtifactCatalog;
import io.trustregistry.core.port.out.AuditLog;
import io.trustregistry.core.port.out.TokenStore;
import io.trustregistry.core.port.out.UserStore;
import io.trustregistry.testkit.ArtifactCatalogContract;
import io.trustregistry.testkit.AuditLogContract;
import io.trustregistry.testkit.TokenStoreContract;
import io.trustregistry.testkit.UserStoreContract;

/** Every storage contract against a real PostgreSQL, in a schema of its own. */
class PostgresContractTest {

    /**
     * The contracts are not about outages: a connection may take longer than the production
     * 500 ms to set up (a new backend process on a busy machine, under the coverage agent).
     */
    private static final PostgresSettings SETTINGS = withConnectTimeout(TestPostgres.freshSchema(), Duration.ofSeconds(5));
    private static PostgresStorage storage;

    private PostgresContractTest() {
    }

    private static PostgresSettings withConnectTimeout(PostgresSettings s, Duration timeout) {
        return new PostgresSettings(s.jdbcUrl(), s.user(), s.password(), s.schema(), s.poolSize(), timeout);
    }

    static synchronized PostgresStorage emptyStorage() {
        if (storage == null) {
            storage = PostgresStorage.open(SETTINGS);
        }
        storage.truncateAll();
        return storage;
    }

    @AfterAll
    static void dropSchema() {
        if (storage != null) {
            storage.dropSchema(SETTINGS.schema());
            storage.close();
        }
    }

    @Nested
    class Catalog extends ArtifactCatalogContract {
        @Override
        protected ArtifactCatalog newCatalog() {
            return emptyStorage().catalog();
        }
    }

    @Nested
    class Transactions extends io.trustregistry.testkit.TransactionStoreContract {
        @Override
        protected io.trustregistry.core.port.out.TransactionStore newStore() {
            return emptyStorage().transactions();
        }
    }

    @Nested
    class Users extends UserStoreContract {
        @Override
        protected UserStore newStore() {
            return emptyStorage().users();
        }
    }

    @Nested
    class Tokens extends TokenStoreContract {
        @Override
        protected TokenStore newStore() {
            return emptyStorage().tokens();
        }
    }

    @Nested
    class Audit extends AuditLogContract {
        @Override
        protected AuditLog newLog() {
            return emptyStorage().audit();
        }
    }

    @Nested
    class Secrets extends io.trustregistry.testkit.SecretStoreContract {
        private PostgresStorage other;

        @Override
        protected io.trustregistry.core.port.out.SecretStore newStore() {
            return emptyStorage().secrets();
        }

        @Override
        protected io.trustregistry.core.port.out.SecretStore sameStorage() {
            // another server: its own connection pool on the same schema
            other = PostgresStorage.open(SETTINGS);
            return other.secrets();
        }

        @org.junit.jupiter.api.AfterEach
        void closeOther() {
            if (other != null) {
                other.close();
            }
        }
    }
}
