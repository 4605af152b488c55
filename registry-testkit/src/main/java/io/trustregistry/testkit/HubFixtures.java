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

    /** A Hugging Face model repository. */
    public record Model(String hubId, String readme, Optional<String> license, Map<String, Long> files,
                       List<String> datasets, List<String> baseModels, long downloads, long likes,
                       Optional<String> pipelineTag) {
    }

    /** A Hugging Face dataset repository. */
    public record Dataset(String hubId, String readme, Optional<String> license, Map<String, Long> files,
                          long downloads) {
    }

    /** A GitHub repository. */
    public record Repository(String fullName, String readme, Optional<String> spdxLicense, long sizeKilobytes,
                             long stars) {
    }

    /** The fixtures every hub contract run uses. */
    public static HubFixtures standard() {
        Map<String, Long> modelFiles = new LinkedHashMap<>();
        modelFiles.put("config.json", 570L);
        modelFiles.put("model.safetensors", 440_449_768L);
        modelFiles.put("README.md", 10_000L);
        Map<String, Long> derivedFiles = new LinkedHashMap<>();
        derivedFiles.put("config.json", 800L);
        derivedFiles.put("pytorch_model.bin", 267_000_000L);
        Map<String, Long> datasetFiles = new LinkedHashMap<>();
        datasetFiles.put("data/train-00000.parquet", 1_000_000_000L);
        datasetFiles.put("README.md", 4_000L);
        return new HubFixtures(
                List.of(new Model("acme/tiny-model", "# Tiny model\n\nUse it with `transformers`.\n",
                                Optional.of("apache-2.0"), modelFiles, List.of("acme/tiny-data"), List.of(), 120_000,
                                300, Optional.of("fill-mask")),
                        new Model("acme/tiny-model-finetuned", "# Fine-tuned\n", Optional.of("mit"), derivedFiles,
                                List.of(), List.of("acme/tiny-model"), 50, 1, Optional.of("text-classification"))),
                List.of(new Dataset("acme/tiny-data", "# Tiny data\n\nBooks.\n", Optional.of("cc-by-4.0"),
                        datasetFiles, 9_000)),
                List.of(new Repository("acme/tiny-code", "# tiny-code\n\nTraining scripts.\n", Optional.of("MIT"),
                                2_048, 42),
                        new Repository("acme/unlicensed", "# no license\n", Optional.empty(), 10, 0)));
    }

    /** The model with {@code hubId}. */
    public Model model(String hubId) {
        return models.stream().filter(m -> m.hubId().equals(hubId)).findFirst().orElseThrow();
    }
}
