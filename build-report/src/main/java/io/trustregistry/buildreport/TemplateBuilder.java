package io.trustregistry.buildreport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.CharLiteralExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.stmt.ReturnStmt;

import io.trustregistry.buildreport.MessageTemplate.Segment;

/**
 * Turns a message expression from the source into a {@link MessageTemplate}. It follows what can
 * be followed without running the code: string literals and text blocks, concatenation,
 * {@code String.format} and {@code formatted}, a conditional (both branches become variants), a
 * {@code static final} constant or a local variable assigned once, and a private method of the
 * same file (each {@code return} becomes a variant). Anything else is a hole.
 */
final class TemplateBuilder {

    /** More variants than this (conditionals multiplied by concatenation) and a conditional becomes a hole. */
    private static final int MAX_VARIANTS = 32;
    /** How deep constants, variables and helper methods are followed. */
    private static final int MAX_DEPTH = 4;
    /** A Formatter conversion: %s, %d, %5.1f, %-10s, %x; %% and %n are handled apart. */
    private static final Pattern CONVERSION = Pattern.compile("%(?:\\d+\\$)?[-#+ 0,(]*\\d*(?:\\.\\d+)?[a-zA-Z%]");
    private static final int MAX_HOLE_NAME = 32;

    /** The scanned files by the simple name of their top-level type, to follow {@code Type.method(...)} into. */
    private final Map<String, CompilationUnit> types;

    TemplateBuilder(Map<String, CompilationUnit> types) {
        this.types = types;
    }

    /** The template of {@code message}. */
    MessageTemplate of(Expression message) {
        Built built = build(message, 0);
        return new MessageTemplate(built.display, built.variants);
    }

    private record Built(String display, List<List<Segment>> variants) {
        static Built literal(String text) {
            return new Built(text, List.of(List.of(new Segment(text, false))));
        }

        static Built hole(Node expression) {
            String name = expression.toString().replaceAll("\\s+", " ");
            if (name.length() > MAX_HOLE_NAME) {
                name = "…";
            }
            return new Built("{" + name + "}", List.of(List.of(new Segment(name, true))));
        }
    }

    private Built build(Expression e, int depth) {
        if (e instanceof EnclosedExpr enclosed) {
            return build(enclosed.getInner(), depth);
        }
        if (e instanceof StringLiteralExpr s) {
            return Built.literal(s.asString());
        }
        if (e instanceof TextBlockLiteralExpr t) {
            return Built.literal(t.asString());
        }
        if (e instanceof CharLiteralExpr c) {
            return Built.literal(String.valueOf(c.asChar()));
        }
        if (e instanceof BinaryExpr b && b.getOperator() == BinaryExpr.Operator.PLUS && stringy(b)) {
            return concatenation(b, depth);
        }
        if (e instanceof ConditionalExpr c) {
            return alternatives(List.of(c.getThenExpr(), c.getElseExpr()), e, depth);
        }
        if (e instanceof MethodCallExpr call) {
            return call(call, depth);
        }
        if (e instanceof NameExpr name && depth < MAX_DEPTH) {
            Optional<Expression> value = valueOf(name);
            if (value.isPresent()) {
                return build(value.get(), depth + 1);
            }
        }
        return Built.hole(e);
    }

    /** A chain of {@code +}: operands before the first string are arithmetic, so they form one hole. */
    private Built concatenation(BinaryExpr chain, int depth) {
        List<Expression> operands = new ArrayList<>();
        flatten(chain, operands);
        int firstString = 0;
        while (firstString < operands.size() && !stringy(operands.get(firstString))) {
            firstString++;
        }
        List<Built> parts = new ArrayList<>();
        if (firstString > 0) {
            // the first operands are the left operand nested (operands - firstString) levels down
            Expression prefix = chain;
            for (int i = firstString; i < operands.size(); i++) {
                prefix = ((BinaryExpr) prefix).getLeft();
            }
            parts.add(Built.hole(prefix));
        }
        for (Expression operand : operands.subList(firstString, operands.size())) {
            parts.add(operand instanceof LiteralExpr literal && !(literal instanceof StringLiteralExpr)
                    && !(literal instanceof TextBlockLiteralExpr) && !(literal instanceof CharLiteralExpr)
                    ? Built.literal(literal.toString()) : build(operand, depth));
        }
        return sequence(parts, chain);
    }

