package io.trustregistry.core.rating;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.trustregistry.core.model.SizeScore;
import io.trustregistry.core.model.SourceEvidence;
import io.trustregistry.core.model.SourceFile;

/**
 * How well the model's weights fit four device classes. The size considered is that of the
 * smallest complete set of weights the repository offers (repositories often publish the same
 * weights as safetensors, PyTorch, TensorFlow and Flax files; a device downloads one). Each
 * device scores 1 up to its comfortable size and falls linearly to 0 at its limit:
 *
 * <table>
 *   <caption>device thresholds</caption>
 *   <tr><th>device</th><th>1.0 up to</th><th>0.0 from</th><th>reasoning</th></tr>
 *   <tr><td>raspberry_pi</td><td>100 MB</td><td>500 MB</td><td>4 GB RAM shared with the OS, CPU only</td></tr>
 *   <tr><td>jetson_nano</td><td>150 MB</td><td>700 MB</td><td>4 GB shared with a small GPU</td></tr>
 *   <tr><td>desktop_pc</td><td>2 GB</td><td>16 GB</td><td>16 GB RAM, an 8 GB consumer GPU</td></tr>
 *   <tr><td>aws_server</td><td>20 GB</td><td>160 GB</td><td>multi-GPU instances</td></tr>
 * </table>
 */
public final class SizeScores {

    private static final double MB = 1024.0 * 1024.0;

    private SizeScores() {
    }

    /** The four device scores for {@code inputs} (latency filled in by the caller). */
    public static SizeScore score(RatingInputs inputs, double latencySeconds) {
        double megabytes = weightBytes(inputs.model().evidence()) / MB;
        return new SizeScore(linear(megabytes, 100, 500), linear(megabytes, 150, 700),
                linear(megabytes, 2 * 1024, 16 * 1024), linear(megabytes, 20 * 1024, 160 * 1024), latencySeconds);
    }

    /** 1 up to {@code full}, 0 from {@code zero}, linear between. */
    static double linear(double megabytes, double full, double zero) {
        if (megabytes <= full) {
            return 1;
        }
        if (megabytes >= zero) {
            return 0;
        }
        return Math.round((1 - (megabytes - full) / (zero - full)) * 1000) / 1000.0;
    }

    /** Bytes of the smallest weight format, or the whole repository when none is recognised. */
    static long weightBytes(SourceEvidence evidence) {
        Map<String, Long> byFormat = new LinkedHashMap<>();
        for (SourceFile file : evidence.files()) {
            String format = formatOf(file.path());
            if (format != null && file.size() > 0) {
                byFormat.merge(format, file.size(), Long::sum);
            }
        }
        return byFormat.values().stream().mapToLong(Long::longValue).min().orElse(evidence.totalSizeBytes());
    }

    private static String formatOf(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        String name = p.substring(p.lastIndexOf('/') + 1);
        if (p.contains("/") && (p.startsWith("onnx/") || p.startsWith("coreml/") || p.startsWith("openvino/"))) {
            return p.substring(0, p.indexOf('/'));
        }
        if (name.endsWith(".safetensors")) {
            return "safetensors";
        }
        if (name.endsWith(".bin") && name.contains("model") || name.endsWith(".pt") || name.endsWith(".pth")) {
            return "pytorch";
        }
        if (name.endsWith(".h5")) {
            return "tensorflow";
        }
        if (name.endsWith(".msgpack")) {
            return "flax";
        }
        if (name.endsWith(".onnx")) {
            return "onnx";
        }
        if (name.endsWith(".gguf")) {
            return "gguf:" + name;
        }
        if (name.endsWith(".tflite")) {
            return "tflite";
        }
        if (name.endsWith(".ckpt")) {
            return "checkpoint";
        }
        return null;
    }
}
