package io.trustregistry.adapter.postgres;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;

import io.trustregistry.core.error.ConflictException;
import io.trustregistry.core.error.DependencyUnavailableException;
import io.trustregistry.core.error.NotFoundException;
import io.trustregistry.core.model.ArtifactId;
import io.trustregistry.core.model.ArtifactKeys;
import io.trustregistry.core.model.ArtifactMetadata;
import io.trustregistry.core.model.ArtifactName;
import io.trustregistry.core.model.ArtifactPage;
import io.trustregistry.core.model.ArtifactQuery;
import io.trustregistry.core.model.ArtifactRecord;
import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.model.CatalogChange;
import io.trustregistry.core.model.ComponentHealth;
import io.trustregistry.core.model.HealthStatus;
import io.trustregistry.core.port.out.ArtifactCatalog;
import io.trustregistry.json.StoredDocuments;

/**
 * The catalog in PostgreSQL: one row per artifact (its JSON document beside the columns that
 * queries use), and its link keys in {@code artifact_keys}, written in the same transaction.
 * Updates are conditional on the revision read, so concurrent writers on any number of
 * servers never lose an update. Pages are keyset queries on the primary key: a page costs the
 * same at the start of the catalog as at its end.
 */
public final class PostgresArtifactCatalog implements ArtifactCatalog {

    /** Rows fetched per round trip when scanning. */
    static final int SCAN_BATCH = 200;

    private final Sql sql;
    private final PostgresSettings settings;

    PostgresArtifactCatalog(Sql sql, PostgresSettings settings) {
        this.sql = sql;
        this.settings = settings;
    }

    @Override
    public void insert(ArtifactRecord record) {
        boolean inserted = sql.transaction(tx -> {
            long rows = tx.dml("INSERT INTO artifacts (id, name, type, revision, document) VALUES (?, ?, ?, ?, ?)"
                    + " ON CONFLICT (id) DO NOTHING", record.id().value(), record.name().value(),
                    record.type().wireName(), record.revision(), document(record));
            if (rows == 0) {
                return false;
            }
            insertKeys(tx, record);
            return true;
        });
        if (!inserted) {
            throw new ConflictException("an artifact with id " + record.id() + " exists already");
        }
    }

    @Override
    public Optional<ArtifactRecord> find(ArtifactId id) {
        return sql.get("SELECT document FROM artifacts WHERE id = ?", id.value()).map(PostgresArtifactCatalog::decode);
    }

    @Override
    public void update(ArtifactRecord updated, long expectedRevision) {
        boolean written = sql.transaction(tx -> {
            long rows = tx.dml("UPDATE artifacts SET name = ?, type = ?, revision = ?, document = ?"
                    + " WHERE id = ? AND revision = ?", updated.name().value(), updated.type().wireName(),
                    updated.revision(), document(updated), updated.id().value(), expectedRevision);
            if (rows == 0) {
                return false;
            }
            tx.dml("DELETE FROM artifact_keys WHERE artifact_id = ?", updated.id().value());
            insertKeys(tx, updated);
            return true;
        });
        if (!written) {
            Optional<DbRow> current = sql.get("SELECT revision FROM artifacts WHERE id = ?", updated.id().value());
            if (current.isEmpty()) {
                throw new NotFoundException("no artifact has id " + updated.id());
            }
            throw new ConflictException("artifact " + updated.id() + " was changed concurrently (revision "
                    + current.get().column("revision").get(Long.class) + ", expected " + expectedRevision + "); retry");
        }
    }

    @Override
    public boolean delete(ArtifactId id) {
        return sql.dml("DELETE FROM artifacts WHERE id = ?", id.value()) > 0;
    }

