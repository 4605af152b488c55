package io.trustregistry.core.confusion;

import java.util.List;
import java.util.Locale;

/**
 * How much one package name looks like another to a hurried human: case, separators and
 * look-alike characters are folded, then the optimal-string-alignment (Damerau-Levenshtein)
 * distance of the folded forms is turned into a similarity in [0, 1]. Names that merely add a
 * lure word ("-official", "-v2") to the other score high as well.
 */
public final class NameSimilarity {

    private static final List<String> LURES = List.of(
            "official", "new", "fixed", "fix", "latest", "updated", "update", "v2", "v3", "pro", "plus", "real",
            "original", "final", "hf", "safe", "secure", "full");

    private NameSimilarity() {
    }

    /** Lower case, separators dropped, look-alikes folded ({@code 0->o}, {@code 1,l->i}, {@code rn->m}...). */
    static String fold(String name) {
        String lower = name.toLowerCase(Locale.ROOT).replace("rn", "m").replace("vv", "w");
        StringBuilder folded = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            switch (c) {
                case '-', '_', '.', ' ' -> {
                    // separators carry no identity
                }
                case '0' -> folded.append('o');
                case '1', 'l', '|', '!' -> folded.append('i');
                case '3' -> folded.append('e');
                case '4', '@' -> folded.append('a');
                case '5', '$' -> folded.append('s');
                case '7' -> folded.append('t');
                case '8' -> folded.append('b');
                default -> folded.append(c);
            }
        }
        return folded.toString();
    }

    /** Similarity of two names in [0, 1]; 1 means they fold to the same string. */
    public static double similarity(String a, String b) {
        String x = fold(a);
        String y = fold(b);
        if (x.isEmpty() || y.isEmpty()) {
            return 0;
        }
        if (x.equals(y)) {
            return 1;
        }
        for (String word : LURES) {
            String lure = fold(word);
            if (x.equals(y + lure) || x.equals(lure + y) || y.equals(x + lure) || y.equals(lure + x)) {
                return 0.95;
            }
        }
        int distance = distance(x, y);
        return 1.0 - (double) distance / Math.max(x.length(), y.length());
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
