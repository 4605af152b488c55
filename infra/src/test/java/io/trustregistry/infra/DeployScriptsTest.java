package io.trustregistry.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deploy and teardown scripts: shellcheck-clean, and in dry-run mode they show every step in
 * order without calling AWS or any other tool. Every external command is replaced by a stub that
 * records its call, so a dry run that touched anything would be caught.
 */
class DeployScriptsTest {

    private static final Path SCRIPTS = Path.of("..", "scripts").toAbsolutePath().normalize();
    private static final List<String> TOOLS = List.of("aws", "npx", "docker", "podman", "curl");

    @TempDir
    Path work;
    private Path calls;
    private Path stubs;
    private Path envFile;

    @BeforeEach
    void stubEveryExternalTool() throws IOException {
        calls = work.resolve("calls.log");
        stubs = Files.createDirectories(work.resolve("bin"));
        for (String tool : TOOLS) {
            stub(tool, "echo \"" + tool + " $*\" >> '" + calls + "'\nexit 1\n");
        }
        envFile = work.resolve("test.env");
        Files.writeString(envFile, "AWS_REGION=eu-west-1\nALERT_EMAIL=ops@example.com\n"
                + "SMOKE_PASSWORD=not-for-the-log-9f2c\nREGISTRY_STACK_NAME=reg-test\n"
                + "# a value is data, never code\nNOT_RUN=$(touch " + work.resolve("pwned") + ")\n");
    }

    @Test
    void everyScriptIsShellcheckClean() throws Exception {
        Assumptions.assumeTrue(onPath("shellcheck"), "shellcheck is not installed (apt-get install shellcheck)");
        List<String> command = new ArrayList<>(List.of("shellcheck", "-x"));
        try (var files = Files.walk(SCRIPTS)) {
            files.filter(f -> f.toString().endsWith(".sh")).map(Path::toString).sorted().forEach(command::add);
        }
        Path root = SCRIPTS.getParent();
        for (String other : List.of(".ci/run", "registry", "mvnw")) {
            command.add(root.resolve(other).toString());
        }
        assertTrue(command.size() >= 8, command.toString());
        Result result = run(command, "", Map.of());
        assertEquals(0, result.exit, result.output);
    }

    @Test
    void aDryRunDeployShowsEveryStepInOrderAndTouchesNothing() throws Exception {
        Result result = script("deploy-to-aws.sh", "", "--dry-run", "--env-file", envFile.toString());
        assertEquals(0, result.exit, result.output);
        assertFalse(Files.exists(calls), "a dry run called: " + (Files.exists(calls) ? Files.readString(calls) : ""));
        assertInOrder(result.output,
                "sts get-caller-identity",
                "-pl infra -am package",
                "iam create-policy --policy-name reg-test-cfn-execution",
                "aws-cdk@2.1148.1 bootstrap aws://123456789012/eu-west-1 --cloudformation-execution-policies"
                        + " arn:aws:iam::123456789012:policy/reg-test-cfn-execution",
                "deploy reg-test-repository",
                "build --platform linux/amd64 --tag 123456789012.dkr.ecr.eu-west-1.amazonaws.com/reg-test:",
                "ecr get-login-password",
                "push 123456789012.dkr.ecr.eu-west-1.amazonaws.com/reg-test:",
                "deploy reg-test-service",
                "ecs wait services-stable --cluster reg-test --services reg-test",
                "/health",
                "/authenticate",
                "Deployed reg-test",
                "API docs:",
                "Dashboard:",
                "WARNING: http://registry-alb.eu-west-1.elb.amazonaws.com is plain HTTP");
        assertFalse(result.output.contains("not-for-the-log-9f2c"), "the smoke-test password was printed");
        assertFalse(Files.exists(work.resolve("pwned")), "a settings value was executed");
    }