    @Override
    public ArtifactPage page(List<ArtifactQuery> queries, Optional<ArtifactId> after, int limit) {
        if (queries.isEmpty() || limit < 1) {
            throw new IllegalArgumentException("need at least one query and a positive limit");
        }
        List<Object> params = new ArrayList<>();
        params.add(after.map(ArtifactId::value).orElse(""));
        List<String> conditions = new ArrayList<>();
        for (ArtifactQuery query : queries) {
            List<String> types = query.effectiveTypes().stream().map(ArtifactType::wireName).sorted().toList();
            StringBuilder condition = new StringBuilder("(");
            if (query.name().isPresent()) {
                condition.append("name = ? AND ");
                params.add(query.name().get());
            }
            condition.append("type IN ").append(Sql.placeholders(types.size())).append(')');
            params.addAll(types);
            conditions.add(condition.toString());
        }
        params.add(limit + 1);
        List<DbRow> rows = sql.query("SELECT id, name, type FROM artifacts WHERE id > ? AND ("
                + String.join(" OR ", conditions) + ") ORDER BY id LIMIT ?", params.toArray());
        List<ArtifactMetadata> items = new ArrayList<>();
        for (DbRow row : rows.subList(0, Math.min(limit, rows.size()))) {
            items.add(new ArtifactMetadata(new ArtifactName(row.column("name").get(String.class)),
                    new ArtifactId(row.column("id").get(String.class)),
                    ArtifactType.fromWireName(row.column("type").get(String.class)).orElseThrow()));
        }
        Optional<ArtifactId> next = rows.size() > limit ? Optional.of(items.get(items.size() - 1).id())
                : Optional.empty();
        return new ArtifactPage(items, next);
    }

    @Override
    public List<ArtifactRecord> findByName(String name) {
        return sql.query("SELECT document FROM artifacts WHERE name = ? ORDER BY id", name).stream()
                .map(PostgresArtifactCatalog::decode).toList();
    }

    @Override
    public List<ArtifactRecord> findByIdentityKeys(Collection<String> keys) {
        return byKeys("I", keys);
    }

    @Override
    public List<ArtifactRecord> findReferencing(Collection<String> keys) {
        return byKeys("R", keys);
    }

    private List<ArtifactRecord> byKeys(String kind, Collection<String> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        List<Object> params = new ArrayList<>();
        params.add(kind);
        params.addAll(new LinkedHashSet<>(keys));
        return sql.query("SELECT document FROM artifacts WHERE id IN (SELECT artifact_id FROM artifact_keys"
                + " WHERE kind = ? AND key IN " + Sql.placeholders(params.size() - 1) + ") ORDER BY id",
                params.toArray()).stream().map(PostgresArtifactCatalog::decode).toList();
    }

    @Override
    public void scan(Predicate<ArtifactRecord> visitor) {
        String after = "";
        while (true) {
            List<DbRow> batch = sql.query("SELECT id, document FROM artifacts WHERE id > ? ORDER BY id LIMIT ?",
                    after, SCAN_BATCH);
            for (DbRow row : batch) {
                if (!visitor.test(decode(row))) {
                    return;
                }
                after = row.column("id").get(String.class);
            }
            if (batch.size() < SCAN_BATCH) {
                return;
            }
        }
    }

    @Override
    public long count() {
        return sql.get("SELECT count(*) AS n FROM artifacts").orElseThrow().column("n").get(Long.class);
    }

    @Override
    public void clear() {
        sql.transaction(tx -> {
            tx.dml("DELETE FROM artifact_keys");
            tx.dml("DELETE FROM artifacts");
            tx.dml("DELETE FROM catalog_batches");
            return null;
        });
    }

    /**
     * One database transaction. Each step's precondition is in its statement (conditional
     * UPDATE and DELETE; {@code FOR SHARE} for an artifact only read), so the rows stay locked
     * until the commit; the steps run in id order so two batches lock in the same order and
     * cannot deadlock.
     */
    @Override
    public void apply(String batchId, List<CatalogChange> changes) {
        Set<ArtifactId> named = new java.util.HashSet<>();
        for (CatalogChange change : changes) {
            if (!named.add(change.id())) {
                throw new IllegalArgumentException("a batch changes artifact " + change.id() + " twice");
            }
        }
        List<CatalogChange> ordered = changes.stream()
                .sorted(java.util.Comparator.comparing(CatalogChange::id)).toList();
        sql.transaction(tx -> {
            if (tx.dml("INSERT INTO catalog_batches (id) VALUES (?) ON CONFLICT (id) DO NOTHING", batchId) == 0) {
                throw new ConflictException("batch " + batchId + " was applied already");
            }
            for (CatalogChange change : ordered) {
                switch (change) {
                    case CatalogChange.Insert insert -> {
                        ArtifactRecord record = insert.record();
                        if (tx.dml("INSERT INTO artifacts (id, name, type, revision, document) VALUES (?, ?, ?, ?, ?)"
                                + " ON CONFLICT (id) DO NOTHING", record.id().value(), record.name().value(),
                                record.type().wireName(), record.revision(), document(record)) == 0) {
                            throw new ConflictException("an artifact with id " + record.id() + " exists already");
                        }
                        insertKeys(tx, record);
                    }
                    case CatalogChange.Replace replace -> {
                        ArtifactRecord updated = replace.record();
                        if (tx.dml("UPDATE artifacts SET name = ?, type = ?, revision = ?, document = ?"
                                + " WHERE id = ? AND revision = ?", updated.name().value(), updated.type().wireName(),
                                updated.revision(), document(updated), updated.id().value(),
                                replace.expectedRevision()) == 0) {
                            throw precondition(tx, change.id(), replace.expectedRevision());
                        }
                        tx.dml("DELETE FROM artifact_keys WHERE artifact_id = ?", updated.id().value());
                        insertKeys(tx, updated);
                    }
                    case CatalogChange.Remove remove -> {
                        if (tx.dml("DELETE FROM artifacts WHERE id = ? AND revision = ?", remove.id().value(),
                                remove.expectedRevision()) == 0) {
                            throw precondition(tx, change.id(), remove.expectedRevision());
                        }
                    }
                    case CatalogChange.Unchanged unchanged -> {
                        Optional<DbRow> row = tx.get("SELECT revision FROM artifacts WHERE id = ? FOR SHARE",
                                unchanged.id().value());
                        if (row.isEmpty() || row.get().column("revision").get(Long.class) != unchanged.expectedRevision()) {
                            throw precondition(tx, change.id(), unchanged.expectedRevision());
                        }
                    }
                }
            }
            return null;
        });
    }

