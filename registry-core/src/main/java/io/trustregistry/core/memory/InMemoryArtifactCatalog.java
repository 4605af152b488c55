package io.trustregistry.core.memory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Function;
import java.util.function.Predicate;

import io.trustregistry.core.error.ConflictException;
import io.trustregistry.core.error.NotFoundException;
import io.trustregistry.core.model.ArtifactId;
import io.trustregistry.core.model.ArtifactKeys;
import io.trustregistry.core.model.ArtifactMetadata;
import io.trustregistry.core.model.ArtifactPage;
import io.trustregistry.core.model.ArtifactQuery;
import io.trustregistry.core.model.ArtifactRecord;
import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.model.CatalogChange;
import io.trustregistry.core.model.ComponentHealth;
import io.trustregistry.core.model.HealthStatus;
import io.trustregistry.core.port.out.ArtifactCatalog;

/**
 * A catalog held in memory, indexed by id, name, type and artifact keys so that every query
 * touches only what it returns. Writers are serialised; readers never block and re-check
 * each index hit against the record, so a concurrent write can never leak a wrong result.
 * Also the read model behind durable catalogs that keep everything in memory.
 */
public class InMemoryArtifactCatalog implements ArtifactCatalog {

    private final ConcurrentSkipListMap<ArtifactId, ArtifactRecord> byId = new ConcurrentSkipListMap<>();
    private final Map<String, NavigableSet<ArtifactId>> byName = new ConcurrentHashMap<>();
    private final Map<ArtifactType, NavigableSet<ArtifactId>> byType = new EnumMap<>(ArtifactType.class);
    private final Map<String, NavigableSet<ArtifactId>> byIdentityKey = new ConcurrentHashMap<>();
    private final Map<String, NavigableSet<ArtifactId>> byReferenceKey = new ConcurrentHashMap<>();
    private final Object writeLock = new Object();
    private final Set<String> appliedBatches = ConcurrentHashMap.newKeySet();

    public InMemoryArtifactCatalog() {
        for (ArtifactType type : ArtifactType.values()) {
            byType.put(type, new ConcurrentSkipListSet<>());
        }
    }

    @Override
    public void insert(ArtifactRecord record) {
        synchronized (writeLock) {
            if (byId.containsKey(record.id())) {
                throw new ConflictException("an artifact with id " + record.id() + " exists already");
            }
            index(record);
        }
    }

