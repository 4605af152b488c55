package io.trustregistry.buildreport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.trustregistry.buildreport.MessageCatalogue.Entry;
import io.trustregistry.buildreport.MessageCatalogue.Kind;

/** The scan finds each message where the source builds it, and a recorded message is matched to its template. */
class MessageCatalogueTest {

    @TempDir
    Path root;

    private static final String EXCEPTIONS = """
            package x;
            public abstract class RegistryException extends RuntimeException {
                protected RegistryException(String m) { super(m); }
            }
            final class NotFoundException extends RegistryException {
                NotFoundException(String m) { super(m); }
            }
            abstract class UpstreamException extends RegistryException {
                UpstreamException(String m) { super(m); }
                static final class Unsupported extends UpstreamException {
                    Unsupported(String m) { super(m); }
                }
            }
            """;

    private MessageCatalogue scan(String file, String source) throws IOException {
        write("m/src/main/java/x/Exceptions.java", EXCEPTIONS);
        write("m/src/main/java/x/" + file, source);
        return MessageCatalogue.scan(root, List.of("m"));
    }

    private void write(String path, String text) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static List<String> displays(MessageCatalogue catalogue) {
        return catalogue.counted().stream().map(e -> e.template().display()).toList();
    }

    @Test
    void concatenationFormatAndConditionalsBecomeTemplates() throws IOException {
        MessageCatalogue catalogue = scan("Service.java", """
                package x;
                class Service {
                    private static final String HINT = "retry later";
                    void a(String id, int n, boolean mine) {
                        throw new NotFoundException("no artifact has id " + id);
                    }
                    void b(int n) {
                        throw new NotFoundException(String.format("%d of %s are gone (%.1f%%)", n, "x", 1.0));
                    }
                    void c(boolean mine) {
                        throw new UpstreamException.Unsupported("not " + (mine ? "yours" : "theirs") + "; " + HINT);
                    }
                    void d(int a, int b) {
                        throw new NotFoundException(a + b + " files missing");
                    }
                    void e(String name) {
                        String message = "no user is named '" + name + "'";
                        throw new NotFoundException(message);
                    }
                }
                """);
        assertEquals(List.of("no artifact has id {id}", "{%d} of {%s} are gone ({%.1f}%)",
                "not {yours|theirs}; retry later", "{a + b} files missing", "no user is named '{name}'"),
                displays(catalogue));
        Entry conditional = catalogue.counted().get(2);
        assertTrue(conditional.template().match("not yours; retry later"));
        assertTrue(conditional.template().match("not theirs; retry later"));
        assertFalse(conditional.template().match("not mine; retry later"));
        assertTrue(catalogue.counted().get(3).template().match("12 files missing"));
    }

    @Test
    void theSameMessageBuiltInTwoPlacesIsOneMessageAndAParameterIsOpaque() throws IOException {
        MessageCatalogue catalogue = scan("Stores.java", """
                package x;
                class Stores {
                    void a(String d) { throw new NotFoundException("no blob " + d); }
                    void b(String digest) { throw new NotFoundException("no blob " + digest); }
                    void c(Refused refused) { throw new UpstreamException.Unsupported(refused.reason()); }
                    record Refused(String reason) { }
                    Refused d() { return new Refused("the URL names no repository"); }
                }
                """);
        assertEquals(List.of("no blob {d}", "the URL names no repository"), displays(catalogue));
        assertEquals(2, catalogue.counted().getFirst().sites().size());
        assertEquals(List.of("refused.reason()"), catalogue.opaque().stream().map(MessageCatalogue.Opaque::expression)
                .toList());
    }

