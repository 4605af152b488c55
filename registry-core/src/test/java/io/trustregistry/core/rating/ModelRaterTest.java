package io.trustregistry.core.rating;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.InstantSource;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.trustregistry.core.model.MetricId;
import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.model.ModelRating;
import io.trustregistry.core.model.Score;

class ModelRaterTest {

    private final ModelRater rater = new ModelRater(InstantSource.fixed(RatingFixtures.NOW));

    @Test
    void everyFieldIsPresentAndInRangeEvenWithNoEvidence() {
        ModelRating rating = rater.rate(RatingFixtures.alone(RatingFixtures.model("nobody/nothing").build()));
        for (Score score : java.util.Arrays.stream(MetricId.values()).filter(m -> m != MetricId.SIZE_SCORE
                && m != MetricId.REVIEWEDNESS).map(rating::score).toList()) {
            assertTrue(score.value() >= 0 && score.value() <= 1, score.toString());
            assertTrue(score.latencySeconds() >= 0);
        }
        assertEquals(-1, rating.score(MetricId.REVIEWEDNESS).value());
        assertEquals("model", rating.category());
        assertTrue(rating.notes().stream().anyMatch(n -> n.startsWith("tree_score")), rating.notes().toString());
        assertTrue(rating.notes().stream().anyMatch(n -> n.startsWith("license")), rating.notes().toString());
    }

    @Test
    void aRootsTreeScoreIsItsOwnNetScoreAndAChildsIsItsParentsMean() {
        var evidence = RatingFixtures.model("a/m").readme(MetricsTest.RICH_README).license("mit").build();
        ModelRating root = rater.rate(RatingFixtures.alone(evidence));
        assertEquals(root.score(MetricId.NET_SCORE).value(), root.score(MetricId.TREE_SCORE).value(), 1e-4);
        ModelRating child = rater.rate(new RatingInputs(RatingFixtures.record(ArtifactType.MODEL, evidence),
                List.of(), List.of(), List.of(root, rater.rate(RatingFixtures.alone(RatingFixtures.model("x/y").build())))));
        assertTrue(child.score(MetricId.TREE_SCORE).value() < root.score(MetricId.TREE_SCORE).value());
    }

    @Test
    void degradationsOfUpstreamCallsAreRepeatedInTheNotes() {
        ModelRating rating = rater.rate(RatingFixtures.alone(RatingFixtures.model("a/m")
                .degradations(List.of("README.md: timed out")).build()));
        assertTrue(rating.notes().contains("README.md: timed out"));
    }

    @Test
    void theSameInputsGiveTheSameScores() {
        var inputs = RatingFixtures.alone(RatingFixtures.model("a/m").readme(MetricsTest.RICH_README).build());
        ModelRating first = rater.rate(inputs);
        ModelRating second = rater.rate(inputs);
        assertEquals(first.score(MetricId.NET_SCORE).value(), second.score(MetricId.NET_SCORE).value());
        assertEquals(first.sizeScore().desktopPc(), second.sizeScore().desktopPc());
    }
}
