package io.trustregistry.core.rating;

import io.trustregistry.core.model.MetricId;
import java.util.Locale;
import java.util.regex.Pattern;

import io.trustregistry.core.model.ArtifactKeys;

/**
 * Whether the model card's demo code would run, judged statically (nothing is executed):
 * <ul>
 *   <li>0: no code block that uses a library (shell-only blocks such as {@code pip install}
 *       do not count);</li>
 *   <li>1: a usage block that is complete (imports what it uses), consistent with this model
 *       (names its hub id or name) and free of placeholders ({@code <your-token>},
 *       {@code path/to/}, {@code TODO}, a bare {@code ...});</li>
 *   <li>0.5: usage code that needs fixing first: a placeholder, a missing import, or another
 *       model's name.</li>
 * </ul>
 */
public final class Reproducibility implements Metric {

    private static final Pattern USAGE = Pattern.compile(
            "\\bimport\\b|from_pretrained\\(|pipeline\\(|\\.generate\\(|\\bmodel\\s*=|AutoModel|AutoTokenizer",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern IMPORT = Pattern.compile("(?m)^\\s*(import\\s+\\w|from\\s+[\\w.]+\\s+import\\s)");
    private static final Pattern PLACEHOLDER = Pattern.compile(
            "<\\s*(your|insert|path|model|token)[^>]*>|path/to/|\\bTODO\\b|YOUR_[A-Z_]+|(?m)^\\s*\\.\\.\\.\\s*$",
            Pattern.CASE_INSENSITIVE);

    @Override
    public MetricId id() {
        return MetricId.REPRODUCIBILITY;
    }

    @Override
    public double score(RatingInputs inputs) {
        var evidence = inputs.model().evidence();
        String hubId = evidence.hubId().orElse("").toLowerCase(Locale.ROOT);
        String name = evidence.hubId().map(ArtifactKeys::lastSegment).orElse(inputs.model().name().value())
                .toLowerCase(Locale.ROOT);
        double best = 0;
        for (ReadmeFacts.CodeBlock block : inputs.readme().codeBlocks()) {
            if (!isUsage(block)) {
                continue;
            }
            String code = block.body();
            String lower = code.toLowerCase(Locale.ROOT);
            boolean complete = IMPORT.matcher(code).find();
            boolean consistent = namesModel(lower, hubId, name);
            boolean clean = !PLACEHOLDER.matcher(code).find();
            best = Math.max(best, complete && consistent && clean ? 1.0 : 0.5);
        }
        return best;
    }

    /**
     * Whether the code loads this model: a string literal that is its hub id, its name, or
     * {@code owner/name} for the same name (legacy ids), such as {@code 'bert-base-uncased'}.
     */
    static boolean namesModel(String code, String hubId, String name) {
        Pattern literal = Pattern.compile("[\"']([\\w.-]+/)?" + Pattern.quote(name) + "[\"']");
        return (!hubId.isEmpty() && (code.contains("'" + hubId + "'") || code.contains("\"" + hubId + "\"")))
                || literal.matcher(code).find();
    }

    /** Whether a code block uses a library (rather than being shell commands or output). */
    static boolean isUsage(ReadmeFacts.CodeBlock block) {
        String language = block.language();
        if (language.equals("bash") || language.equals("sh") || language.equals("shell") || language.equals("console")
                || language.equals("text") || language.equals("json") || language.equals("yaml")) {
            return false;
        }
        return USAGE.matcher(block.body()).find();
    }
}