    /**
     * The policy CloudFormation deploys with, after the deploy script has named it for the stack:
     * valid JSON, IAM only on the stack's own roles and policies (a broader iam:* would let a
     * template grant itself anything), everything else limited to the services the stacks use.
     */
    @Test
    void theBootstrapExecutionPolicyKeepsIamToTheStacksOwnRoles() throws Exception {
        String document = Files.readString(SCRIPTS.getParent().resolve("infra/bootstrap/cfn-execution-policy.json"))
                .replace("STACK_NAME", "reg-test");
        assertFalse(document.contains("AdministratorAccess") || document.contains("\"*:*\""), document);
        java.util.regex.Matcher iam = java.util.regex.Pattern.compile("\"Action\": \"(iam:[^\"]+)\",\\s*"
                + "\"Resource\": (\\[[^\\]]*\\]|\"[^\"]*\")").matcher(document);
        List<String> grants = new ArrayList<>();
        while (iam.find()) {
            grants.add(iam.group(1) + " on " + iam.group(2).replaceAll("\\s+", " "));
        }
        assertEquals(List.of("iam:* on [ \"arn:aws:iam::*:role/reg-test-*\", \"arn:aws:iam::*:policy/reg-test-*\","
                + " \"arn:aws:iam::*:oidc-provider/token.actions.githubusercontent.com\" ]",
                "iam:CreateServiceLinkedRole on \"arn:aws:iam::*:role/aws-service-role/*\""), grants);
    }

    @Test
    void deployRefusesToStartWithoutAnAlertAddress() throws Exception {
        Files.writeString(envFile, "AWS_REGION=eu-west-1\n");
        Result result = script("deploy-to-aws.sh", "", "--dry-run", "--env-file", envFile.toString());
        assertNotEquals(0, result.exit);
        assertTrue(result.output.contains("ALERT_EMAIL"), result.output);
        Result missing = script("deploy-to-aws.sh", "", "--dry-run", "--env-file", work.resolve("nope.env").toString());
        assertNotEquals(0, missing.exit);
        assertTrue(missing.output.contains(".env.aws.template"), missing.output);
        Result unknown = script("deploy-to-aws.sh", "", "--frobnicate");
        assertNotEquals(0, unknown.exit);
        assertTrue(unknown.output.contains("unknown argument"), unknown.output);
    }

    @Test
    void aDryRunTeardownEmptiesBeforeItDeletesAndTouchesNothing() throws Exception {
        Result result = script("teardown-aws.sh", "", "--dry-run", "--env-file", envFile.toString());
        assertEquals(0, result.exit, result.output);
        assertFalse(Files.exists(calls));
        assertInOrder(result.output,
                // nothing writes to the bucket while it empties
                "register-scalable-target --service-namespace ecs --resource-id service/reg-test/reg-test",
                "--min-capacity 0 --max-capacity 0",
                "ecs update-service --cluster reg-test --service reg-test --desired-count 0",
                "ecs wait services-stable --cluster reg-test --services reg-test",
                "s3api list-object-versions --bucket reg-test-bucket",
                "s3api delete-objects --bucket reg-test-bucket",
                "rds modify-db-instance --db-instance-identifier reg-test-db --no-deletion-protection",
                "cloudformation delete-stack --stack-name reg-test-service",
                "cloudformation wait stack-delete-complete --stack-name reg-test-service",
                "rds describe-db-snapshots",
                "deleting the final snapshot reg-test-db-final-snapshot",
                "rds delete-db-snapshot --db-snapshot-identifier reg-test-db-final-snapshot",
                "logs delete-log-group --log-group-name /aws/rds/instance/reg-test-db/postgresql",
                "ecr batch-delete-image --repository-name reg-test",
                "cloudformation delete-stack --stack-name reg-test-repository",
                "reg-test is removed");
    }

