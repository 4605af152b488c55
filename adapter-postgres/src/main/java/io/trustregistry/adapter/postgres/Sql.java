package io.trustregistry.adapter.postgres;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.DbTransaction;

import io.trustregistry.core.error.DependencyUnavailableException;

/**
 * Runs statements through Helidon's DbClient and turns a database that cannot be reached
 * into {@link DependencyUnavailableException} (503), so no caller ever sees a raw SQL error.
 * Every statement is parameterised; nothing from a request is ever concatenated into SQL.
 */
final class Sql {

    private final DbClient db;
    private final String where;
    private final Runnable onConnectionLost;

    /**
     * @param where            the database's {@code host:port}, for the message of an outage
     * @param onConnectionLost called when a connection proves dead, so the pool can drop the
     *                         others that died with it instead of handing them out later
     */
    Sql(DbClient db, String where, Runnable onConnectionLost) {
        this.db = db;
        this.where = where;
        this.onConnectionLost = onConnectionLost;
    }

    /** Rows of a query, materialised (queries here are bounded by their LIMIT). */
    List<DbRow> query(String sql, Object... params) {
        return call(() -> {
            List<DbRow> rows = new ArrayList<>();
            try (var stream = db.execute().query(sql, params)) {
                stream.forEach(rows::add);
            }
            return rows;
        });
    }

    /** The single row of a query, if any. */
    Optional<DbRow> get(String sql, Object... params) {
        return call(() -> db.execute().get(sql, params));
    }

    /** Rows changed by a DML statement. */
    long dml(String sql, Object... params) {
        return call(() -> db.execute().dml(sql, params));
    }

    /**
     * Runs {@code work} in one transaction: committed if it returns, rolled back if it throws.
     * (After a failed statement DbClient has already rolled back and closed the connection,
     * so a second rollback is neither needed nor possible.)
     */
    <T> T transaction(Function<DbExecute, T> work) {
        return call(() -> {
            DbTransaction tx = db.transaction();
            T result;
            try {
                result = work.apply(tx);
            } catch (RuntimeException e) {
                try {
                    tx.rollback();
                } catch (RuntimeException alreadyRolledBack) {
                    e.addSuppressed(alreadyRolledBack);
                }
                throw e;
            }
            tx.commit();
            return result;
        });
    }

    private <T> T call(Supplier<T> action) {
        try {
            return action.get();
        } catch (DbClientException e) {
            if (unreachable(e)) {
                onConnectionLost.run();
                throw new DependencyUnavailableException(poolBusy(e) ? busy(where, rootMessage(e))
                        : unavailable(where, rootMessage(e)), e);
            }
            throw e;
        }
    }

    /**
     * The message of an outage, for the client and the operator alike: what is gone, what that
     * means for requests, and what to check.
     */
    static String unavailable(String where, String why) {
        return "the metadata database (PostgreSQL at " + where + ") is unreachable (" + why + "): requests that need"
                + " it answer 503 until it returns, and the server reconnects by itself; check that the database is"
                + " running, the network path to it (on AWS its security group) and REGISTRY_DB_URL";
    }

    /** The message of a pool whose every connection stayed busy: not an outage, an overload. */
    static String busy(String where, String why) {
        return "the metadata database (PostgreSQL at " + where + ") gave this request no connection in time (" + why
                + "): every pooled connection was busy, so the server is overloaded or the database slow; retry,"
                + " add servers or raise REGISTRY_DB_POOL_SIZE, and check the database's load (or REGISTRY_DB_URL"
                + " if it cannot be reached)";
    }

    /**
     * The pool timed out with no connection failure behind it: its connections were all in use
     * (HikariCP gives its timeout the failed connection attempt as cause when the database is gone).
     */
    static boolean poolBusy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return t.getCause() == null;
            }
        }
        return false;
    }

    /** Connection failures (SQLSTATE class 08, server shutting down, pool timeouts). */
    static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                        || state.equals("57P03") || state.equals("53300")) {
                    return true;
                }
            }
            if (t instanceof java.net.ConnectException || t instanceof java.net.SocketTimeoutException
                    || t instanceof java.io.EOFException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        // the message, not the exception's class: answers and health are read by clients
        return root.getMessage() == null ? "no detail given" : root.getMessage();
    }

    /** {@code (?, ?, ?)} for {@code n} values. */
    static String placeholders(int n) {
        return "(" + String.join(", ", java.util.Collections.nCopies(n, "?")) + ")";
    }
}
