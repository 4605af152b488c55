package io.trustregistry.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.trustregistry.testkit.CalibrationFixtures;
import io.trustregistry.testkit.CalibrationFixtures.Reference;

/**
 * Rates fixtures resembling the three models with published reference ratings, end to end
 * through HTTP, and checks that every score lands near its reference. Where our formula
 * disagrees on purpose the deviation is named here and explained in docs/rating.md. The
 * comparison table is written to target/calibration.md.
 */
@Tag("e2e")
class CalibrationTest {

    /** Most a score may differ from its reference without a documented reason. */
    static final double TOLERANCE = 0.15;

    /** Deliberate deviations: metric of model, with the reason kept in docs/rating.md. */
    static final Map<String, String> DEVIATIONS = Map.of(
            "whisper-tiny dataset_and_code_score", "the README links its code repository: partial credit",
            "whisper-tiny ramp_up_time", "complete usage and evaluation code: we score a full card 1.0");

    private static TestServer t;
    private static String token;

    @BeforeAll
    static void start() {
        t = TestServer.start();
        t.hub.add(CalibrationFixtures.all());
        token = t.api.admin();
        t.api.register(token, "dataset", "https://huggingface.co/datasets/bookcorpus/bookcorpus");
        t.api.register(token, "code", "https://github.com/google-research/bert");
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    @Test
    void scoresLandNearThePublishedReferences() throws IOException {
        List<String> table = new ArrayList<>();
        table.add("| model | metric | reference | ours | difference |");
        table.add("|---|---|---|---|---|");
        List<String> failures = new ArrayList<>();
        for (var entry : List.of(Map.entry("https://huggingface.co/google-bert/bert-base-uncased",
                        CalibrationFixtures.BERT),
                Map.entry("https://huggingface.co/parvk11/audience_classifier_model", CalibrationFixtures.AUDIENCE),
                Map.entry("https://huggingface.co/openai/whisper-tiny", CalibrationFixtures.WHISPER))) {
            String id = t.api.register(token, "model", entry.getKey());
            JsonNode rating = t.api.get("/artifact/model/" + id + "/rate", token).expect(200).json();
            Reference ref = entry.getValue();
            compare(table, failures, ref.name(), "net_score", ref.net(), rating.path("net_score").asDouble());
            compare(table, failures, ref.name(), "ramp_up_time", ref.rampUp(), rating.path("ramp_up_time").asDouble());
            compare(table, failures, ref.name(), "bus_factor", ref.busFactor(), rating.path("bus_factor").asDouble());
            compare(table, failures, ref.name(), "performance_claims", ref.performanceClaims(),
                    rating.path("performance_claims").asDouble());
            compare(table, failures, ref.name(), "license", ref.license(), rating.path("license").asDouble());
            JsonNode size = rating.path("size_score");
            compare(table, failures, ref.name(), "size raspberry_pi", ref.raspberryPi(),
                    size.path("raspberry_pi").asDouble());
            compare(table, failures, ref.name(), "size jetson_nano", ref.jetsonNano(), size.path("jetson_nano").asDouble());
            compare(table, failures, ref.name(), "size desktop_pc", ref.desktopPc(), size.path("desktop_pc").asDouble());
            compare(table, failures, ref.name(), "size aws_server", ref.awsServer(), size.path("aws_server").asDouble());
            compare(table, failures, ref.name(), "dataset_and_code_score", ref.datasetAndCode(),
                    rating.path("dataset_and_code_score").asDouble());
            compare(table, failures, ref.name(), "dataset_quality", ref.datasetQuality(),
                    rating.path("dataset_quality").asDouble());
            compare(table, failures, ref.name(), "code_quality", ref.codeQuality(),
                    rating.path("code_quality").asDouble());
        }
        Path out = Path.of("target", "calibration.md");
        Files.createDirectories(out.getParent());
        Files.write(out, table);
        assertTrue(failures.isEmpty(), "undocumented deviations:\n" + String.join("\n", failures) + "\n\n"
                + String.join("\n", table));
    }

    private static void compare(List<String> table, List<String> failures, String model, String metric,
                                double reference, double ours) {
        double difference = ours - reference;
        String key = model + " " + metric;
        boolean documented = DEVIATIONS.containsKey(key);
        table.add(String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f | %+.2f%s |", model, metric, reference, ours,
                difference, documented ? " (see below)" : ""));
        if (Math.abs(difference) > TOLERANCE && !documented) {
            failures.add(key + ": reference " + reference + ", ours " + ours);
        }
    }
}