    private static RuntimeException precondition(DbExecute tx, ArtifactId id, long expectedRevision) {
        Optional<DbRow> current = tx.get("SELECT revision FROM artifacts WHERE id = ?", id.value());
        if (current.isEmpty()) {
            return new NotFoundException("no artifact has id " + id);
        }
        return new ConflictException("artifact " + id + " was changed concurrently (revision "
                + current.get().column("revision").get(Long.class) + ", expected " + expectedRevision + "); retry");
    }

    @Override
    public boolean isApplied(String batchId) {
        return sql.get("SELECT 1 AS applied FROM catalog_batches WHERE id = ?", batchId).isPresent();
    }

    @Override
    public void forgetBatch(String batchId) {
        sql.dml("DELETE FROM catalog_batches WHERE id = ?", batchId);
    }

    @Override
    public ComponentHealth checkHealth() {
        long started = System.nanoTime();
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("backend", "postgresql");
        metrics.put("schema", settings.schema());
        try {
            metrics.put("artifacts", count());
            metrics.put("probe_ms", (System.nanoTime() - started) / 1_000_000.0);
            return new ComponentHealth("catalog", "Artifact catalog (PostgreSQL)",
                    "Artifact metadata and ingest evidence in PostgreSQL", HealthStatus.OK, Instant.now(), metrics,
                    List.of());
        } catch (DependencyUnavailableException e) {
            metrics.put("probe_ms", (System.nanoTime() - started) / 1_000_000.0);
            return new ComponentHealth("catalog", "Artifact catalog (PostgreSQL)",
                    "Artifact metadata and ingest evidence in PostgreSQL", HealthStatus.CRITICAL, Instant.now(),
                    metrics, List.of(new ComponentHealth.Issue("postgres-unreachable", "error",
                            "PostgreSQL cannot be reached", e.getMessage())));
        }
    }

    private static void insertKeys(DbExecute tx, ArtifactRecord record) {
        Set<String> identity = ArtifactKeys.identityKeys(record);
        Set<String> references = ArtifactKeys.referenceKeys(record);
        if (identity.isEmpty() && references.isEmpty()) {
            return;
        }
        List<Object> params = new ArrayList<>();
        List<String> rows = new ArrayList<>();
        for (String key : identity) {
            rows.add("(?, ?, ?)");
            params.add("I");
            params.add(key);
            params.add(record.id().value());
        }
        for (String key : references) {
            rows.add("(?, ?, ?)");
            params.add("R");
            params.add(key);
            params.add(record.id().value());
        }
        tx.dml("INSERT INTO artifact_keys (kind, key, artifact_id) VALUES " + String.join(", ", rows)
                + " ON CONFLICT DO NOTHING", params.toArray());
    }

    private static String document(ArtifactRecord record) {
        return new String(StoredDocuments.encodeArtifact(record), StandardCharsets.UTF_8);
    }

    private static ArtifactRecord decode(DbRow row) {
        return StoredDocuments.decodeArtifact(row.column("document").get(String.class).getBytes(StandardCharsets.UTF_8));
    }
}
