package io.trustregistry.core.search;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Estimates how much counted repetitions ({@code x{n,m}}) multiply a pattern's compiled size:
 * the largest product of counts along any nesting path. RE2 expands {@code (a{1,100}){1,100}}
 * into ten thousand copies, so such a pattern is cheap to write but costly to compile; RE2 in
 * C++ refuses products above 1000 and so do we. A lexical scan: escapes and character classes
 * are skipped, groups are tracked; {@code *}, {@code +} and {@code ?} cost nothing.
 */
public final class RepetitionBudget {

    private RepetitionBudget() {
    }

    /** The largest product of nested repetition counts in {@code regex} (1 when there is none). */
    public static long product(String regex) {
        Deque<Long> enclosing = new ArrayDeque<>();
        long groupMax = 1;
        long lastAtom = 1;
        long worst = 1;
        int i = 0;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            if (c == '\\') {
                lastAtom = 1;
                i += 2;
            } else if (c == '[') {
                lastAtom = 1;
                i = skipClass(regex, i);
            } else if (c == '(') {
                enclosing.push(groupMax);
                groupMax = 1;
                lastAtom = 1;
                i++;
            } else if (c == ')') {
                long inner = groupMax;
                groupMax = Math.max(enclosing.isEmpty() ? 1 : enclosing.pop(), inner);
                lastAtom = inner;
                i++;
            } else if (c == '{' && upperCount(regex, i) > 0) {
                int close = regex.indexOf('}', i);
                lastAtom = saturatingMultiply(lastAtom, upperCount(regex, i));
                groupMax = Math.max(groupMax, lastAtom);
                worst = Math.max(worst, lastAtom);
                i = close + 1;
            } else {
                if (c != '*' && c != '+' && c != '?') {
                    lastAtom = 1;
                }
                i++;
            }
        }
        return worst;
    }

    private static int skipClass(String regex, int start) {
        int i = start + 1;
        if (i < regex.length() && regex.charAt(i) == '^') {
            i++;
        }
        if (i < regex.length() && regex.charAt(i) == ']') {
            i++;
        }
        while (i < regex.length() && regex.charAt(i) != ']') {
            i += regex.charAt(i) == '\\' ? 2 : 1;
        }
        return i + 1;
    }

    /** The upper bound of the counted repetition starting at {@code open}, or -1 if it is none. */
    private static long upperCount(String regex, int open) {
        int close = regex.indexOf('}', open);
        if (close < 0) {
            return -1;
        }
        String[] parts = regex.substring(open + 1, close).split(",", -1);
        try {
            if (parts.length == 1) {
                return Long.parseLong(parts[0]);
            }
            if (parts.length == 2) {
                return parts[1].isEmpty() ? Long.parseLong(parts[0]) : Long.parseLong(parts[1]);
            }
        } catch (NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private static long saturatingMultiply(long a, long b) {
        long result = a * b;
        return (a != 0 && result / a != b) || result < 0 ? Long.MAX_VALUE : result;
    }
}
