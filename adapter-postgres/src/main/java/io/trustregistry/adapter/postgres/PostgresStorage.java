package io.trustregistry.adapter.postgres;

import java.io.Closeable;
import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.flywaydb.core.Flyway;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.jdbc.JdbcClientBuilder;

import io.trustregistry.core.error.DependencyUnavailableException;

/**
 * The PostgreSQL adapter's stores over one connection pool. Opening migrates the schema
 * (Flyway) and fails with a clear message when the database cannot be reached; afterwards a
 * lost database makes calls fail within the connect timeout with 503, and service resumes by
 * itself when it is back. Safe to open from several servers at once.
 */
public final class PostgresStorage implements Closeable {

    /** The driver's socket timeout (whole seconds), a backstop to {@link #NETWORK_TIMEOUT_MILLIS}. */
    static final int SOCKET_TIMEOUT_SECONDS = 2;
    /**
     * Longest wait for a byte of an answer on a borrowed connection: the statements here answer
     * in milliseconds, and a partitioned database must fail a request in under two seconds.
     */
    static final int NETWORK_TIMEOUT_MILLIS = 1_500;
    /** Longest wait for a pooled connection while the database answers (see {@link #borrow}). */
    static final long POOL_WAIT_MILLIS = 1_500;
    /** Where the driver runs its network-timeout aborts (it needs an executor for them). */
    private static final java.util.concurrent.Executor NETWORK_TIMEOUTS = Runnable::run;



    private final HikariDataSource dataSource;
    private final DbClient db;
    private final Sql sql;
    private final PostgresArtifactCatalog catalog;
    private final PostgresUserStore users;
    private final PostgresTokenStore tokens;
    private final PostgresAuditLog audit;
    private final PostgresSecretStore secrets;
    private final PostgresTransactionStore transactions;

    private PostgresStorage(HikariDataSource dataSource, PostgresSettings settings) {
        this.dataSource = dataSource;
        this.db = JdbcClientBuilder.create().connectionPool(() -> {
            try {
                java.sql.Connection connection = borrow(dataSource);
                // set on every borrow: the driver property alone did not survive the pool (measured:
                // reads on a partitioned connection blocked with no timeout at all)
                connection.setNetworkTimeout(NETWORK_TIMEOUTS, NETWORK_TIMEOUT_MILLIS);
                return connection;
            } catch (SQLException e) {
                throw new DbClientException("no database connection: " + e.getMessage(), e);
            }
        }).build();
        this.sql = new Sql(db, settings.address(), () -> {
            var pool = dataSource.getHikariPoolMXBean();
            if (pool != null) {
                pool.softEvictConnections();
            }
        });
        this.catalog = new PostgresArtifactCatalog(sql, settings);
        this.users = new PostgresUserStore(sql);
        this.tokens = new PostgresTokenStore(sql);
        this.audit = new PostgresAuditLog(sql);
        this.secrets = new PostgresSecretStore(sql);
        this.transactions = new PostgresTransactionStore(sql);
    }

    /** Connects, migrates the schema, and opens the stores. */
    public static PostgresStorage open(PostgresSettings settings) {
        HikariDataSource dataSource = dataSource(settings);
        try {
            migrate(dataSource, settings.schema());
            return new PostgresStorage(dataSource, settings);
        } catch (RuntimeException e) {
            dataSource.close();
            if (Sql.unreachable(e)) {
                throw new DependencyUnavailableException("cannot reach PostgreSQL at " + settings.jdbcUrl() + ": "
                        + e.getMessage(), e);
            }
            throw e;
        }
    }

    /**
     * A pooled connection. While the database answers, a burst waits its turn for up to
     * {@value #POOL_WAIT_MILLIS} ms (64 clients on two servers once got 503s after the single
     * half-second attempt); once the pool reports why it cannot connect (the database is gone),
     * the first attempt's failure stands, so an outage still answers 503 fast.
     */
    static java.sql.Connection borrow(DataSource pool) throws SQLException {
        long deadline = System.nanoTime() + POOL_WAIT_MILLIS * 1_000_000L;
        while (true) {
            long attempt = System.nanoTime();
            try {
                return pool.getConnection();
            } catch (java.sql.SQLTransientConnectionException busy) {
                if (busy.getCause() != null || System.nanoTime() - deadline >= 0) {
                    throw busy;
                }
                if (System.nanoTime() - attempt < 5_000_000L) {
                    pause(busy); // a pool that refuses at once must not be asked in a tight loop
                }
            }
        }
    }

    private static void pause(SQLException busy) throws SQLException {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy;
        }
    }

    private static HikariDataSource dataSource(PostgresSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("registry-postgres");
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        settings.password().ifPresent(config::setPassword);
        config.setSchema(settings.schema());
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(Math.min(2, settings.poolSize()));
        // one attempt to borrow; borrow() repeats it while the pool is merely busy
        config.setConnectionTimeout(Math.max(250, settings.connectTimeout().toMillis()));
        config.setValidationTimeout(Math.max(250, settings.connectTimeout().toMillis() / 2));
        config.setInitializationFailTimeout(-1);
        // fail fast when the server vanishes: a dead socket must not hold a request for minutes
        config.addDataSourceProperty("connectTimeout", Math.max(1, settings.connectTimeout().toSeconds()));
        // a partition (packets dropped) must fail a query in seconds, not hang it: no answer
        // byte for this long ends the statement with an error, which the request reports as 503
        config.addDataSourceProperty("socketTimeout", SOCKET_TIMEOUT_SECONDS);
        config.addDataSourceProperty("tcpKeepAlive", true);
        config.addDataSourceProperty("ApplicationName", "trustworthy-model-registry");
        return new HikariDataSource(config);
    }

    private static void migrate(DataSource dataSource, String schema) {
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    public PostgresArtifactCatalog catalog() {
        return catalog;
    }

    public PostgresUserStore users() {
        return users;
    }

    public PostgresTokenStore tokens() {
        return tokens;
    }

    public PostgresAuditLog audit() {
        return audit;
    }

    /** Secrets shared by every server on this database (the token signing key). */
    public PostgresSecretStore secrets() {
        return secrets;
    }

    public PostgresTransactionStore transactions() {
        return transactions;
    }

    /** Empties every table (tests). */
    public void truncateAll() {
        sql.dml("TRUNCATE artifact_keys, artifacts, users, tokens, audit_entries, registry_settings");
    }

    /** Drops the schema and everything in it (tests). */
    public void dropSchema(String schema) {
        if (!schema.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("bad schema name");
        }
        // an identifier cannot be a parameter; it was validated above
        sql.dml("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    @Override
    public void close() {
        db.close();
        dataSource.close();
    }
}
