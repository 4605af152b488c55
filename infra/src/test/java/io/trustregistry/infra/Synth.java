package io.trustregistry.infra;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.assertions.Template;

/** Synthesises the stacks offline for a test, with settings overridden from the defaults. */
final class Synth {

    static final Environment ENV = Environment.builder().account("123456789012").region("eu-west-1").build();

    private Synth() {
    }

    static Map<String, String> defaults() {
        Map<String, String> env = new HashMap<>();
        env.put("REGISTRY_IMAGE_TAG", "0123abc");
        env.put("ALERT_EMAIL", "ops@example.com");
        return env;
    }

    private static Boolean nodeAvailable;

    /** Both templates, for settings built from {@link #defaults()} plus {@code overrides}. */
    static Templates of(Map<String, String> overrides) {
        assumeNode();
        Map<String, String> env = defaults();
        env.putAll(overrides);
        RegistryInfraApp.Stacks stacks = RegistryInfraApp.build(new App(), DeploymentSettings.fromEnvironment(env), ENV);
        return new Templates(Template.fromStack(stacks.repository()), Template.fromStack(stacks.registry()));
    }

    /** Skips the calling test, saying why, where Node.js (which the CDK synthesises through) is missing. */
    static void assumeNode() {
        org.junit.jupiter.api.Assumptions.assumeTrue(nodeAvailable(),
                "the AWS CDK synthesises through Node.js, which is not installed here");
    }

    private static synchronized boolean nodeAvailable() {
        if (nodeAvailable == null) {
            try {
                Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
                node.getInputStream().readAllBytes();
                nodeAvailable = node.waitFor() == 0;
            } catch (java.io.IOException e) {
                nodeAvailable = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                nodeAvailable = false;
            }
        }
        return nodeAvailable;
    }

    record Templates(Template repository, Template registry) {

        /** The resources of one type in the registry stack, by logical id. */
        Map<String, Map<String, Object>> resources(String type) {
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> found = (Map<String, Map<String, Object>>) (Map<?, ?>)
                    registry.findResources(type);
            return found;
        }

        /** The properties of the only resource of a type. */
        Map<String, Object> only(String type) {
            Map<String, Map<String, Object>> found = resources(type);
            if (found.size() != 1) {
                throw new AssertionError("expected one " + type + ", found " + found.keySet());
            }
            return properties(found.values().iterator().next());
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.getOrDefault("Properties", Map.of());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return (List<Object>) value;
    }
}
