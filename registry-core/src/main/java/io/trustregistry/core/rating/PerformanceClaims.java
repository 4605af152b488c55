package io.trustregistry.core.rating;

import io.trustregistry.core.model.MetricId;
/**
 * Evidence behind the results a model claims:
 * <pre>
 *   0.60  structured results (card model-index) or a results table in the README (a table of
 *         numbers that it, or its caption, says are accuracy, F1, WER, GLUE... figures)
 *   0.25  instead, evaluation terms mentioned without numbers
 * + 0.20  a citable source (arXiv, DOI, BibTeX)
 * + 0.10  three or more distinct evaluation terms (several benchmarks or metrics)
 * + 0.10  both structured results and a results table
 * </pre>
 */
public final class PerformanceClaims implements Metric {

    @Override
    public MetricId id() {
        return MetricId.PERFORMANCE_CLAIMS;
    }

    @Override
    public double score(RatingInputs inputs) {
        ReadmeFacts readme = inputs.readme();
        boolean modelIndex = Long.parseLong(inputs.model().evidence().attributes()
                .getOrDefault("model_index_results", "0")) > 0;
        boolean table = readme.resultTables() > 0;
        double score = modelIndex || table ? 0.60 : readme.metricTerms().isEmpty() ? 0 : 0.25;
        if (readme.citation()) {
            score += 0.20;
        }
        if (readme.metricTerms().size() >= 3) {
            score += 0.10;
        }
        if (modelIndex && table) {
            score += 0.10;
        }
        return Metric.clamp(score);
    }
}
