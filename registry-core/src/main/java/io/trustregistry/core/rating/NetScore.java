package io.trustregistry.core.rating;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The weighted summary. Weights (they sum to 1):
 * <pre>
 *   license 0.16   size (best device) 0.16   ramp_up_time 0.13
 *   bus_factor 0.09   performance_claims 0.09   dataset_and_code_score 0.09
 *   dataset_quality 0.07   code_quality 0.07
 *   reproducibility 0.05   reviewedness 0.05   tree_score 0.04
 * </pre>
 * Size counts through its best device: a model that fits a server is deployable. A
 * reviewedness of -1 (no repository) is left out and the other weights are rescaled.
 */
public final class NetScore {

    /** The weights, by metric name. */
    public static final Map<String, Double> WEIGHTS;

    static {
        Map<String, Double> w = new LinkedHashMap<>();
        w.put("license", 0.16);
        w.put("size_score", 0.16);
        w.put("ramp_up_time", 0.13);
        w.put("bus_factor", 0.09);
        w.put("performance_claims", 0.09);
        w.put("dataset_and_code_score", 0.09);
        w.put("dataset_quality", 0.07);
        w.put("code_quality", 0.07);
        w.put("reproducibility", 0.05);
        w.put("reviewedness", 0.05);
        w.put("tree_score", 0.04);
        WEIGHTS = Map.copyOf(w);
    }

    private NetScore() {
    }

    /**
     * The net score of {@code scores} (metric name to value; size as its best device). Metrics
     * absent from {@code scores}, and a reviewedness of -1, are left out and the remaining
     * weights rescaled.
     */
    public static double of(Map<String, Double> scores) {
        double weighted = 0;
        double weights = 0;
        for (Map.Entry<String, Double> weight : WEIGHTS.entrySet()) {
            Double value = scores.get(weight.getKey());
            if (value == null || value < 0) {
                continue;
            }
            weighted += weight.getValue() * value;
            weights += weight.getValue();
        }
        return weights == 0 ? 0 : Metric.clamp(Math.round(weighted / weights * 10_000) / 10_000.0);
    }
}
