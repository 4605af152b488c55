package io.trustregistry.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Who can deploy: the deploy job's condition, read from {@code .github/workflows/deploy.yml} and
 * evaluated against the event payloads GitHub sends (the {@code workflow_run} payload's
 * {@code event}, {@code head_branch} and {@code head_repository}, as in GitHub's "Webhook events
 * and payloads" reference), with the subset of GitHub's expression syntax the condition uses.
 */
class WorkflowsTest {

    private static final Path WORKFLOWS = Path.of("..", ".github", "workflows").toAbsolutePath().normalize();
    private static final String REPOSITORY = "acme/registry";

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deployJob() throws IOException {
        Map<String, Object> workflow = new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Files.readString(WORKFLOWS.resolve("deploy.yml")));
        return (Map<String, Object>) ((Map<String, Object>) workflow.get("jobs")).get("deploy");
    }

    private static boolean deploys(Map<String, String> context) throws IOException {
        return new Expression(String.valueOf(deployJob().get("if")), context).evaluate();
    }

    private static Map<String, String> ciRun(String event, String branch, String headRepository, String conclusion) {
        return Map.of("github.event_name", "workflow_run", "github.repository", REPOSITORY, "github.ref",
                "refs/heads/main", "github.event.workflow_run.event", event, "github.event.workflow_run.head_branch",
                branch, "github.event.workflow_run.head_repository.full_name", headRepository,
                "github.event.workflow_run.conclusion", conclusion);
    }

    @Test
    void onlyAPushToThisRepositorysMainThatPassedCiDeploys() throws IOException {
        assertTrue(deploys(ciRun("push", "main", REPOSITORY, "success")));
        assertFalse(deploys(ciRun("push", "main", REPOSITORY, "failure")), "CI failed");
        assertFalse(deploys(ciRun("pull_request", "main", "mallory/registry", "success")),
                "a fork's pull request from its own main");
        assertFalse(deploys(ciRun("pull_request", "main", REPOSITORY, "success")), "a pull request from a branch main");
        assertFalse(deploys(ciRun("push", "feature", REPOSITORY, "success")), "a push to another branch");
        assertFalse(deploys(ciRun("push", "main", "mallory/registry", "success")), "a run for another repository");
    }

    @Test
    void aDeployByHandRunsFromMainOnlyAndAlwaysInTheProductionEnvironment() throws IOException {
        assertTrue(deploys(Map.of("github.event_name", "workflow_dispatch", "github.ref", "refs/heads/main")));
        assertFalse(deploys(Map.of("github.event_name", "workflow_dispatch", "github.ref", "refs/heads/experiment")));
        assertEquals("production", deployJob().get("environment"), "environment protection rules apply");
    }

    @Test
    void theDeployReadsTheCommittedSettingsFileWholeAndNoSettingFromElsewhere() throws IOException {
        String workflow = Files.readString(WORKFLOWS.resolve("deploy.yml"));
        java.util.Set<String> variables = new java.util.TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("vars\\.([A-Z_]+)").matcher(workflow);
        while (m.find()) {
            variables.add(m.group(1));
        }
        // a variable per setting fell back to its default whenever unset, undoing a hardened database
        assertEquals(java.util.Set.of("AWS_DEPLOY_ROLE_ARN"), variables);
        assertTrue(workflow.contains("scripts/deploy-to-aws.sh --env-file deploy/production.env"), workflow);
        assertFalse(workflow.contains(".env.aws"), "no settings file is written in CI");

        Path repository = WORKFLOWS.getParent().getParent();
        java.util.Set<String> documented = keys(repository.resolve(".env.aws.template"));
        java.util.Set<String> production = keys(repository.resolve("deploy/production.env"));
        assertTrue(production.containsAll(java.util.Set.of("AWS_REGION", "ALERT_EMAIL", "DB_MULTI_AZ",
                "DB_DELETION_PROTECTION", "TASK_CPU", "TASK_MEMORY_MIB")), production.toString());
        assertTrue(documented.containsAll(production), "undocumented: " + production);
    }

    @Test
    @SuppressWarnings("unchecked")
    void ciScansDependenciesOnceAndPublishesOnlyWhereItMay() throws IOException {
        Map<String, Object> ci = new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Files.readString(WORKFLOWS.resolve("ci.yml")));
        java.util.List<Map<String, Object>> steps = (java.util.List<Map<String, Object>>)
                ((Map<String, Object>) ((Map<String, Object>) ci.get("jobs")).get("dependency-scan")).get("steps");
        // two scans ran into the vulnerability database's rate limit
        assertEquals(1, steps.stream().filter(step -> String.valueOf(step.get("uses")).startsWith(
                "aquasecurity/trivy-action")).count(), steps.toString());
        Map<String, Object> upload = steps.stream().filter(step -> String.valueOf(step.get("uses"))
                .startsWith("github/codeql-action/upload-sarif")).findFirst().orElseThrow();
        // a fork's pull request has a read-only token, and code scanning refuses its upload
        assertTrue(String.valueOf(upload.get("if")).contains(
                "github.event.pull_request.head.repo.full_name == github.repository"), upload.toString());
    }

    @Test
    void everyActionIsPinnedToACommitNamedByItsVersion() throws IOException {
        for (String file : List.of("ci.yml", "deploy.yml")) {
            for (String line : Files.readAllLines(WORKFLOWS.resolve(file))) {
                if (line.strip().startsWith("uses:") || line.strip().startsWith("- uses:")) {
                    // a tag can be moved to other code (as happened to tj-actions); a commit cannot
                    assertTrue(line.matches(".*uses: [\\w.-]+/[\\w./-]+@[0-9a-f]{40} # v\\d+(\\.\\d+)*$"),
                            file + ": " + line.strip());
                }
            }
        }
    }

    /** The keys a settings file sets or shows commented out ({@code # KEY=value}). */
    private static java.util.Set<String> keys(Path file) throws IOException {
        java.util.Set<String> keys = new java.util.TreeSet<>();
        for (String line : Files.readAllLines(file)) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^#? ?([A-Z][A-Z0-9_]+)=").matcher(line);
            if (m.find()) {
                keys.add(m.group(1));
            }
        }
        return keys;
    }

    /**
     * GitHub's expression syntax as far as the condition uses it: {@code ||}, {@code &&},
     * {@code ==}, parentheses, single-quoted strings and context names (a missing one is empty,
     * as in GitHub, where it is null and compares unequal to any non-empty string).
     */
    private static final class Expression {
        private final String text;
        private final Map<String, String> context;
        private int at;

        Expression(String text, Map<String, String> context) {
            this.text = text.strip();
            this.context = context;
        }

        boolean evaluate() {
            boolean value = or();
            skipSpace();
            if (at != text.length()) {
                throw new IllegalArgumentException("unparsed: " + text.substring(at));
            }
            return value;
        }

        private boolean or() {
            boolean value = and();
            while (eat("||")) {
                value |= and();
            }
            return value;
        }

        private boolean and() {
            boolean value = comparison();
            while (eat("&&")) {
                value &= comparison();
            }
            return value;
        }

        private boolean comparison() {
            if (eat("(")) {
                boolean value = or();
                if (!eat(")")) {
                    throw new IllegalArgumentException("missing ) at " + at);
                }
                return value;
            }
            String left = operand();
            if (!eat("==")) {
                throw new IllegalArgumentException("expected == at " + at + " in " + text);
            }
            return left.equals(operand());
        }

        private String operand() {
            skipSpace();
            if (text.charAt(at) == '\'') {
                int end = text.indexOf('\'', at + 1);
                String literal = text.substring(at + 1, end);
                at = end + 1;
                return literal;
            }
            int start = at;
            while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || "._-".indexOf(text.charAt(at)) >= 0)) {
                at++;
            }
            return context.getOrDefault(text.substring(start, at), "");
        }

        private boolean eat(String token) {
            skipSpace();
            if (text.startsWith(token, at)) {
                at += token.length();
                return true;
            }
            return false;
        }

        private void skipSpace() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }
    }
}
