package io.trustregistry.buildreport;

import java.util.ArrayList;
import java.util.List;

/**
 * The shape of a message as the source builds it: literal text with holes where a value is
 * concatenated or formatted in ({@code "no artifact has id " + id} is {@code no artifact has id {id}}).
 * A conditional in the expression gives several variants; a message matches the template when it
 * matches one of them, each hole standing for any text, the empty text included.
 *
 * @param display  the template as people read it, holes named after their source expression
 * @param variants each variant's segments, in order
 */
public record MessageTemplate(String display, List<List<Segment>> variants) {

    /**
     * Fewest letters a variant must have as literal text to be told apart from other messages;
     * one with fewer ({@code "{}: {}"}) would match almost anything.
     */
    static final int MIN_LETTERS = 3;

    public MessageTemplate {
        variants = variants.stream().map(List::copyOf).toList();
    }

    /** One piece of a variant: literal text, or a hole ({@code text} is then the expression it stands for). */
    public record Segment(String text, boolean hole) {
    }

    /** Whether some variant has enough literal text to be recognised in a message. */
    public boolean templatable() {
        return !recognisable().isEmpty();
    }

    /** The literal letters of the most specific variant that matches {@code message}, or -1 if none does. */
    public int match(String message) {
        int best = -1;
        for (List<Segment> variant : recognisable()) {
            if (matches(variant, message)) {
                best = Math.max(best, letters(variant));
            }
        }
        return best;
    }

    /** A key that two sites building the same message share. */
    String key() {
        StringBuilder key = new StringBuilder();
        for (List<Segment> variant : variants) {
            for (Segment segment : variant) {
                key.append(segment.hole() ? "\u0000" : segment.text());
            }
            key.append('\u0001');
        }
        return key.toString();
    }

    private List<List<Segment>> recognisable() {
        return variants.stream().filter(v -> letters(v) >= MIN_LETTERS).toList();
    }

    private static int letters(List<Segment> variant) {
        int letters = 0;
        for (Segment segment : variant) {
            if (!segment.hole()) {
                letters += (int) segment.text().chars().filter(Character::isLetter).count();
            }
        }
        return letters;
    }

    /**
     * Wildcard matching: the first literal must begin the message unless a hole comes first, the
     * last must end it unless a hole comes last, and the ones between must follow in order. Taking
     * each middle literal at its leftmost place is exact for patterns whose only wildcards are holes,
     * and linear, unlike a regular expression with several {@code .*} in it.
     */
    static boolean matches(List<Segment> variant, String message) {
        List<String> literals = new ArrayList<>();
        for (Segment segment : variant) {
            if (!segment.hole()) {
                literals.add(segment.text());
            }
        }
        boolean holeFirst = variant.isEmpty() || variant.getFirst().hole();
        boolean holeLast = variant.isEmpty() || variant.getLast().hole();
        if (literals.isEmpty()) {
            return holeFirst || message.isEmpty();
        }
        if (literals.size() == 1 && !holeFirst && !holeLast) {
            return message.equals(literals.getFirst());
        }
        int from = 0;
        int end = message.length();
        int first = 0;
        int last = literals.size();
        if (!holeFirst) {
            if (!message.startsWith(literals.getFirst())) {
                return false;
            }
            from = literals.getFirst().length();
            first = 1;
        }
        if (!holeLast) {
            String tail = literals.getLast();
            if (!message.endsWith(tail) || message.length() - tail.length() < from) {
                return false;
            }
            end = message.length() - tail.length();
            last = literals.size() - 1;
        }
        for (int i = first; i < last; i++) {
            int at = message.indexOf(literals.get(i), from);
            if (at < 0 || at + literals.get(i).length() > end) {
                return false;
            }
            from = at + literals.get(i).length();
        }
        return true;
    }
}
