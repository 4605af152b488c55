package io.trustregistry.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The web UI's ES modules import one another without a circle: a page module never imports the
 * shell ({@code app.js}) that imports it, so each loads, and can be tested, on its own.
 */
class WebUiModuleGraphTest {

    private static final Path JS = Path.of("src/main/resources/web/js");
    private static final Pattern IMPORT = Pattern.compile("^import\\s[^'\"]*['\"](\\.[^'\"]+)['\"]", Pattern.MULTILINE);

    private static Map<Path, List<Path>> graph() throws IOException {
        Map<Path, List<Path>> imports = new HashMap<>();
        try (Stream<Path> files = Files.walk(JS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".js")).toList()) {
                List<Path> targets = new ArrayList<>();
                Matcher m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    Path target = file.getParent().resolve(m.group(1)).normalize();
                    assertTrue(Files.exists(target), file + " imports " + m.group(1) + ", which does not exist");
                    targets.add(target);
                }
                imports.put(file.normalize(), targets);
            }
        }
        return imports;
    }

    @Test
    void theModulesFormNoCircle() throws IOException {
        Map<Path, List<Path>> imports = graph();
        assertFalse(imports.get(JS.resolve("app.js")).isEmpty(), "the shell imports its pages");
        Set<Path> done = new HashSet<>();
        for (Path start : imports.keySet()) {
            visit(start, imports, new ArrayList<>(), done);
        }
        assertEquals(imports.keySet(), done);
    }

    private static void visit(Path module, Map<Path, List<Path>> imports, List<Path> trail, Set<Path> done) {
        if (done.contains(module)) {
            return;
        }
        assertFalse(trail.contains(module), () -> "import circle: "
                + trail.subList(trail.indexOf(module), trail.size()) + " -> " + module);
        trail.add(module);
        for (Path next : imports.getOrDefault(module, List.of())) {
            visit(next, imports, trail, done);
        }
        trail.remove(trail.size() - 1);
        done.add(module);
    }
}