    @Override
    public Optional<ArtifactRecord> find(ArtifactId id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public void update(ArtifactRecord updated, long expectedRevision) {
        synchronized (writeLock) {
            replace(expect(updated.id(), expectedRevision), updated);
        }
    }

    /** The stored record, checked to be at {@code expectedRevision}; call holding the write lock. */
    private ArtifactRecord expect(ArtifactId id, long expectedRevision) {
        ArtifactRecord current = byId.get(id);
        if (current == null) {
            throw new NotFoundException("no artifact has id " + id);
        }
        if (current.revision() != expectedRevision) {
            throw new ConflictException("artifact " + id + " was changed concurrently (revision "
                    + current.revision() + ", expected " + expectedRevision + "); retry");
        }
        return current;
    }

    private void replace(ArtifactRecord current, ArtifactRecord updated) {
        // index the new state before dropping stale entries: readers never see the id vanish
        index(updated);
        if (!current.name().equals(updated.name())) {
            removeFrom(byName, current.name().value(), current.id());
        }
        Set<String> identity = ArtifactKeys.identityKeys(updated);
        ArtifactKeys.identityKeys(current).stream().filter(k -> !identity.contains(k))
                .forEach(k -> removeFrom(byIdentityKey, k, current.id()));
        Set<String> references = ArtifactKeys.referenceKeys(updated);
        ArtifactKeys.referenceKeys(current).stream().filter(k -> !references.contains(k))
                .forEach(k -> removeFrom(byReferenceKey, k, current.id()));
    }

    @Override
    public boolean delete(ArtifactId id) {
        synchronized (writeLock) {
            ArtifactRecord current = byId.get(id);
            if (current == null) {
                return false;
            }
            unindex(current);
            return true;
        }
    }

    @Override
    public void apply(String batchId, List<CatalogChange> changes) {
        synchronized (writeLock) {
            check(batchId, changes);
            applyChecked(batchId, changes);
        }
    }

    /**
     * Checks every precondition of {@link #apply} without changing anything. A durable catalog
     * that keeps this one as its index and serialises its own writers checks, persists the
     * batch, then calls {@link #applyChecked}.
     */
    public final void check(String batchId, List<CatalogChange> changes) {
        synchronized (writeLock) {
            Set<ArtifactId> named = new java.util.HashSet<>();
            for (CatalogChange change : changes) {
                if (!named.add(change.id())) {
                    throw new IllegalArgumentException("a batch changes artifact " + change.id() + " twice");
                }
            }
            if (appliedBatches.contains(batchId)) {
                throw new ConflictException("batch " + batchId + " was applied already");
            }
            for (CatalogChange change : changes) {
                switch (change) {
                    case CatalogChange.Insert insert -> {
                        if (byId.containsKey(insert.id())) {
                            throw new ConflictException("an artifact with id " + insert.id() + " exists already");
                        }
                    }
                    case CatalogChange.Replace replace -> expect(replace.id(), replace.expectedRevision());
                    case CatalogChange.Remove remove -> expect(remove.id(), remove.expectedRevision());
                    case CatalogChange.Unchanged unchanged -> expect(unchanged.id(), unchanged.expectedRevision());
                }
            }
        }
    }

    /** Applies a batch whose preconditions {@link #check} passed, with no writer in between. */
    public final void applyChecked(String batchId, List<CatalogChange> changes) {
        synchronized (writeLock) {
            for (CatalogChange change : changes) {
                switch (change) {
                    case CatalogChange.Insert insert -> index(insert.record());
                    case CatalogChange.Replace replace -> replace(byId.get(replace.id()), replace.record());
                    case CatalogChange.Remove remove -> unindex(byId.get(remove.id()));
                    case CatalogChange.Unchanged unchanged -> {
                        // a precondition only
                    }
                }
            }
            appliedBatches.add(batchId);
        }
    }

    @Override
    public boolean isApplied(String batchId) {
        return appliedBatches.contains(batchId);
    }

    @Override
    public void forgetBatch(String batchId) {
        appliedBatches.remove(batchId);
    }

    @Override
    public ArtifactPage page(List<ArtifactQuery> queries, Optional<ArtifactId> after, int limit) {
        if (queries.isEmpty() || limit < 1) {
            throw new IllegalArgumentException("need at least one query and a positive limit");
        }
        List<Iterator<ArtifactId>> sources = new ArrayList<>();
        for (ArtifactQuery query : queries) {
            if (query.name().isPresent()) {
                sources.add(tail(byName.get(query.name().get()), after));
            } else {
                for (ArtifactType type : query.effectiveTypes()) {
                    sources.add(tail(byType.get(type), after));
                }
            }
        }
        List<ArtifactMetadata> items = new ArrayList<>();
        boolean more = false;
        Iterator<ArtifactId> merged = mergeDistinct(sources);
        while (merged.hasNext()) {
            ArtifactRecord record = byId.get(merged.next());
            if (record == null || queries.stream().noneMatch(q -> q.matches(record.metadata()))) {
                continue;
            }
            if (items.size() == limit) {
                more = true;
                break;
            }
            items.add(record.metadata());
        }
        Optional<ArtifactId> next = more ? Optional.of(items.get(items.size() - 1).id()) : Optional.empty();
        return new ArtifactPage(items, next);
    }

    @Override
    public List<ArtifactRecord> findByName(String name) {
        return resolve(byName.getOrDefault(name, new TreeSet<>()), r -> r.name().value().equals(name));
    }

    @Override
    public List<ArtifactRecord> findByIdentityKeys(Collection<String> keys) {
        return findByKeys(keys, byIdentityKey, ArtifactKeys::identityKeys);
    }

    @Override
    public List<ArtifactRecord> findReferencing(Collection<String> keys) {
        return findByKeys(keys, byReferenceKey, ArtifactKeys::referenceKeys);
    }

    @Override
    public void scan(Predicate<ArtifactRecord> visitor) {
        for (ArtifactRecord record : byId.values()) {
            if (!visitor.test(record)) {
                return;
            }
        }
    }

    @Override
    public long count() {
        return byId.size();
    }

    @Override
    public void clear() {
        synchronized (writeLock) {
            byId.clear();
            byName.clear();
            byType.values().forEach(Set::clear);
            byIdentityKey.clear();
            byReferenceKey.clear();
            appliedBatches.clear();
        }
    }

    @Override
    public ComponentHealth checkHealth() {
        return new ComponentHealth("catalog", "Artifact catalog (memory)",
                "Artifact metadata and ingest evidence, held in this process's memory", HealthStatus.OK,
                Instant.now(), Map.of("artifacts", byId.size(), "backend", "memory"), List.of());
    }

    private List<ArtifactRecord> findByKeys(Collection<String> keys, Map<String, NavigableSet<ArtifactId>> index,
                                            Function<ArtifactRecord, Set<String>> keysOf) {
        TreeSet<ArtifactId> ids = new TreeSet<>();
        for (String key : keys) {
            NavigableSet<ArtifactId> hits = index.get(key);
            if (hits != null) {
                ids.addAll(hits);
            }
        }
        return resolve(ids, record -> keysOf.apply(record).stream().anyMatch(keys::contains));
    }

    private List<ArtifactRecord> resolve(Collection<ArtifactId> ids, Predicate<ArtifactRecord> stillMatches) {
        List<ArtifactRecord> records = new ArrayList<>();
        for (ArtifactId id : ids) {
            ArtifactRecord record = byId.get(id);
            if (record != null && stillMatches.test(record)) {
                records.add(record);
            }
        }
        return records;
    }

    private void index(ArtifactRecord record) {
        ArtifactId id = record.id();
        byId.put(id, record);
        byName.computeIfAbsent(record.name().value(), k -> new ConcurrentSkipListSet<>()).add(id);
        byType.get(record.type()).add(id);
        ArtifactKeys.identityKeys(record)
                .forEach(key -> byIdentityKey.computeIfAbsent(key, k -> new ConcurrentSkipListSet<>()).add(id));
        ArtifactKeys.referenceKeys(record)
                .forEach(key -> byReferenceKey.computeIfAbsent(key, k -> new ConcurrentSkipListSet<>()).add(id));
    }

    private void unindex(ArtifactRecord record) {
        ArtifactId id = record.id();
        byId.remove(id);
        removeFrom(byName, record.name().value(), id);
        byType.get(record.type()).remove(id);
        ArtifactKeys.identityKeys(record).forEach(key -> removeFrom(byIdentityKey, key, id));
        ArtifactKeys.referenceKeys(record).forEach(key -> removeFrom(byReferenceKey, key, id));
    }

    private static void removeFrom(Map<String, NavigableSet<ArtifactId>> index, String key, ArtifactId id) {
        NavigableSet<ArtifactId> ids = index.get(key);
        if (ids != null) {
            ids.remove(id);
            if (ids.isEmpty()) {
                index.remove(key, ids);
            }
        }
    }

    private static Iterator<ArtifactId> tail(NavigableSet<ArtifactId> ids, Optional<ArtifactId> after) {
        if (ids == null) {
            return Collections.emptyIterator();
        }
        return after.map(a -> ids.tailSet(a, false)).orElse(ids).iterator();
    }

    /** Merges ascending iterators into one ascending iterator without duplicates. */
    private static Iterator<ArtifactId> mergeDistinct(List<Iterator<ArtifactId>> sources) {
        record Head(ArtifactId id, Iterator<ArtifactId> rest) {
        }
        PriorityQueue<Head> heads = new PriorityQueue<>((a, b) -> a.id().compareTo(b.id()));
        for (Iterator<ArtifactId> source : sources) {
            if (source.hasNext()) {
                heads.add(new Head(source.next(), source));
            }
        }
        return new Iterator<>() {
            private ArtifactId last;

            @Override
            public boolean hasNext() {
                skipDuplicates();
                return !heads.isEmpty();
            }

            @Override
            public ArtifactId next() {
                skipDuplicates();
                Head head = heads.poll();
                if (head == null) {
                    throw new NoSuchElementException();
                }
                if (head.rest().hasNext()) {
                    heads.add(new Head(head.rest().next(), head.rest()));
                }
                last = head.id();
                return head.id();
            }

            private void skipDuplicates() {
                while (!heads.isEmpty() && heads.peek().id().equals(last)) {
                    Head dup = heads.poll();
                    if (dup.rest().hasNext()) {
                        heads.add(new Head(dup.rest().next(), dup.rest()));
                    }
                }
            }
        };
    }
}
