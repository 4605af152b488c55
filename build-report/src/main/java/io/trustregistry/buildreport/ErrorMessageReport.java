package io.trustregistry.buildreport;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import io.trustregistry.buildreport.MessageCatalogue.Entry;
import io.trustregistry.buildreport.MessageCatalogue.Kind;

/**
 * The error-message figure of a test run: which of the catalogued messages ({@link MessageCatalogue})
 * the tests made the registry hand to a client or an operator, as the records under
 * {@code target/error-messages/} say. Prints the figure and the messages never produced, writes the
 * catalogue as Markdown, and fails under the bar. See docs/testing.md, "Error messages".
 *
 * <p>Arguments: {@code <root> <records dir> <bar percent> <catalogue file> <unreachable list> <tests>
 * <module>...}, where {@code <tests>} is the {@code -Dtest} selection, if any: a selection is not held
 * to the bar. The unreachable list names catalogued messages no one can receive, each with its reason
 * ({@code build-report/unreachable-messages.txt}); they are listed, not counted.
 */
public final class ErrorMessageReport {

    private ErrorMessageReport() {
    }

    /**
     * Runs the check.
     *
     * @param args see the class comment
     * @throws IOException           when the sources or records cannot be read
     * @throws IllegalStateException when the figure is under the bar (fails the build)
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 7) {
            throw new IllegalArgumentException("usage: <root> <records dir> <bar percent> <catalogue file>"
                    + " <unreachable list> <-Dtest or empty> <module>...");
        }
        Path root = Path.of(args[0]);
        Path records = Path.of(args[1]);
        int bar = Integer.parseInt(args[2]);
        Path catalogueFile = Path.of(args[3]);
        Map<String, String> unreachable = readUnreachable(Path.of(args[4]));
        // Maven passes an unset property as null or as its own expression
        boolean selection = args[5] != null && !args[5].isBlank() && !args[5].startsWith("${");
        List<String> modules = Arrays.asList(args).subList(6, args.length);
        Result result = run(root, records, modules, unreachable, System.out);
        if (result == null) {
            return;
        }
        writeCatalogue(result, catalogueFile);
        System.out.println("error messages: catalogue written to " + root.relativize(catalogueFile.toAbsolutePath()));
        if (selection) {
            System.out.println("error messages: only the tests -Dtest names ran; the figure is not held to the bar");
            return;
        }
        if (result.produced.size() * 100L < (long) bar * result.counted.size()) {
            throw new IllegalStateException("error messages produced: " + result.figure() + ", under the bar of " + bar
                    + "% (docs/testing.md, \"Error messages\")");
        }
    }

    /** What the check found: the counted messages, which of them were produced, and what else the records hold. */
    record Result(List<Entry> counted, Set<Entry> produced, List<String> unmatched, Map<Entry, Set<String>> guards,
                  MessageCatalogue catalogue, Map<Entry, String> unreachable, Set<String> staleUnreachable) {
        String figure() {
            double percent = counted.isEmpty() ? 100 : Math.floor(1000.0 * produced.size() / counted.size()) / 10;
            return produced.size() + " of " + counted.size() + " (" + percent + "%)";
        }
    }

    /** Computes and prints the figure; null (after a note) when there are no records to judge. */
    static Result run(Path root, Path records, List<String> modules, Map<String, String> unreachable, PrintStream out)
            throws IOException {
        List<String> messages = readRecords(records);
        if (messages.isEmpty()) {
            out.println("error messages: no records in " + records + " (no test of this build reached the HTTP layer or"
                    + " start-up); the check is skipped");
            return null;
        }
        MessageCatalogue catalogue = MessageCatalogue.scan(root, modules);
        if (!catalogue.unreadable().isEmpty()) {
            throw new IllegalStateException("error messages: cannot parse " + catalogue.unreadable());
        }
        List<Entry> all = catalogue.all();
        Set<Entry> produced = new LinkedHashSet<>();
        Map<Entry, Set<String>> guards = new LinkedHashMap<>();
        List<String> unmatched = new ArrayList<>();
        for (String message : new TreeSet<>(messages)) {
            List<Entry> best = matches(all, message);
            if (best.isEmpty()) {
                unmatched.add(message);
            }
            for (Entry entry : best) {
                if (entry.kind() == Kind.GUARD) {
                    guards.computeIfAbsent(entry, e -> new TreeSet<>()).add(message);
                } else {
                    produced.add(entry);
                }
            }
        }
        Map<Entry, String> exempt = new LinkedHashMap<>();
        Set<String> stale = new TreeSet<>(unreachable.keySet());
        for (Entry entry : catalogue.counted()) {
            String reason = unreachable.get(entry.template().display());
            if (reason != null) {
                exempt.put(entry, reason);
                stale.remove(entry.template().display());
            }
        }
        List<Entry> counted = catalogue.counted().stream().filter(e -> !exempt.containsKey(e)).toList();
        Set<Entry> producedCounted = new LinkedHashSet<>(produced);
        producedCounted.removeIf(exempt::containsKey);
        Result result = new Result(counted, producedCounted, unmatched, guards, catalogue, exempt, stale);
        print(result, out);
        exempt.keySet().stream().filter(produced::contains).forEach(e -> out.println(
                "unreachable-messages.txt names a message this run produced; remove it: " + e.template().display()));
        return result;
    }

