package io.trustregistry.core.model;

import java.util.Locale;

/** What a file in a bundle is, for download aspects. */
public enum FileRole {
    /** Model weights (safetensors, PyTorch, TensorFlow, Flax, ONNX, GGUF...). */
    WEIGHTS,
    /** Data (parquet, arrow, csv, jsonl, archives of a dataset). */
    DATA,
    /** Source code (or a repository archive). */
    CODE,
    /** Everything else: README, configuration, tokenizer files. */
    OTHER;

    /** Classifies a file of an artifact of type {@code type} by its path. */
    public static FileRole of(ArtifactType type, String path) {
        String p = path.toLowerCase(Locale.ROOT);
        String name = p.substring(p.lastIndexOf('/') + 1);
        if (name.endsWith(".safetensors") || name.endsWith(".bin") && !name.contains("training_args")
                || name.endsWith(".pt") || name.endsWith(".pth") || name.endsWith(".h5") || name.endsWith(".msgpack")
                || name.endsWith(".onnx") || name.endsWith(".gguf") || name.endsWith(".tflite")
                || name.endsWith(".ckpt") || name.endsWith(".ot") || name.endsWith(".mlmodel")) {
            return WEIGHTS;
        }
        if (name.endsWith(".py") || name.endsWith(".ipynb") || name.endsWith(".sh") || name.endsWith(".js")
                || name.endsWith(".ts") || name.endsWith(".java") || name.endsWith(".go") || name.endsWith(".rs")
                || name.endsWith(".cpp") || name.endsWith(".c")) {
            return CODE;
        }
        if (name.endsWith(".parquet") || name.endsWith(".arrow") || name.endsWith(".csv") || name.endsWith(".tsv")
                || name.endsWith(".jsonl") || name.endsWith(".json.gz") || name.endsWith(".txt.gz")
                || p.startsWith("data/")) {
            return DATA;
        }
        return switch (type) {
            case CODE -> name.endsWith(".zip") || name.endsWith(".tar.gz") ? CODE : OTHER;
            case DATASET -> name.endsWith(".zip") || name.endsWith(".tar") || name.endsWith(".tar.gz") ? DATA : OTHER;
            case MODEL -> OTHER;
        };
    }
}
