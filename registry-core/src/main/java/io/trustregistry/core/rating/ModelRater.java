package io.trustregistry.core.rating;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.trustregistry.core.error.RatingUnavailableException;
import io.trustregistry.core.model.MetricId;
import io.trustregistry.core.model.ModelRating;
import io.trustregistry.core.model.Score;
import io.trustregistry.core.model.SizeScore;

/**
 * Computes a model's {@link ModelRating}: every metric runs on its own virtual thread and is
 * timed; tree_score is the mean net score of the registered parents, or, for a model without
 * registered parents, the model's own net score computed from the other metrics (a root vouches
 * for itself, neither penalised nor inflated). Notes explain every degraded input.
 */
public final class ModelRater {

    private final List<Metric> metrics;
    private final InstantSource clock;

    public ModelRater(InstantSource clock) {
        this.clock = clock;
        this.metrics = List.of(new RampUpTime(), new BusFactor(), new PerformanceClaims(), new LicenseScore(),
                new DatasetAndCodeScore(), new DatasetQuality(), new CodeQuality(clock.instant()),
                new Reproducibility(), new Reviewedness());
    }

    /** Rates the model in {@code inputs}. */
    public ModelRating rate(RatingInputs inputs) {
        long started = System.nanoTime();
        Map<MetricId, Score> scores = new EnumMap<>(MetricId.class);
        SizeScore size;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Map<MetricId, Future<Score>> running = new EnumMap<>(MetricId.class);
            for (Metric metric : metrics) {
                running.put(metric.id(), threads.submit(() -> timed(metric, inputs)));
            }
            Future<SizeScore> sizeRunning = threads.submit(() -> {
                long t0 = System.nanoTime();
                SizeScore untimed = SizeScores.score(inputs, 0);
                return new SizeScore(untimed.raspberryPi(), untimed.jetsonNano(), untimed.desktopPc(),
                        untimed.awsServer(), seconds(t0));
            });
            for (Map.Entry<MetricId, Future<Score>> entry : running.entrySet()) {
                scores.put(entry.getKey(), entry.getValue().get());
            }
            size = sizeRunning.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RatingUnavailableException("rating interrupted", e);
        } catch (ExecutionException e) {
            throw new RatingUnavailableException("a metric failed: " + e.getCause(), e.getCause());
        }

        Map<MetricId, Double> values = new EnumMap<>(MetricId.class);
        scores.forEach((id, score) -> values.put(id, score.value()));
        values.put(MetricId.SIZE_SCORE, size.best());
        long treeStarted = System.nanoTime();
        double tree = inputs.parents().isEmpty() ? NetScore.of(values)
                : inputs.parents().stream().mapToDouble(p -> p.value(MetricId.NET_SCORE)).average().orElse(0);
        Score treeScore = new Score(Metric.clamp(tree), seconds(treeStarted));
        values.put(MetricId.TREE_SCORE, treeScore.value());
        scores.put(MetricId.TREE_SCORE, treeScore);
        scores.put(MetricId.NET_SCORE, new Score(NetScore.of(values), seconds(started)));
        return new ModelRating(inputs.model().name().value(), category(inputs), scores, size, clock.instant(),
                notes(inputs, values));
    }

    private static Score timed(Metric metric, RatingInputs inputs) {
        long t0 = System.nanoTime();
        double value = metric.score(inputs);
        return new Score(Math.round(value * 10_000) / 10_000.0, seconds(t0));
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static String category(RatingInputs inputs) {
        var attributes = inputs.model().evidence().attributes();
        return attributes.getOrDefault("pipeline_tag", attributes.getOrDefault("library_name", "model"));
    }

    private static List<String> notes(RatingInputs inputs, Map<MetricId, Double> values) {
        List<String> notes = new ArrayList<>(inputs.model().evidence().degradations());
        inputs.code().forEach(c -> c.evidence().degradations().forEach(d -> notes.add(c.name() + ": " + d)));
        if (inputs.model().evidence().contributors().isEmpty() && inputs.code().isEmpty()) {
            notes.add("bus_factor: no contributor history known");
        }
        if (inputs.datasets().isEmpty()) {
            notes.add("dataset_quality: no registered dataset is linked to this model");
        }
        if (inputs.code().isEmpty()) {
            notes.add("code_quality, reviewedness: no registered code repository is linked to this model");
        }
        if (inputs.parents().isEmpty()) {
            notes.add("tree_score: no registered lineage parent; the model's own score stands in");
        }
        if (values.getOrDefault(MetricId.LICENSE, 0.0) == 0) {
            notes.add("license: none declared, or not recognised");
        }
        return notes;
    }
}
