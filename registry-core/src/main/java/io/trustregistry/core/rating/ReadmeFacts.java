package io.trustregistry.core.rating;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the metrics need to know about a README, found by plain text analysis (nothing in it is
 * ever executed): size, structure, fenced code blocks, tables of numbers, metric vocabulary,
 * citations, install instructions and Hugging Face template placeholders.
 *
 * @param words             words outside the YAML front matter
 * @param headings          markdown headings
 * @param codeBlocks        fenced code blocks, language tag and body
 * @param numericTableRows  table rows that hold a number
 * @param metricTerms       distinct evaluation terms mentioned (accuracy, F1, WER, GLUE...)
 * @param citation          an arXiv, DOI or BibTeX reference
 * @param installs          pip or conda install instructions
 * @param placeholders      "More Information Needed" template leftovers
 */
public record ReadmeFacts(int words, int headings, List<CodeBlock> codeBlocks, int numericTableRows,
                          Set<String> metricTerms, boolean citation, boolean installs, int placeholders) {

    /** A fenced code block. */
    public record CodeBlock(String language, String body) {
    }

    private static final Pattern TABLE_ROW = Pattern.compile("(?m)^\\s*\\|.*\\|\\s*$");
    private static final Pattern NUMBER = Pattern.compile("\\d+(\\.\\d+)?\\s*%?");
    private static final Pattern CITATION = Pattern.compile(
            "arxiv\\.org/(abs|pdf)/|doi\\.org/|@(article|inproceedings|misc|techreport)\\s*\\{", Pattern.CASE_INSENSITIVE);
    private static final Pattern INSTALL = Pattern.compile("(pip|pip3|conda|uv pip) install", Pattern.CASE_INSENSITIVE);
    private static final Pattern PLACEHOLDER = Pattern.compile("more information needed", Pattern.CASE_INSENSITIVE);
    private static final List<String> METRICS = List.of("accuracy", "f1", "bleu", "rouge", "wer", "cer",
            "perplexity", "exact match", "glue", "squad", "mmlu", "top-1", "top-5", "auc", "precision", "recall",
            "mAP", "bertscore", "hellaswag", "librispeech", "imagenet", "benchmark", "evaluation");

    /** Analyses {@code readme}. */
    public static ReadmeFacts of(String readme) {
        String body = stripFrontMatter(readme == null ? "" : readme);
        List<CodeBlock> blocks = new ArrayList<>();
        int headings = 0;
        int numericRows = 0;
        // one pass over the lines: fenced blocks open and close on lines starting with ``` or ~~~
        String fence = null;
        String language = "";
        StringBuilder block = new StringBuilder();
        for (String line : body.split("\n")) {
            String stripped = line.strip();
            if (fence == null && (stripped.startsWith("```") || stripped.startsWith("~~~"))) {
                fence = stripped.substring(0, 3);
                language = stripped.substring(3).strip().split("[\\s{]", 2)[0].toLowerCase(Locale.ROOT);
                block.setLength(0);
            } else if (fence != null && stripped.startsWith(fence)) {
                blocks.add(new CodeBlock(language, block.toString()));
                fence = null;
            } else if (fence != null) {
                block.append(line).append('\n');
            } else if (line.startsWith("#")) {
                headings++;
            }
        }
        Matcher rows = TABLE_ROW.matcher(body);
        while (rows.find()) {
            String row = rows.group();
            if (NUMBER.matcher(row).find() && !row.matches("[\\s|:-]+")) {
                numericRows++;
            }
        }
        String lower = body.toLowerCase(Locale.ROOT);
        Set<String> terms = new LinkedHashSet<>();
        for (String metric : METRICS) {
            if (Pattern.compile("\\b" + Pattern.quote(metric.toLowerCase(Locale.ROOT)) + "\\b").matcher(lower).find()) {
                terms.add(metric.toLowerCase(Locale.ROOT));
            }
        }
        int placeholders = 0;
        Matcher placeholder = PLACEHOLDER.matcher(body);
        while (placeholder.find()) {
            placeholders++;
        }
        String trimmed = body.strip();
        int words = trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
        return new ReadmeFacts(words, headings, blocks, numericRows, terms, CITATION.matcher(body).find(),
                INSTALL.matcher(body).find(), placeholders);
    }

    /** Removes a leading {@code ---} YAML block (Hugging Face card metadata). */
    static String stripFrontMatter(String readme) {
        if (readme.startsWith("---")) {
            int end = readme.indexOf("\n---", 3);
            if (end > 0) {
                return readme.substring(end + 4);
            }
        }
        return readme;
    }
}
