package io.trustregistry.adapter.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.net.ConnectException;
import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

/** A busy pool is waited out, up to the pool wait; a database that is gone fails at the first attempt. */
class BorrowTest {

    private static final Connection CONNECTION = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class}, (proxy, method, args) -> null);

    /**
     * A pool whose first {@code busy} attempts time out as Hikari's do: HikariCP 5's
     * {@code HikariPool.createTimeoutException} throws {@code SQLTransientConnectionException}
     * "Connection is not available, request timed out after Nms (total=, active=, idle=, waiting=)"
     * with the pool's last connection failure as its cause (none while it merely had no free
     * connection), and the SQLSTATE of that cause when it is an SQLException, else null.
     */
    private static DataSource pool(int busy, Throwable cause, AtomicInteger attempts) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("getConnection")) {
                        return null;
                    }
                    if (attempts.incrementAndGet() <= busy) {
                        throw new SQLTransientConnectionException("Connection is not available, request timed out"
                                + " after 500ms (total=10, active=10, idle=0, waiting=54)",
                                cause instanceof java.sql.SQLException sql ? sql.getSQLState() : null, cause);
                    }
                    return CONNECTION;
                });
    }

    @Test
    void aBusyPoolIsWaitedOut() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        assertSame(CONNECTION, PostgresStorage.borrow(pool(3, null, attempts)));
        assertEquals(4, attempts.get());
    }

    @Test
    void aDatabaseThatIsGoneFailsAtOnce() {
        AtomicInteger attempts = new AtomicInteger();
        assertThrows(SQLTransientConnectionException.class,
                () -> PostgresStorage.borrow(pool(100, new ConnectException("Connection refused"), attempts)));
        assertEquals(1, attempts.get());
    }

    @Test
    void theWaitEndsAtThePoolWait() {
        AtomicInteger attempts = new AtomicInteger();
        long started = System.nanoTime();
        assertThrows(SQLTransientConnectionException.class, () -> PostgresStorage.borrow(pool(Integer.MAX_VALUE, null,
                attempts)));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(millis >= PostgresStorage.POOL_WAIT_MILLIS && millis < PostgresStorage.POOL_WAIT_MILLIS + 1_000,
                "gave up after " + millis + " ms");
    }
}
