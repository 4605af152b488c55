package io.trustregistry.core.rating;

import io.trustregistry.core.model.MetricId;
/**
 * How quickly a new engineer can start using the model, judged from its card:
 * <pre>
 *   0.25 × min(1, words / 600)                 enough prose
 * + 0.30 × usage code (1) or any code (0.5)     a worked example
 * + 0.15 × install instructions or a known library
 * + 0.15 × min(1, headings / 5)                structure
 * + 0.15 × card metadata (license and task: 1; one of them: 0.5)
 * − 0.02 per "More Information Needed" left from the template (at most 0.20)
 * </pre>
 */
public final class RampUpTime implements Metric {

    @Override
    public MetricId id() {
        return MetricId.RAMP_UP_TIME;
    }

    @Override
    public double score(RatingInputs inputs) {
        ReadmeFacts readme = inputs.readme();
        var evidence = inputs.model().evidence();
        double prose = Math.min(1, readme.words() / 600.0);
        double example = readme.codeBlocks().stream().anyMatch(Reproducibility::isUsage) ? 1
                : readme.codeBlocks().isEmpty() ? 0 : 0.5;
        double install = readme.installs() || evidence.attributes().containsKey("library_name") ? 1 : 0;
        double structure = Math.min(1, readme.headings() / 5.0);
        int metadata = (evidence.license().isPresent() ? 1 : 0)
                + (evidence.attributes().containsKey("pipeline_tag") ? 1 : 0);
        double card = metadata / 2.0;
        double penalty = Math.min(0.20, 0.02 * readme.placeholders());
        return Metric.clamp(0.25 * prose + 0.30 * example + 0.15 * install + 0.15 * structure + 0.15 * card - penalty);
    }
}