    /**
     * The catalogued messages {@code message} is an instance of. All count: a message may carry
     * another as its part ({@code "REGISTRY_MONITOR_ISOLATION " + e.getMessage()}), and then both were produced.
     */
    static List<Entry> matches(List<Entry> entries, String message) {
        return entries.stream().filter(e -> e.template().match(message)).toList();
    }

    private static void print(Result r, PrintStream out) {
        out.println("error messages produced: " + r.figure());
        List<Entry> missing = r.counted.stream().filter(e -> !r.produced.contains(e)).toList();
        if (!missing.isEmpty()) {
            out.println("never produced (" + missing.size() + "):");
            for (Entry e : missing) {
                out.println("  " + oneLine(e.template().display()) + "    [" + e.kind().name().toLowerCase() + "] "
                        + e.sites().getFirst() + (e.sites().size() > 1 ? " and " + (e.sites().size() - 1) + " more" : ""));
            }
        }
        if (!r.unreachable.isEmpty()) {
            out.println("not counted, unreachable by design (" + r.unreachable.size()
                    + ", build-report/unreachable-messages.txt):");
            r.unreachable.forEach((e, why) -> out.println("  " + oneLine(e.template().display()) + "    (" + why + ")"));
        }
        for (String stale : r.staleUnreachable) {
            out.println("unreachable-messages.txt names a message the scan no longer finds; remove it: " + stale);
        }
        if (!r.catalogue.opaque().isEmpty()) {
            out.println("not counted, the scan cannot template them (" + r.catalogue.opaque().size() + "):");
            r.catalogue.opaque().forEach(o -> out.println("  " + o.expression() + "    " + o.site()));
        }
        if (!r.guards.isEmpty()) {
            out.println("produced by a guard (an IllegalArgumentException or IllegalStateException), not counted:");
            r.guards.forEach((e, m) -> out.println("  " + oneLine(m.iterator().next()) + "    " + e.sites().getFirst()));
        }
        if (!r.unmatched.isEmpty()) {
            out.println("produced, in no catalogued form (Helidon's own, or built where the scan does not look): "
                    + r.unmatched.size());
            r.unmatched.stream().limit(20).forEach(m -> out.println("  " + oneLine(m)));
        }
    }

    /** The list of unreachable messages: template, {@code |}, reason; {@code #} starts a comment. */
    static Map<String, String> readUnreachable(Path file) throws IOException {
        Map<String, String> reasons = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return reasons;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int bar = line.lastIndexOf(" | ");
            if (line.isBlank() || line.startsWith("#") || bar < 0) {
                continue;
            }
            reasons.put(line.substring(0, bar).strip(), line.substring(bar + 3).strip());
        }
        return reasons;
    }

    private static String oneLine(String text) {
        String flat = text.replace("\n", "\\n");
        return flat.length() > 160 ? flat.substring(0, 157) + "..." : flat;
    }

    /** Every recorded message, from every {@code *.log} file in {@code records}. */
    static List<String> readRecords(Path records) throws IOException {
        if (!Files.isDirectory(records)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(records)) {
            files = list.filter(p -> p.toString().endsWith(".log")).sorted().toList();
        }
        List<String> messages = new ArrayList<>();
        for (Path file : files) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] fields = line.split("\t", 3);
                if (fields.length == 3) {
                    messages.add(unescape(fields[2]));
                }
            }
        }
        return messages;
    }

    /** Reverses the recorder's escaping: {@code \\}, {@code \n}, {@code \r}, {@code \t}. */
    static String unescape(String field) {
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 1 < field.length()) {
                char next = field.charAt(++i);
                out.append(switch (next) {
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    default -> next;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static void writeCatalogue(Result r, Path file) throws IOException {
        StringBuilder md = new StringBuilder("""
                # Error messages

                Every message the registry can send a client in an error body, or print to an operator when it
                cannot start, as its source builds it: `{x}` stands for a value, `{a|b}` for one of two texts.
                Generated by build-report from the main sources (docs/testing.md, "Error messages").

                | message | to | produced by a test | where |
                |---|---|---|---|
                """);
        for (Entry e : r.counted) {
            md.append("| ").append(oneLine(e.template().display()).replace("|", "\\|")).append(" | ")
                    .append(e.kind() == Kind.STARTUP ? "operator (start-up)" : "client (HTTP)").append(" | ")
                    .append(r.produced.contains(e) ? "yes" : "no").append(" | ").append(e.sites().getFirst())
                    .append(" |\n");
        }
        Path directory = file.toAbsolutePath().getParent();
        if (directory != null) {
            Files.createDirectories(directory);
        }
        Files.writeString(file, md, StandardCharsets.UTF_8);
    }
}
