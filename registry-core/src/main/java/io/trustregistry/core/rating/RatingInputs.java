package io.trustregistry.core.rating;

import java.util.List;
import java.util.Objects;

import io.trustregistry.core.model.ArtifactRecord;
import io.trustregistry.core.model.ModelRating;

/**
 * Everything a model's rating is computed from: the model's own evidence, the registered
 * datasets and code it links to, and the stored ratings of its registered lineage parents.
 * Metrics are pure functions of this record.
 *
 * @param model    the model being rated
 * @param datasets registered datasets the model names
 * @param code     registered code repositories the model links to
 * @param parents  ratings of the registered parent models
 */
public record RatingInputs(ArtifactRecord model, List<ArtifactRecord> datasets, List<ArtifactRecord> code,
                           List<ModelRating> parents) {
    public RatingInputs {
        Objects.requireNonNull(model, "model");
        datasets = List.copyOf(datasets);
        code = List.copyOf(code);
        parents = List.copyOf(parents);
    }

    /** A model rated on its own evidence only. */
    public static RatingInputs alone(ArtifactRecord model) {
        return new RatingInputs(model, List.of(), List.of(), List.of());
    }

    /** The parsed README of the model. */
    public ReadmeFacts readme() {
        return ReadmeFacts.of(model.evidence().readme());
    }
}
