package io.trustregistry.core.lineage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.trustregistry.core.model.ArtifactKeys;
import io.trustregistry.core.model.ArtifactRecord;
import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.model.ParentReference;
import io.trustregistry.core.port.out.ArtifactCatalog;

/**
 * Resolves what an artifact's evidence names (parent models, datasets, code) to registered
 * artifacts, at query time, so a link appears as soon as both ends are registered.
 *
 * <p>Each reference resolves to one artifact: the most specific key that matches wins (a full
 * hub id beats a bare name), and among equals the earliest registration (lowest id).
 */
public final class ArtifactLinks {

    private final ArtifactCatalog catalog;

    public ArtifactLinks(ArtifactCatalog catalog) {
        this.catalog = catalog;
    }

    /** A resolved parent: the registered model and the reference that named it. */
    public record Parent(ArtifactRecord artifact, ParentReference reference) {
    }

    /** Registered parent models of {@code model}, in the order its evidence lists them. */
    public List<Parent> parentsOf(ArtifactRecord model) {
        Map<String, Parent> parents = new LinkedHashMap<>();
        for (ParentReference reference : model.evidence().parents()) {
            resolve(ArtifactKeys.parentKeys(reference), Set.of(ArtifactType.MODEL), model)
                    .ifPresent(found -> parents.putIfAbsent(found.id().value(), new Parent(found, reference)));
        }
        return List.copyOf(parents.values());
    }

    /** Registered datasets {@code artifact} names. */
    public List<ArtifactRecord> datasetsOf(ArtifactRecord artifact) {
        return resolveAll(artifact.evidence().datasetReferences().stream().map(ArtifactKeys::datasetKeys).toList(),
                Set.of(ArtifactType.DATASET), artifact);
    }

    /** Registered code repositories {@code artifact} links to. */
    public List<ArtifactRecord> codeOf(ArtifactRecord artifact) {
        return resolveAll(artifact.evidence().codeReferences().stream().map(ArtifactKeys::codeKeys).toList(),
                Set.of(ArtifactType.CODE, ArtifactType.DATASET), artifact);
    }

    /** Registered models that name {@code model} as a parent (after resolution). */
    public List<Parent> childrenOf(ArtifactRecord model) {
        List<Parent> children = new ArrayList<>();
        for (ArtifactRecord candidate : catalog.findReferencing(ArtifactKeys.identityKeys(model))) {
            if (candidate.type() != ArtifactType.MODEL || candidate.id().equals(model.id())) {
                continue;
            }
            for (Parent parent : parentsOf(candidate)) {
                if (parent.artifact().id().equals(model.id())) {
                    children.add(new Parent(candidate, parent.reference()));
                    break;
                }
            }
        }
        return children;
    }

    /**
     * Registered artifacts whose references <em>could</em> point at {@code artifact} (their
     * reference keys meet its identity keys), whether or not it is still registered: a
     * superset of its dependents and children, for re-rating after it changed or went away.
     */
    public List<ArtifactRecord> referrersOf(ArtifactRecord artifact) {
        return catalog.findReferencing(ArtifactKeys.identityKeys(artifact)).stream()
                .filter(candidate -> !candidate.id().equals(artifact.id())).toList();
    }

    private List<ArtifactRecord> resolveAll(Collection<Set<String>> keySets, Set<ArtifactType> types,
                                            ArtifactRecord self) {
        Map<String, ArtifactRecord> found = new LinkedHashMap<>();
        for (Set<String> keys : keySets) {
            resolve(keys, types, self).ifPresent(a -> found.putIfAbsent(a.id().value(), a));
        }
        return List.copyOf(found.values());
    }

    private Optional<ArtifactRecord> resolve(Set<String> keysMostSpecificFirst, Set<ArtifactType> types,
                                             ArtifactRecord self) {
        for (String key : new LinkedHashSet<>(keysMostSpecificFirst)) {
            Optional<ArtifactRecord> match = catalog.findByIdentityKeys(List.of(key)).stream()
                    .filter(a -> types.contains(a.type()))
                    .filter(a -> !a.id().equals(self.id()))
                    .findFirst();
            if (match.isPresent()) {
                return match;
            }
        }
        return Optional.empty();
    }
}
