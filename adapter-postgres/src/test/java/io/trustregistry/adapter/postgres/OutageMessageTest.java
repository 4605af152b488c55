package io.trustregistry.adapter.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.helidon.dbclient.DbClientException;

/** An overloaded pool and a lost database are told apart, so the operator is sent to the right place. */
class OutageMessageTest {

    private static final String TIMEOUT = "Connection is not available, request timed out after 500ms"
            + " (total=10, active=10, idle=0, waiting=13)";

    @Test
    void aPoolTimeoutWithoutAConnectionFailureIsABusyPool() {
        // HikariCP gives its timeout the pool's last connection failure as cause, and none while merely busy
        DbClientException busy = new DbClientException("query failed", new SQLTransientConnectionException(TIMEOUT));
        DbClientException gone = new DbClientException("query failed", new SQLTransientConnectionException(TIMEOUT,
                "08001", new ConnectException("Connection refused")));
        assertTrue(Sql.unreachable(busy) && Sql.unreachable(gone), "both answer 503");
        assertTrue(Sql.poolBusy(busy));
        assertFalse(Sql.poolBusy(gone));
        assertFalse(Sql.poolBusy(new DbClientException("x", new ConnectException("Connection refused"))));
        assertTrue(Sql.busy("db:5432", TIMEOUT).contains("REGISTRY_DB_POOL_SIZE"));
        assertTrue(Sql.unavailable("db:5432", "Connection refused").contains("REGISTRY_DB_URL"));
    }

    @Test
    void theAddressInMessagesIsTheServerPartOfTheUrl() {
        assertEquals("db.internal:5432", PostgresSettings.of("jdbc:postgresql://db.internal:5432/registry?ssl=true",
                "u", Optional.empty()).address());
        assertEquals("db.internal:5432", PostgresSettings.of("jdbc:postgresql://db.internal/registry", "u",
                Optional.empty()).address());
        assertEquals("a:1,b:2", PostgresSettings.of("jdbc:postgresql://a:1,b:2/registry", "u", Optional.empty())
                .address());
        assertEquals("localhost:5432", PostgresSettings.of("jdbc:postgresql:registry", "u", Optional.empty())
                .address());
    }
}
