package io.trustregistry.buildreport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.ExplicitConstructorInvocationStmt;

/**
 * Every error message a client or operator can receive, found in the main sources: where it is
 * built, and its {@link MessageTemplate}. Sites that build the same template are one message.
 *
 * <p>A message is:
 * <ul>
 *   <li>the first argument of {@code new X(...)} for every {@code X} that extends
 *       {@code RegistryException} (found in the sources, so new subclasses count at once), and of
 *       {@code new Refused(...)}, whose reason becomes an {@code UpstreamException}'s message;</li>
 *   <li>a message computed in such a class's own constructor ({@code super("..." + limit)}), and in
 *       {@code JsonBodies.PayloadTooLargeException}, which the HTTP layer answers with 413;</li>
 *   <li>the message of {@code ErrorResponses.send(res, status, message)};</li>
 *   <li>a start-up failure: {@code new IllegalArgumentException/IllegalStateException(...)} in a
 *       settings class ({@code *Settings}, {@code CidrRange}) or the composition root (the
 *       {@code config} and {@code wiring} packages, {@code Main}, {@code RegistryServer}), and
 *       {@code new DataDirectoryLockedException(...)}: {@code Main} prints these to the operator.</li>
 * </ul>
 * Every other {@code IllegalArgumentException} and {@code IllegalStateException} is a guard: not
 * counted (most guard a programming error no request can reach), but named when a test run shows
 * one reaching a client, which the HTTP layer answers with 400.
 */
final class MessageCatalogue {

    /** Where the message comes from: what a client gets, what an operator gets at start-up, or a guard. */
    enum Kind { CLIENT, STARTUP, GUARD }

    /** A place in the sources that builds a message. */
    record Site(String file, int line) {
        @Override
        public String toString() {
            return file + ":" + line;
        }
    }

    /** One message: its template and every site that builds it. */
    record Entry(MessageTemplate template, Kind kind, List<Site> sites) {
    }

    /** A site whose message the scan cannot turn into a template (it is a variable or a call). */
    record Opaque(String expression, Kind kind, Site site) {
    }

    private static final Set<String> STARTUP_PACKAGES = Set.of("config", "wiring");
    private static final Set<String> STARTUP_FILES = Set.of("Main.java", "RegistryServer.java", "CidrRange.java");
    private static final Set<String> GUARDS = Set.of("IllegalArgumentException", "IllegalStateException");
    /** Carriers of a message that later becomes a RegistryException's message; see the class comment. */
    private static final Set<String> CARRIERS = Set.of("Refused");
    private static final Set<String> SELF_MESSAGING_HTTP = Set.of("PayloadTooLargeException");

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final List<Opaque> opaque = new ArrayList<>();
    private final List<String> unreadable = new ArrayList<>();
    private TemplateBuilder templates;

    private MessageCatalogue() {
    }

