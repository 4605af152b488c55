package io.trustregistry.core.rating;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.trustregistry.core.model.MetricId;
import io.trustregistry.core.model.Contributor;
import io.trustregistry.core.model.Popularity;
import io.trustregistry.core.model.RepositoryInsight;
import io.trustregistry.core.model.ReviewSample;
import io.trustregistry.core.model.SourceEvidence;
import io.trustregistry.core.model.SourceFile;
import io.trustregistry.core.model.SourceKind;

/** Each metric's formula and edge cases, as pure functions of their inputs. */
class MetricsTest {

    static final String RICH_README = """
            ---
            license: apache-2.0
            ---
            # BERT base model (uncased)

            ## Model description
            %s

            ## How to use
            ```python
            from transformers import pipeline
            unmasker = pipeline('fill-mask', model='bert-base-uncased')
            unmasker("Hello I'm a [MASK] model.")
            ```

            ## Evaluation results
            | Task | MNLI | QQP | SST-2 | Average |
            |------|------|-----|-------|---------|
            | GLUE | 84.6 | 71.2 | 93.5 | 79.6 |
            | SQuAD F1 | 88.5 | - | - | - |

            Accuracy and F1 are reported on GLUE.

            ## Training data
            Trained on BookCorpus and English Wikipedia.

            ### BibTeX
            @article{devlin2018bert, title={BERT}, journal={arXiv preprint arXiv:1810.04805}}
            See https://arxiv.org/abs/1810.04805.
            """.formatted("word ".repeat(700));

    static final String TEMPLATE_README = """
            # Model Card for audience_classifier
            ## Model Details
            [More Information Needed]
            ## Uses
            [More Information Needed]
            ## Training Details
            [More Information Needed]
            ## Evaluation
            [More Information Needed]
            """;

    @Nested
    class RampUp {
        @Test
        void aRichCardWithUsageCodeScoresHigh() {
            double score = new RampUpTime().score(RatingFixtures.alone(RatingFixtures.model("a/b").readme(RICH_README)
                    .license("apache-2.0").attributes(Map.of("pipeline_tag", "fill-mask", "library_name", "transformers"))
                    .build()));
            assertTrue(score >= 0.9, "score " + score);
        }

        @Test
        void anEmptyCardScoresZeroAndTemplateLeftoversCost() {
            assertEquals(0, new RampUpTime().score(RatingFixtures.alone(RatingFixtures.model("a/b").build())));
            double template = new RampUpTime().score(RatingFixtures.alone(RatingFixtures.model("a/b")
                    .readme(TEMPLATE_README).attributes(Map.of("library_name", "transformers")).build()));
            assertTrue(template > 0 && template < 0.35, "score " + template);
        }
    }

    @Nested
    class Bus {
        private double score(List<Contributor> model, List<Contributor> code) {
            SourceEvidence repo = SourceEvidence.builder(SourceKind.GITHUB_REPOSITORY, "https://github.com/a/c", "c")
                    .contributors(code).build();
            return new BusFactor().score(RatingFixtures.with(RatingFixtures.model("a/b").contributors(model).build(),
                    List.of(), code.isEmpty() ? List.of() : List.of(repo)));
        }

        @Test
        void oneMaintainerIsAThirdAndEqualSharesRaiseIt() {
            assertEquals(1 / 3.0, score(List.of(new Contributor("solo", 40)), List.of()), 1e-9);
            assertEquals(1 - Math.pow(2 / 3.0, 4), score(List.of(new Contributor("a", 5), new Contributor("b", 5),
                    new Contributor("c", 5), new Contributor("d", 5)), List.of()), 1e-9);
            assertEquals(0, score(List.of(), List.of()));
        }

        @Test
        void aDominantAuthorCountsAsAboutOne() {
            double skewed = score(List.of(new Contributor("boss", 97), new Contributor("x", 1), new Contributor("y", 1),
                    new Contributor("z", 1)), List.of());
            assertTrue(skewed < 0.4, "score " + skewed);
        }

        @Test
        void eachRepositorysMaintainersAddUp() {
            double both = score(List.of(new Contributor("solo", 3)), List.of(new Contributor("a", 300),
                    new Contributor("b", 300), new Contributor("c", 300)));
            assertEquals(1 - Math.pow(2 / 3.0, 4), both, 1e-9, "1 in the model repository + 3 in the code");
        }
    }

    @Nested
    class Claims {
        @Test
        void resultsTablesAndCitationsScoreHigh() {
            double score = new PerformanceClaims().score(RatingFixtures.alone(RatingFixtures.model("a/b")
                    .readme(RICH_README).build()));
            assertEquals(0.9, score, 1e-9);
        }