    /**
     * Against a stubbed AWS CLI answering as the real one does (s3api delete-objects reports the
     * objects it could not delete in {@code Errors}, with {@code --query} applied to its JSON): the
     * teardown keeps the operator's older snapshots, and stops, naming them, at objects S3 refuses
     * to delete instead of listing them again for ever.
     */
    @Test
    void teardownKeepsOlderSnapshotsAndStopsAtObjectsS3RefusesToDelete() throws Exception {
        stubDeployedAws("  *list-object-versions*) echo '{\"Objects\":[{\"Key\":\"blobs/locked\",\"VersionId\":\"v1\"}]}' ;;\n"
                + "  *delete-objects*) printf 'blobs/locked\\tAccessDenied\\n' ;;\n");
        Result refused = script("teardown-aws.sh", "", "--yes", "--env-file", envFile.toString());
        assertNotEquals(0, refused.exit, refused.output);
        assertTrue(refused.output.contains("S3 refused to delete some objects of s3://reg-test-bucket")
                && refused.output.contains("blobs/locked\tAccessDenied"), refused.output);
        List<String> made = Files.readAllLines(calls);
        assertEquals(1, made.stream().filter(c -> c.contains("delete-objects")).count(), "no endless loop: " + made);
        assertFalse(made.stream().anyMatch(c -> c.contains("delete-stack") || c.contains("modify-db-instance")),
                "nothing else was deleted: " + made);

        Files.delete(calls);
        stubDeployedAws("  *list-object-versions*) echo '{\"Objects\":[]}' ;;\n"
                + "  *describe-db-snapshots*) printf 'operators-backup\\t2020-01-01T00:00:00.000Z\\n"
                + "reg-test-final\\t2999-01-01T00:00:00.000Z\\n' ;;\n");
        Result done = script("teardown-aws.sh", "", "--yes", "--env-file", envFile.toString());
        assertEquals(0, done.exit, done.output);
        List<String> deleted = Files.readAllLines(calls).stream().filter(c -> c.contains("delete-db-snapshot")).toList();
        assertEquals(List.of("aws rds delete-db-snapshot --db-snapshot-identifier reg-test-final --output text"),
                deleted, "the operator's older snapshot stays");
    }

    @Test
    void teardownDeletesNothingUnlessTheStackNameIsTyped() throws Exception {
        Result result = script("teardown-aws.sh", "yes\n", "--env-file", envFile.toString());
        assertNotEquals(0, result.exit);
        assertTrue(result.output.contains("nothing was deleted"), result.output);
        assertFalse(Files.exists(calls), "AWS was called before confirmation");
    }

    @Test
    void teardownOfAnAlreadyRemovedDeploymentOnlyLooks() throws Exception {
        Result result = script("teardown-aws.sh", "reg-test\n", "--env-file", envFile.toString());
        assertEquals(0, result.exit, result.output);
        assertTrue(result.output.contains("reg-test-service is already gone"), result.output);
        assertTrue(result.output.contains("reg-test-repository is already gone"), result.output);
        List<String> made = Files.readAllLines(calls);
        assertEquals(2, made.size(), made.toString());
        assertTrue(made.stream().allMatch(c -> c.startsWith("aws cloudformation describe-stacks")), made.toString());
    }

    private static void assertInOrder(String output, String... steps) {
        int at = 0;
        for (String step : steps) {
            int found = output.indexOf(step, at);
            assertTrue(found >= 0, "missing, or out of order: '" + step + "' in\n" + output);
            at = found + step.length();
        }
    }

    private Result script(String name, String stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPTS.resolve(name).toString()));
        command.addAll(List.of(args));
        return run(command, stdin, Map.of("PATH", stubs + ":/usr/bin:/bin"));
    }

    private Result run(List<String> command, String stdin, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("REGISTRY_")
                || k.equals("ALERT_EMAIL") || k.equals("CONTAINER_TOOL"));
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "hung: " + command);
        return new Result(process.exitValue(), output);
    }

    /**
     * An AWS CLI that records its calls and answers as for a deployed reg-test stack (its outputs
     * through describe-stacks, with --query applied as the real CLI does), plus {@code cases}, shell
     * case branches for the other calls; anything else succeeds with no output.
     */
    private void stubDeployedAws(String cases) throws IOException {
        stub("aws", "echo \"aws $*\" >> '" + calls + "'\n"
                + "case \"$*\" in\n"
                + "  *describe-stacks*BucketName*) echo reg-test-bucket ;;\n"
                + "  *describe-stacks*DatabaseInstance*) echo reg-test-db ;;\n"
                + "  *describe-stacks*) echo reg-test ;;\n"
                + cases
                + "esac\nexit 0\n");
    }

    private void stub(String tool, String body) throws IOException {
        Path file = stubs.resolve(tool);
        Files.writeString(file, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private record Result(int exit, String output) {
    }
}