    private static void flatten(Expression e, List<Expression> operands) {
        if (e instanceof BinaryExpr b && b.getOperator() == BinaryExpr.Operator.PLUS) {
            flatten(b.getLeft(), operands);
            operands.add(b.getRight());
        } else {
            operands.add(e);
        }
    }

    /** Whether {@code e} is surely a string (a literal, or a concatenation or conditional of one). */
    private static boolean stringy(Expression e) {
        return switch (e) {
            case StringLiteralExpr s -> true;
            case TextBlockLiteralExpr t -> true;
            case EnclosedExpr enclosed -> stringy(enclosed.getInner());
            case BinaryExpr b when b.getOperator() == BinaryExpr.Operator.PLUS -> stringy(b.getLeft()) || stringy(b.getRight());
            case ConditionalExpr c -> stringy(c.getThenExpr()) || stringy(c.getElseExpr());
            case MethodCallExpr call -> formatString(call).isPresent();
            default -> false;
        };
    }

    private Built call(MethodCallExpr call, int depth) {
        Optional<Expression> format = formatString(call);
        if (format.isPresent() && format.get() instanceof StringLiteralExpr literal) {
            return formatted(literal.asString());
        }
        if (depth < MAX_DEPTH) {
            List<Expression> returns = returnsOfMethod(call);
            if (!returns.isEmpty()) {
                return alternatives(returns, call, depth + 1);
            }
        }
        return Built.hole(call);
    }

    /** The format string of {@code String.format(f, ...)} or {@code f.formatted(...)}. */
    private static Optional<Expression> formatString(MethodCallExpr call) {
        if (call.getNameAsString().equals("format") && call.getScope().map(s -> s.toString().equals("String")).orElse(false)
                && !call.getArguments().isEmpty()) {
            return Optional.of(call.getArgument(0));
        }
        if (call.getNameAsString().equals("formatted") && call.getScope().isPresent()
                && call.getScope().get() instanceof StringLiteralExpr) {
            return call.getScope();
        }
        return Optional.empty();
    }

    private static Built formatted(String format) {
        List<Built> parts = new ArrayList<>();
        Matcher m = CONVERSION.matcher(format);
        int at = 0;
        while (m.find()) {
            if (m.start() > at) {
                parts.add(Built.literal(format.substring(at, m.start())));
            }
            String conversion = m.group();
            if (conversion.equals("%%")) {
                parts.add(Built.literal("%"));
            } else if (conversion.equals("%n")) {
                parts.add(Built.literal(System.lineSeparator()));
            } else {
                parts.add(new Built("{" + conversion + "}", List.of(List.of(new Segment(conversion, true)))));
            }
            at = m.end();
        }
        if (at < format.length()) {
            parts.add(Built.literal(format.substring(at)));
        }
        return sequence(parts, null);
    }

    private Built alternatives(List<Expression> options, Node whole, int depth) {
        List<Built> built = options.stream().map(o -> build(o, depth)).toList();
        List<List<Segment>> variants = new ArrayList<>();
        built.forEach(b -> variants.addAll(b.variants));
        if (variants.size() > MAX_VARIANTS) {
            return Built.hole(whole);
        }
        StringBuilder display = new StringBuilder("{");
        for (int i = 0; i < built.size(); i++) {
            display.append(i == 0 ? "" : "|").append(built.get(i).display);
        }
        return new Built(display.append('}').toString(), variants);
    }

