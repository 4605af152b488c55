package io.trustregistry.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The Dockerfile keeps up with the build: Maven needs every module's POM to plan the reactor,
 * so a module added without its COPY line breaks the image build (caught here even where the
 * container test cannot run).
 */
class DockerfileTest {

    @Test
    void copiesEveryModulesPom() throws Exception {
        String pom = Files.readString(Path.of("..", "pom.xml"));
        String dockerfile = Files.readString(Path.of("..", "Dockerfile"));
        Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(pom);
        int modules = 0;
        while (module.find()) {
            modules++;
            String line = "COPY " + module.group(1) + "/pom.xml " + module.group(1) + "/";
            assertTrue(dockerfile.contains(line), "the Dockerfile lacks: " + line);
        }
        assertTrue(modules >= 9, "found only " + modules + " modules");
    }

    @Test
    void runsAsANonRootUserWithAHealthcheck() throws Exception {
        String dockerfile = Files.readString(Path.of("..", "Dockerfile"));
        assertTrue(dockerfile.contains("USER 10001:10001"));
        assertTrue(dockerfile.contains("HEALTHCHECK"));
        assertTrue(dockerfile.contains("ARG RUNTIME_IMAGE="), "base images must be build arguments");
    }

    @Test
    void carriesTheNodeVersionTheInstallScriptPins() throws Exception {
        String dockerfile = Files.readString(Path.of("..", "Dockerfile"));
        String script = Files.readString(Path.of("..", "scripts", "install-node.sh"));
        Matcher pinned = Pattern.compile("(?m)^version=(\\S+)$").matcher(script);
        assertTrue(pinned.find(), "scripts/install-node.sh pins a version");
        assertTrue(dockerfile.contains("ARG NODE_VERSION=" + pinned.group(1)), "the image carries Node.js " + pinned.group(1));
        assertTrue(dockerfile.contains("REGISTRY_MONITOR_NODE=/opt/node/bin/node"));
    }
}
