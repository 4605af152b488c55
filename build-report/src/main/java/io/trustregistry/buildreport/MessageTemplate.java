package io.trustregistry.buildreport;

import java.util.List;

/**
 * The shape of a message as the source builds it: literal text with holes where a value is
 * concatenated or formatted in ({@code "no artifact has id " + id} is {@code no artifact has id {id}}).
 * A conditional in the expression gives several variants; a message matches the template when it
 * matches one of them, each hole standing for any text, the empty text included.
 *
 * @param display  the template as people read it, holes named after their source expression
 * @param variants each variant's segments, in order
 * @param literals the literal texts of each variant with enough of them to be recognised (derived)
 */
public record MessageTemplate(String display, List<List<Segment>> variants, List<List<String>> literals) {

    /**
     * Fewest letters a variant must have as literal text to be told apart from other messages;
     * one with fewer ({@code "{}: {}"}) would match almost anything.
     */
    static final int MIN_LETTERS = 3;

    public MessageTemplate {
        variants = variants.stream().map(List::copyOf).toList();
        literals = literals.stream().map(List::copyOf).toList();
    }

    /** The template of {@code variants}. */
    public MessageTemplate(String display, List<List<Segment>> variants) {
        this(display, variants, variants.stream().filter(v -> letters(v) >= MIN_LETTERS)
                .map(v -> v.stream().filter(s -> !s.hole()).map(Segment::text).toList()).toList());
    }

    /** One piece of a variant: literal text, or a hole ({@code text} is then the expression it stands for). */
    public record Segment(String text, boolean hole) {
    }

    /** Whether some variant has enough literal text to be recognised in a message. */
    public boolean templatable() {
        return !literals.isEmpty();
    }

    /**
     * Whether {@code message} carries this message: the literals of one recognisable variant appear
     * in it, in order. Anywhere in it, not only from its start to its end: a message may be wrapped in
     * another ({@code "the source does not exist: " + e.getMessage()}), and then both reached the client.
     */
    public boolean match(String message) {
        for (List<String> variant : literals) {
            if (containsInOrder(variant, message)) {
                return true;
            }
        }
        return false;
    }

    /** Whether each literal occurs in {@code message} after the one before it (leftmost is exact for this). */
    static boolean containsInOrder(List<String> literals, String message) {
        int from = 0;
        for (String literal : literals) {
            int at = message.indexOf(literal, from);
            if (at < 0) {
                return false;
            }
            from = at + literal.length();
        }
        return true;
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
}