    /** Parts one after another: each variant of the whole is one variant of each part, in order. */
    private static Built sequence(List<Built> parts, Node whole) {
        List<List<Segment>> variants = List.of(List.of());
        StringBuilder display = new StringBuilder();
        for (Built part : parts) {
            display.append(part.display);
            List<List<Segment>> next = new ArrayList<>();
            for (List<Segment> prefix : variants) {
                for (List<Segment> suffix : part.variants) {
                    next.add(join(prefix, suffix));
                }
            }
            if (next.size() > MAX_VARIANTS && whole != null) {
                return Built.hole(whole);
            }
            variants = next;
        }
        return new Built(display.toString(), variants);
    }

    /** Concatenates two segment lists, merging adjacent literals and adjacent holes. */
    private static List<Segment> join(List<Segment> a, List<Segment> b) {
        List<Segment> out = new ArrayList<>(a);
        for (Segment s : b) {
            if (!out.isEmpty() && out.getLast().hole() == s.hole()) {
                Segment last = out.removeLast();
                out.add(new Segment(s.hole() ? last.text() : last.text() + s.text(), s.hole()));
            } else if (s.hole() || !s.text().isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    /** A local variable assigned once, or a constant of the same file, that {@code name} refers to. */
    private static Optional<Expression> valueOf(NameExpr name) {
        String id = name.getNameAsString();
        Optional<MethodDeclaration> method = name.findAncestor(MethodDeclaration.class);
        Node scope = method.<Node>map(m -> m).orElse(null);
        if (scope == null) {
            scope = name.findAncestor(com.github.javaparser.ast.body.ConstructorDeclaration.class).orElse(null);
        }
        if (scope != null) {
            List<VariableDeclarator> locals = scope.findAll(VariableDeclarator.class, v -> v.getNameAsString().equals(id));
            boolean reassigned = !scope.findAll(AssignExpr.class, a -> a.getTarget().toString().equals(id)).isEmpty();
            if (locals.size() == 1 && locals.getFirst().getInitializer().isPresent() && !reassigned) {
                return locals.getFirst().getInitializer();
            }
            if (!locals.isEmpty() || scope.findAll(com.github.javaparser.ast.body.Parameter.class,
                    p -> p.getNameAsString().equals(id)).size() > 0) {
                return Optional.empty();
            }
        }
        Optional<CompilationUnit> unit = name.findCompilationUnit();
        if (unit.isEmpty()) {
            return Optional.empty();
        }
        for (FieldDeclaration field : unit.get().findAll(FieldDeclaration.class, f -> f.isStatic() && f.isFinal())) {
            for (VariableDeclarator v : field.getVariables()) {
                if (v.getNameAsString().equals(id) && v.getType().asString().equals("String")) {
                    return v.getInitializer();
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The returned expressions of the method {@code call} calls, when it can be found: a method of
     * the same file, or of a scanned type it names ({@code ArtifactName.problemWith(name)}), the only
     * one with that name returning a {@code String}.
     */
    private List<Expression> returnsOfMethod(MethodCallExpr call) {
        Optional<CompilationUnit> unit;
        if (call.getScope().isEmpty()) {
            unit = call.findCompilationUnit();
        } else if (call.getScope().get() instanceof NameExpr type && types.containsKey(type.getNameAsString())) {
            unit = Optional.of(types.get(type.getNameAsString()));
        } else {
            return List.of();
        }
        if (unit.isEmpty()) {
            return List.of();
        }
        List<MethodDeclaration> methods = unit.get().findAll(MethodDeclaration.class,
                m -> m.getNameAsString().equals(call.getNameAsString()) && m.getType().asString().equals("String"));
        if (methods.size() != 1) {
            return List.of();
        }
        return methods.getFirst().findAll(ReturnStmt.class).stream()
                .filter(r -> r.findAncestor(com.github.javaparser.ast.expr.LambdaExpr.class).isEmpty())
                .flatMap(r -> r.getExpression().stream())
                .filter(e -> !(e instanceof com.github.javaparser.ast.expr.NullLiteralExpr)).toList();
    }
}