        @Test
        void structuredModelIndexResultsCount() {
            double score = new PerformanceClaims().score(RatingFixtures.alone(RatingFixtures.model("a/b")
                    .attributes(Map.of("model_index_results", "3")).build()));
            assertEquals(0.6, score, 1e-9);
        }

        @Test
        void wordsWithoutNumbersScoreLittleAndNothingScoresZero() {
            assertEquals(0.25, new PerformanceClaims().score(RatingFixtures.alone(RatingFixtures.model("a/b")
                    .readme("It has great accuracy.").build())), 1e-9);
            assertEquals(0, new PerformanceClaims().score(RatingFixtures.alone(RatingFixtures.model("a/b").build())));
        }
    }

    @ParameterizedTest
    @CsvSource({"apache-2.0, 1.0", "mit, 1.0", "lgpl-2.1, 1.0", "gpl-3.0, 0.7", "cc-by-sa-4.0, 0.5",
            "openrail, 0.4", "llama3, 0.4", "cc-by-nc-4.0, 0.2", "cc-by-nd-4.0, 0.0", "other, 0.0", "'', 0.0"})
    void licenseScoresFollowLgplCompatibility(String license, double expected) {
        assertEquals(expected, new LicenseScore().score(RatingFixtures.alone(RatingFixtures.model("a/b")
                .license(license).build())), 1e-9);
    }

    @Nested
    class Size {
        private static final long MB = 1024 * 1024;

        @Test
        void theSmallestWeightFormatCountsNotTheRepository() {
            SourceEvidence bert = RatingFixtures.model("a/bert").files(List.of(
                    new SourceFile("model.safetensors", 440 * MB, Optional.empty()),
                    new SourceFile("pytorch_model.bin", 440 * MB, Optional.empty()),
                    new SourceFile("tf_model.h5", 536 * MB, Optional.empty()),
                    new SourceFile("flax_model.msgpack", 438 * MB, Optional.empty()),
                    new SourceFile("vocab.txt", 1, Optional.empty()))).totalSizeBytes(1_900 * MB).build();
            assertEquals(438 * MB, SizeScores.weightBytes(bert));
            var size = SizeScores.score(RatingFixtures.alone(bert), 0);
            assertEquals(0.155, size.raspberryPi(), 1e-9);
            assertEquals(0.476, size.jetsonNano(), 1e-9);
            assertEquals(1.0, size.desktopPc());
            assertEquals(1.0, size.awsServer());
        }

        @ParameterizedTest
        @CsvSource({"50, 1.0, 1.0, 1.0, 1.0", "300, 0.5, 0.727, 1.0, 1.0", "9000, 0.0, 0.0, 0.515, 1.0",
                "200000, 0.0, 0.0, 0.0, 0.0"})
        void thresholdsPerDevice(long megabytes, double pi, double nano, double pc, double aws) {
            var size = SizeScores.score(RatingFixtures.alone(RatingFixtures.model("a/b").files(List.of(
                    new SourceFile("model.safetensors", megabytes * MB, Optional.empty()))).build()), 0);
            assertEquals(pi, size.raspberryPi(), 0.001);
            assertEquals(nano, size.jetsonNano(), 0.001);
            assertEquals(pc, size.desktopPc(), 0.001);
            assertEquals(aws, size.awsServer(), 0.001);
        }

        @Test
        void withoutRecognisedWeightsTheWholeSizeCounts() {
            var evidence = RatingFixtures.model("a/b").files(List.of(new SourceFile("data.zip", 900 * MB,
                    Optional.empty()))).totalSizeBytes(900 * MB).build();
            assertEquals(900 * MB, SizeScores.weightBytes(evidence));
        }
    }

    @Nested
    class DataAndCode {
        private final SourceEvidence dataset = SourceEvidence.builder(SourceKind.HUGGING_FACE_DATASET,
                        "https://huggingface.co/datasets/b/books", "books").readme("word ".repeat(600)).license("cc-by-4.0")
                .popularity(new Popularity(2_000_000, 1_000, Optional.empty())).build();
        private final SourceEvidence code = SourceEvidence.builder(SourceKind.GITHUB_REPOSITORY,
                        "https://github.com/g/bert", "bert").readme("word ".repeat(900)).license("Apache-2.0")
                .repository(new RepositoryInsight(List.of("modeling_test.py", ".github/workflows/ci.yml", ".flake8"),
                        false, Map.of("Python", 100L), 38_000, 9_000, false, Optional.of(RatingFixtures.NOW),
                        Optional.of(new ReviewSample(10, 8, 1_000, 900)))).build();