    @Test
    void startUpFailuresCountInSettingsClassesAndOtherGuardsDoNot() throws IOException {
        write("m/src/main/java/x/Digest.java", """
                package x;
                class Digest {
                    Digest(String hex) { if (hex.isEmpty()) { throw new IllegalArgumentException("empty digest"); } }
                }
                """);
        MessageCatalogue catalogue = scan("PoolSettings.java", """
                package x;
                record PoolSettings(int size) {
                    PoolSettings { if (size < 1) { throw new IllegalArgumentException("size must be positive, not " + size); } }
                }
                """);
        assertEquals(List.of("size must be positive, not {size}"), displays(catalogue));
        assertEquals(Kind.STARTUP, catalogue.counted().getFirst().kind());
        assertEquals(Kind.GUARD, catalogue.all().stream().filter(e -> e.template().display().equals("empty digest"))
                .findFirst().orElseThrow().kind());
    }

    @Test
    void aMessageMatchesWhenItsLiteralsAppearInOrderAloneOrWrappedInAnother() {
        MessageTemplate changed = new MessageTemplate("artifact {id} was changed (revision {r})", List.of(List.of(
                new MessageTemplate.Segment("artifact ", false), new MessageTemplate.Segment("id", true),
                new MessageTemplate.Segment(" was changed (revision ", false), new MessageTemplate.Segment("r", true),
                new MessageTemplate.Segment(")", false))));
        assertTrue(changed.match("artifact 42 was changed (revision 7)"));
        assertTrue(changed.match("artifact  was changed (revision )"));
        assertTrue(changed.match("cannot save: artifact 42 was changed (revision 7); retry"));
        assertFalse(changed.match("artifact 42 was changed (revision 7"));
        assertFalse(changed.match("(revision 7) artifact 42 was changed"));
        // too few letters to tell it from other messages: never matches
        MessageTemplate bare = new MessageTemplate("{a}: {b}", List.of(List.of(new MessageTemplate.Segment("a", true),
                new MessageTemplate.Segment(": ", false), new MessageTemplate.Segment("b", true))));
        assertFalse(bare.templatable());
        assertFalse(bare.match("x: y"));
    }

    @Test
    void theReportCountsProducedMessagesListsTheOthersAndSkipsWithoutRecords() throws IOException {
        scan("Service.java", """
                package x;
                class Service {
                    void a(String id) { throw new NotFoundException("no artifact has id " + id); }
                    void b() { throw new NotFoundException("the catalog is closed"); }
                }
                """);
        Path records = root.resolve("target/error-messages");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertNull(ErrorMessageReport.run(root, records, List.of("m"), Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8)));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("the check is skipped"));

        Files.createDirectories(records);
        Files.writeString(records.resolve("app.log"), "http\t404\tno artifact has id 12\\n3\nhttp\t400\tHelidon's own\n");
        out.reset();
        ErrorMessageReport.Result result = ErrorMessageReport.run(root, records, List.of("m"), Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals("1 of 2 (50.0%)", result.figure());
        assertTrue(printed.contains("error messages produced: 1 of 2 (50.0%)"), printed);
        assertTrue(printed.contains("never produced (1):\n  the catalog is closed"), printed);
        assertEquals(List.of("Helidon's own"), result.unmatched());
    }

    @Test
    void aMessageListedAsUnreachableIsLeftOutOfTheFigureWithItsReason() throws IOException {
        scan("Service.java", """
                package x;
                class Service {
                    void a(String id) { throw new NotFoundException("no artifact has id " + id); }
                    void b() { throw new NotFoundException("the catalog is closed"); }
                }
                """);
        Path records = root.resolve("target/error-messages");
        Files.createDirectories(records);
        Files.writeString(records.resolve("app.log"), "http\t404\tno artifact has id 12\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ErrorMessageReport.Result result = ErrorMessageReport.run(root, records, List.of("m"),
                Map.of("the catalog is closed", "nothing closes it", "gone {x}", "old"),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals("1 of 1 (100.0%)", result.figure());
        assertTrue(printed.contains("  the catalog is closed    (nothing closes it)"), printed);
        assertTrue(printed.contains("no longer finds; remove it: gone {x}"), printed);
    }

    @Test
    void recordsAreUnescapedAsTheRecorderEscapedThem() {
        assertEquals("a\nb\\n\tc", ErrorMessageReport.unescape("a\\nb\\\\n\\tc"));
    }
}
