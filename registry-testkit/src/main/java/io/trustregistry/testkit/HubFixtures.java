package io.trustregistry.testkit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Upstream content described independently of any hub's wire format. A hub adapter's test
 * publishes these through whatever its backend is (a fake HTTP hub, a static map), and the
 * {@link UpstreamHubContract} checks the evidence that comes back.
 */
public record HubFixtures(List<Model> models, List<Dataset> datasets, List<Repository> repositories) {

    /**
     * A Hugging Face model repository.
     *
     * @param commitAuthors     one entry per commit, by author (served by the commits API)
     * @param modelIndexResults evaluation results declared in the card's model-index
     */
    public record Model(String hubId, String readme, Optional<String> license, Map<String, Long> files,
                       List<String> datasets, List<String> baseModels, long downloads, long likes,
                       Optional<String> pipelineTag, List<String> commitAuthors, int modelIndexResults) {

        /** A model with one commit by its owner and no model-index. */
        public Model(String hubId, String readme, Optional<String> license, Map<String, Long> files,
                     List<String> datasets, List<String> baseModels, long downloads, long likes,
                     Optional<String> pipelineTag) {
            this(hubId, readme, license, files, datasets, baseModels, downloads, likes, pipelineTag,
                    List.of(hubId.contains("/") ? hubId.substring(0, hubId.indexOf('/')) : hubId), 0);
        }
    }

    /** A Hugging Face dataset repository. */
    public record Dataset(String hubId, String readme, Optional<String> license, Map<String, Long> files,
                          long downloads) {
    }

    /**
     * A GitHub repository.
     *
     * @param contributors commits per contributor
     * @param paths        files of the default branch
     * @param pulls        merged pull requests, most recent first
     * @param pushedAt     last push, ISO-8601
     */
    public record Repository(String fullName, String readme, Optional<String> spdxLicense, long sizeKilobytes,
                             long stars, Map<String, Long> contributors, List<String> paths, List<Pull> pulls,
                             String pushedAt) {

        /** A small repository with one contributor, a README and no pull requests. */
        public Repository(String fullName, String readme, Optional<String> spdxLicense, long sizeKilobytes,
                          long stars) {
            this(fullName, readme, spdxLicense, sizeKilobytes, stars,
                    Map.of(fullName.substring(0, fullName.indexOf('/')), 10L), List.of("README.md"), List.of(),
                    "2024-05-01T10:00:00Z");
        }
    }

    /**
     * A merged pull request.
     *
     * @param number    its number
     * @param author    who opened it
     * @param additions lines it added
     * @param reviewers who reviewed it (may include the author, which does not count)
     */
    public record Pull(int number, String author, long additions, List<String> reviewers) {
    }

    /** {@code files} plus README.md at the byte size of {@code readme}, as a hub would list it. */
    public static Map<String, Long> withReadme(Map<String, Long> files, String readme) {
        Map<String, Long> all = new LinkedHashMap<>(files);
        all.put("README.md", (long) readme.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        return all;
    }

    /** The fixtures every hub contract run uses. */
    public static HubFixtures standard() {
        String modelReadme = "# Tiny model\n\nUse it with `transformers`.\n";
        Map<String, Long> modelFiles = new LinkedHashMap<>();
        modelFiles.put("config.json", 570L);
        modelFiles.put("model.safetensors", 440_449_768L);
        modelFiles = withReadme(modelFiles, modelReadme);
        Map<String, Long> derivedFiles = new LinkedHashMap<>();
        derivedFiles.put("config.json", 800L);
        derivedFiles.put("pytorch_model.bin", 267_000_000L);
        String dataReadme = "# Tiny data\n\nBooks.\n";
        Map<String, Long> datasetFiles = withReadme(Map.of("data/train-00000.parquet", 1_000_000_000L), dataReadme);
        return new HubFixtures(
                List.of(new Model("acme/tiny-model", modelReadme,
                                Optional.of("apache-2.0"), modelFiles, List.of("acme/tiny-data"), List.of(), 120_000,
                                300, Optional.of("fill-mask")),
                        new Model("acme/tiny-model-finetuned", "# Fine-tuned\n", Optional.of("mit"), derivedFiles,
                                List.of(), List.of("acme/tiny-model"), 50, 1, Optional.of("text-classification"))),
                List.of(new Dataset("acme/tiny-data", dataReadme, Optional.of("cc-by-4.0"),
                        datasetFiles, 9_000)),
                List.of(new Repository("acme/tiny-code", "# tiny-code\n\nTraining scripts.\n", Optional.of("MIT"),
                                2_048, 42, Map.of("alice", 30L, "bob", 20L, "carol", 10L),
                                List.of("README.md", "train.py", "tests/test_train.py", ".github/workflows/ci.yml"),
                                List.of(new Pull(12, "bob", 300, List.of("alice")), new Pull(11, "carol", 100,
                                        List.of()), new Pull(10, "alice", 600, List.of("alice", "bob"))),
                                "2026-01-15T10:00:00Z"),
                        new Repository("acme/unlicensed", "# no license\n", Optional.empty(), 10, 0)));
    }

    /** The model with {@code hubId}. */
    public Model model(String hubId) {
        return models.stream().filter(m -> m.hubId().equals(hubId)).findFirst().orElseThrow();
    }
}
