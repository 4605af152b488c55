package io.trustregistry.core.service;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.trustregistry.core.error.ConflictException;
import io.trustregistry.core.error.RatingRejectedException;
import io.trustregistry.core.error.RegistryException;
import io.trustregistry.core.model.ArtifactRecord;
import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.model.MetricId;
import io.trustregistry.core.model.ModelRating;
import io.trustregistry.core.port.out.ArtifactCatalog;
import io.trustregistry.core.rating.ModelRater;
import io.trustregistry.core.rating.RatingInputs;
import io.trustregistry.core.RegistrySettings;
import io.trustregistry.core.lineage.ArtifactLinks;

/**
 * Rates models from their evidence and what is registered around them, applies the optional
 * ingest gate, and keeps stored ratings current: when an artifact arrives, changes or goes,
 * every model whose rating depends on it (through a dataset or code link, or as a lineage
 * descendant) is rated again.
 */
public final class RatingService {

    private static final System.Logger LOG = System.getLogger(RatingService.class.getName());
    /** Most models re-rated by one change; lineage and link graphs are small in practice. */
    static final int MAX_REFRESH = 200;
    private static final int UPDATE_ATTEMPTS = 3;

    private final ArtifactCatalog catalog;
    private final ArtifactLinks links;
    private final ModelRater rater;
    private final RegistrySettings settings;

    public RatingService(ArtifactCatalog catalog, ArtifactLinks links, ModelRater rater, RegistrySettings settings) {
        this.catalog = catalog;
        this.links = links;
        this.rater = rater;
        this.settings = settings;
    }

    /** The rating of {@code model} given everything registered now. */
    public ModelRating rate(ArtifactRecord model) {
        List<ModelRating> parents = new ArrayList<>();
        for (ArtifactLinks.Parent parent : links.parentsOf(model)) {
            parent.artifact().rating().ifPresent(parents::add);
        }
        return rater.rate(new RatingInputs(model, links.datasetsOf(model), links.codeOf(model), parents));
    }

    /**
     * Refuses {@code rating} when the gate is on and a metric falls below the threshold. Latencies
     * are not metrics; reviewedness -1 (no repository) and the tree score of a model without
     * registered parents are not judged; size counts through its best device.
     *
     * @throws RatingRejectedException naming every failing metric
     */
    public void enforceGate(ModelRating rating, boolean hasRegisteredParents) {
        if (!settings.ratingGate()) {
            return;
        }
        Map<String, Double> judged = new LinkedHashMap<>();
        for (MetricId metric : MetricId.values()) {
            double value = rating.value(metric);
            boolean judge = switch (metric.gate()) {
                case ALWAYS, BEST_DEVICE -> true;
                case WHEN_APPLICABLE -> value >= 0;
                case WITH_REGISTERED_PARENTS -> hasRegisteredParents;
            };
            if (judge) {
                judged.put(metric.wireName(), value);
            }
        }
        List<String> failing = new ArrayList<>();
        judged.forEach((metric, value) -> {
            if (value < settings.ratingThreshold()) {
                failing.add(metric + "=" + String.format(java.util.Locale.ROOT, "%.2f", value));
            }
        });
        if (!failing.isEmpty()) {
            throw new RatingRejectedException("the model was not registered: the ingest gate requires every metric"
                    + " to reach " + settings.ratingThreshold() + ", and these do not: " + String.join(", ", failing));
        }
    }

    /** Whether {@code model} has registered lineage parents. */
    public boolean hasRegisteredParents(ArtifactRecord model) {
        return !links.parentsOf(model).isEmpty();
    }

    /**
     * Re-rates every model that depends on {@code changed}, transitively through lineage.
     * Failures are logged, never thrown: the change itself has already succeeded, and a model
     * whose refresh failed keeps its previous rating until its next update.
     */
    public void refreshDependentsOf(ArtifactRecord changed) {
        Deque<ArtifactRecord> pending = new ArrayDeque<>(List.of(changed));
        Set<String> refreshed = new HashSet<>();
        while (!pending.isEmpty() && refreshed.size() < MAX_REFRESH) {
            ArtifactRecord source = pending.removeFirst();
            // referrers, not resolved dependents: after a deletion nothing resolves to the source any more
            for (ArtifactRecord dependent : links.referrersOf(source)) {
                if (dependent.type() == ArtifactType.MODEL && !dependent.id().equals(changed.id())
                        && refreshed.add(dependent.id().value())) {
                    rerate(dependent).ifPresent(pending::add);
                }
            }
        }
    }

    private Optional<ArtifactRecord> rerate(ArtifactRecord model) {
        for (int attempt = 1; attempt <= UPDATE_ATTEMPTS; attempt++) {
            Optional<ArtifactRecord> current = catalog.find(model.id());
            if (current.isEmpty()) {
                return Optional.empty();
            }
            try {
                ArtifactRecord rerated = current.get().withRating(rate(current.get())).nextRevision();
                catalog.update(rerated, current.get().revision());
                return Optional.of(rerated);
            } catch (ConflictException raced) {
                // someone changed it meanwhile: rate the newer state
            } catch (RegistryException e) {
                LOG.log(Level.WARNING, "could not refresh the rating of " + model.id() + ": " + e.getMessage());
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