        @Test
        void registeredLinksEarnFullCreditDocumentedOnesSome() {
            SourceEvidence model = RatingFixtures.model("a/m").datasetReferences(List.of(
                    new io.trustregistry.core.model.SourceReference.HuggingFace(true, "b/books")))
                    .codeReferences(List.of(new io.trustregistry.core.model.SourceReference.GitHub("g", "bert"))).build();
            DatasetAndCodeScore metric = new DatasetAndCodeScore();
            assertEquals(1.0, metric.score(RatingFixtures.with(model, List.of(dataset), List.of(code))), 1e-9);
            assertEquals(0.4, metric.score(RatingFixtures.alone(model)), 1e-9);
            assertEquals(0.0, metric.score(RatingFixtures.alone(RatingFixtures.model("a/m").build())));
        }

        @Test
        void qualityComesFromTheRegisteredArtifacts() {
            RatingInputs inputs = RatingFixtures.with(RatingFixtures.model("a/m").build(), List.of(dataset),
                    List.of(code));
            assertEquals(1.0, new DatasetQuality().score(inputs), 1e-9);
            assertEquals(1.0, new CodeQuality(RatingFixtures.NOW).score(inputs), 1e-9);
            assertEquals(0.9, new Reviewedness().score(inputs), 1e-9);
            RatingInputs none = RatingFixtures.alone(RatingFixtures.model("a/m").build());
            assertEquals(0, new DatasetQuality().score(none));
            assertEquals(0, new CodeQuality(RatingFixtures.NOW).score(none));
            assertEquals(-1, new Reviewedness().score(none));
        }

        @Test
        void aBareRepositoryScoresOnlyWhatItShows() {
            SourceEvidence bare = SourceEvidence.builder(SourceKind.GITHUB_REPOSITORY, "https://github.com/x/y", "y")
                    .repository(new RepositoryInsight(List.of("main.py"), false, Map.of(), 0, 0, true,
                            Optional.empty(), Optional.empty())).build();
            RatingInputs inputs = RatingFixtures.with(RatingFixtures.model("a/m").build(), List.of(), List.of(bare));
            assertEquals(0, new CodeQuality(RatingFixtures.NOW).score(inputs));
            assertEquals(0, new Reviewedness().score(inputs), "linked but unmeasurable is 0, not -1");
        }

        @Test
        void reviewednessFallsBackToPullRequestCounts() {
            assertEquals(0.25, Reviewedness.share(new ReviewSample(4, 1, 0, 0)), 1e-9);
            assertEquals(0, Reviewedness.share(new ReviewSample(0, 0, 0, 0)));
        }
    }

    @Nested
    class Repro {
        private double score(String hubId, String readme) {
            return new Reproducibility().score(RatingFixtures.alone(RatingFixtures.model(hubId).readme(readme).build()));
        }

        @Test
        void completeConsistentCodeRunsAsWritten() {
            assertEquals(1.0, score("google-bert/bert-base-uncased", RICH_README));
        }

        @Test
        void codeNeedingFixesScoresHalf() {
            assertEquals(0.5, score("a/m", "```python\nmodel = AutoModel.from_pretrained('a/m')\n```"),
                    "no import");
            assertEquals(0.5, score("a/m", "```python\nfrom transformers import AutoModel\n"
                    + "model = AutoModel.from_pretrained('<your-model>')\n```"), "placeholder");
            assertEquals(0.5, score("a/m", "```python\nfrom transformers import pipeline\n"
                    + "p = pipeline('fill-mask', model='other/thing')\n```"), "another model");
        }

        @Test
        void noUsageCodeIsZero() {
            assertEquals(0, score("a/m", "# nothing"));
            assertEquals(0, score("a/m", "```bash\npip install transformers\n```"));
        }
    }

    @Test
    void netScoreWeightsSumToOneAndSkipNotApplicable() {
        assertEquals(1.0, java.util.Arrays.stream(MetricId.values()).mapToDouble(MetricId::weight).sum(), 1e-9);
        Map<MetricId, Double> allOnes = new java.util.EnumMap<>(MetricId.class);
        for (MetricId metric : MetricId.values()) {
            allOnes.put(metric, 1.0);
        }
        assertEquals(1.0, NetScore.of(allOnes));
        allOnes.put(MetricId.REVIEWEDNESS, -1.0);
        assertEquals(1.0, NetScore.of(allOnes), "-1 is left out, not counted as a low score");
        allOnes.put(MetricId.LICENSE, 0.0);
        assertEquals(1 - 0.16 / 0.95, NetScore.of(allOnes), 1e-4);
    }

    @Test
    void readmeAnalysisStaysLinearOnHostileInput() {
        String hostile = "```python\n".repeat(50_000) + "| 1 | 2 |\n".repeat(10_000) + "a".repeat(100_000);
        ReadmeFacts facts = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> ReadmeFacts.of(hostile));
        assertTrue(facts.words() > 0);
    }
}
