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
 * @param resultTables      tables of numbers that are results: the table or the two lines
 *                          before it name an evaluation term (a table of model sizes is not)
 * @param metricTerms       distinct evaluation terms mentioned (accuracy, F1, WER, GLUE...)
 * @param citation          an arXiv, DOI or BibTeX reference
 * @param installs          pip or conda install instructions
 * @param placeholders      "More Information Needed" template leftovers
 */
public record ReadmeFacts(int words, int headings, List<CodeBlock> codeBlocks, int resultTables,
                          Set<String> metricTerms, boolean citation, boolean installs, int placeholders) {

    /** A fenced code block. */
    public record CodeBlock(String language, String body) {
    }

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
        int resultTables = 0;
        List<String> context = new ArrayList<>();
        StringBuilder table = new StringBuilder();
        boolean tableHasNumbers = false;
        // one pass over the lines: fenced blocks open and close on lines starting with ``` or ~~~
        String fence = null;
        String language = "";
        StringBuilder block = new StringBuilder();
        for (String line : (body + "\n").split("\n")) {
            String stripped = line.strip();
            boolean tableRow = fence == null && stripped.startsWith("|") && stripped.endsWith("|") && stripped.length() > 1;
            if (tableRow) {
                table.append(stripped).append('\n');
                tableHasNumbers |= NUMBER.matcher(stripped.replaceAll("[|:-]", " ")).find()
                        && stripped.chars().anyMatch(Character::isDigit);
                continue;
            }
            if (!table.isEmpty()) {
                if (tableHasNumbers && !metricTermsIn(String.join(" ", context) + " " + table).isEmpty()) {
                    resultTables++;
                }
                table.setLength(0);
                tableHasNumbers = false;
            }
            if (!stripped.isEmpty()) {
                context.add(stripped);
                if (context.size() > 2) {
                    context.remove(0);
                }
            }
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
        Set<String> terms = metricTermsIn(body);
        int placeholders = 0;
        Matcher placeholder = PLACEHOLDER.matcher(body);
        while (placeholder.find()) {
            placeholders++;
        }
        String trimmed = body.strip();
        int words = trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
        return new ReadmeFacts(words, headings, blocks, resultTables, terms, CITATION.matcher(body).find(),
                INSTALL.matcher(body).find(), placeholders);
    }

    private static final List<Pattern> METRIC_PATTERNS = METRICS.stream()
            .map(m -> Pattern.compile("\\b" + Pattern.quote(m.toLowerCase(Locale.ROOT)) + "\\b")).toList();

    /** The evaluation terms {@code text} mentions. */
    static Set<String> metricTermsIn(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        Set<String> terms = new LinkedHashSet<>();
        for (int i = 0; i < METRICS.size(); i++) {
            if (METRIC_PATTERNS.get(i).matcher(lower).find()) {
                terms.add(METRICS.get(i).toLowerCase(Locale.ROOT));
            }
        }
        return terms;
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