    /** Scans the main sources ({@code src/main/java}) of {@code modules} under {@code root}. */
    static MessageCatalogue scan(Path root, List<String> modules) throws IOException {
        JavaParser parser = new JavaParser(new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_21));
        Map<Path, CompilationUnit> units = new LinkedHashMap<>();
        MessageCatalogue catalogue = new MessageCatalogue();
        for (String module : modules) {
            Path sources = root.resolve(module).resolve("src/main/java");
            if (!Files.isDirectory(sources)) {
                continue;
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(sources)) {
                files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
            }
            for (Path file : files) {
                if (file.toString().contains("/testing/")) {
                    continue; // registry-core's in-memory test doubles ship in its jar, but no server uses them
                }
                String text = Files.readString(file);
                if (!text.contains("Exception") && !text.contains("Refused(") && !text.contains("send(")) {
                    continue; // builds no message: not worth parsing (most files)
                }
                ParseResult<CompilationUnit> parsed = parser.parse(text);
                if (parsed.getResult().isPresent() && parsed.isSuccessful()) {
                    units.put(root.relativize(file), parsed.getResult().get());
                } else {
                    catalogue.unreadable.add(root.relativize(file) + ": " + parsed.getProblems());
                }
            }
        }
        Set<String> exceptions = registryExceptions(units.values());
        Map<String, CompilationUnit> types = new LinkedHashMap<>();
        units.values().forEach(unit -> unit.getTypes().forEach(type -> types.putIfAbsent(type.getNameAsString(), unit)));
        catalogue.templates = new TemplateBuilder(types);
        units.forEach((file, unit) -> catalogue.read(file, unit, exceptions));
        return catalogue;
    }

    /** The simple names of RegistryException and every class extending it, directly or not. */
    private static Set<String> registryExceptions(Iterable<CompilationUnit> units) {
        Set<String> names = new HashSet<>(Set.of("RegistryException"));
        boolean grew = true;
        while (grew) {
            grew = false;
            for (CompilationUnit unit : units) {
                for (ClassOrInterfaceDeclaration type : unit.findAll(ClassOrInterfaceDeclaration.class)) {
                    boolean extendsOne = type.getExtendedTypes().stream()
                            .anyMatch(t -> names.contains(t.getNameAsString()));
                    if (extendsOne && names.add(type.getNameAsString())) {
                        grew = true;
                    }
                }
            }
        }
        return names;
    }

    private void read(Path file, CompilationUnit unit, Set<String> exceptions) {
        String path = file.toString().replace('\\', '/');
        boolean startup = startupSource(file);
        for (ObjectCreationExpr created : unit.findAll(ObjectCreationExpr.class)) {
            String type = created.getType().getNameAsString();
            if (created.getArguments().isEmpty()) {
                continue;
            }
            Expression message = created.getArgument(0);
            if ((exceptions.contains(type) || CARRIERS.contains(type)) && !selfMessaging(created)) {
                add(message, Kind.CLIENT, path);
            } else if (type.equals("DataDirectoryLockedException")) {
                add(message, Kind.STARTUP, path);
            } else if (GUARDS.contains(type)) {
                add(message, startup ? Kind.STARTUP : Kind.GUARD, path);
            }
        }
        for (ExplicitConstructorInvocationStmt superCall : unit.findAll(ExplicitConstructorInvocationStmt.class)) {
            ClassOrInterfaceDeclaration owner = superCall.findAncestor(ClassOrInterfaceDeclaration.class).orElse(null);
            if (owner == null || superCall.isThis() || superCall.getArguments().isEmpty()) {
                continue;
            }
            boolean counted = exceptions.contains(owner.getNameAsString())
                    || SELF_MESSAGING_HTTP.contains(owner.getNameAsString());
            Expression message = superCall.getArgument(0);
            if (counted && !isParameter(superCall, message)) {
                add(message, Kind.CLIENT, path);
            }
        }
        for (MethodCallExpr call : unit.findAll(MethodCallExpr.class)) {
            boolean errorResponse = call.getNameAsString().equals("send") && call.getArguments().size() == 3
                    && (call.getScope().map(s -> s.toString().equals("ErrorResponses")).orElse(false)
                    || call.getScope().isEmpty() && path.endsWith("/ErrorResponses.java"));
            if (errorResponse) {
                add(call.getArgument(2), Kind.CLIENT, path);
            }
        }
    }

    private static boolean startupSource(Path file) {
        String path = file.toString().replace('\\', '/');
        String name = path.substring(path.lastIndexOf('/') + 1);
        String folder = path.substring(0, Math.max(0, path.lastIndexOf('/')));
        String pkg = folder.substring(folder.lastIndexOf('/') + 1);
        return name.endsWith("Settings.java") || STARTUP_FILES.contains(name)
                || file.toString().contains("app-helidon") && STARTUP_PACKAGES.contains(pkg);
    }

    /**
     * Whether {@code new X(message)} hands X a value that X's own constructor turns into the
     * message ({@code new PayloadTooLargeException(limit)}): that constructor is the site, not this.
     */
    private static boolean selfMessaging(ObjectCreationExpr created) {
        return SELF_MESSAGING_HTTP.contains(created.getType().getNameAsString());
    }

    private static boolean isParameter(Node inside, Expression message) {
        if (!(message instanceof NameExpr name)) {
            return false;
        }
        return inside.findAncestor(ConstructorDeclaration.class)
                .map(c -> c.getParameters().stream().anyMatch(p -> p.getNameAsString().equals(name.getNameAsString())))
                .orElse(false);
    }

    private void add(Expression message, Kind kind, String file) {
        Site site = new Site(file, message.getBegin().map(p -> p.line).orElse(0));
        MessageTemplate template = templates.of(message);
        if (!template.templatable()) {
            opaque.add(new Opaque(message.toString().replaceAll("\\s+", " "), kind, site));
            return;
        }
        Entry existing = entries.get(template.key());
        if (existing == null) {
            entries.put(template.key(), new Entry(template, kind, new ArrayList<>(List.of(site))));
        } else {
            existing.sites().add(site);
            if (existing.kind() == Kind.GUARD && kind != Kind.GUARD) {
                entries.put(template.key(), new Entry(template, kind, existing.sites()));
            }
        }
    }

    /** The messages that count: what clients and operators receive. */
    List<Entry> counted() {
        return entries.values().stream().filter(e -> e.kind() != Kind.GUARD).toList();
    }

    /** Every message found, guards included. */
    List<Entry> all() {
        return List.copyOf(entries.values());
    }

    /** Counted sites whose message could not be templated. */
    List<Opaque> opaque() {
        return opaque.stream().filter(o -> o.kind() != Kind.GUARD).toList();
    }

    /** Files the parser could not read (each with its problem); none is expected. */
    List<String> unreadable() {
        return List.copyOf(unreadable);
    }
}
