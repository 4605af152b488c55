package io.trustregistry.core.rating;

import io.trustregistry.core.model.MetricId;
import io.trustregistry.core.model.ArtifactRecord;
import io.trustregistry.core.model.ReviewSample;
import io.trustregistry.core.model.SourceKind;

/**
 * The share of the linked GitHub repository's code that arrived through reviewed pull
 * requests, measured on its recent merged pull requests: lines added by pull requests that
 * someone other than the author reviewed, over all lines they added (by count of pull requests
 * when line counts are unavailable). -1 when the model links to no registered GitHub
 * repository; 0 when one is linked but its review history could not be read.
 */
public final class Reviewedness implements Metric {

    @Override
    public MetricId id() {
        return MetricId.REVIEWEDNESS;
    }

    @Override
    public double score(RatingInputs inputs) {
        double best = -1;
        for (ArtifactRecord code : inputs.code()) {
            if (code.evidence().kind() != SourceKind.GITHUB_REPOSITORY) {
                continue;
            }
            best = Math.max(best, code.evidence().repository().flatMap(r -> r.reviews())
                    .map(Reviewedness::share).orElse(0.0));
        }
        return best;
    }

    static double share(ReviewSample sample) {
        if (sample.additions() > 0) {
            return Metric.clamp((double) sample.reviewedAdditions() / sample.additions());
        }
        if (sample.mergedPullRequests() > 0) {
            return Metric.clamp((double) sample.reviewedPullRequests() / sample.mergedPullRequests());
        }
        return 0;
    }
}
