package io.trustregistry.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app ({@code infra/cdk.json} runs it): the repository stack and the registry stack for
 * the account and region of the caller's AWS credentials, configured from the environment
 * (see {@link DeploymentSettings} and {@code .env.aws.template}).
 */
public final class RegistryInfraApp {

    private RegistryInfraApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        DeploymentSettings settings = DeploymentSettings.fromEnvironment(System.getenv());
        build(app, settings, Environment.builder()
                .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
                .region(System.getenv("CDK_DEFAULT_REGION"))
                .build());
        // AwsSolutions on every synthesis: a new finding fails `cdk deploy` before anything changes
        Aspects.of(app).add(AwsSolutionsChecks.Builder.create().build());
        app.synth();
    }

    /** Adds both stacks to {@code app}; tests call this with a fixed environment. */
    static Stacks build(App app, DeploymentSettings settings, Environment environment) {
        StackProps props = StackProps.builder().env(environment)
                .description("Trustworthy Model Registry (" + settings.name() + ")").build();
        RepositoryStack repository = new RepositoryStack(app, stackName(settings, "repository"), props, settings);
        RegistryStack registry = new RegistryStack(app, stackName(settings, "service"), props, settings);
        GitHubDeployRoleStack deployRole = settings.gitHubDeployRepository()
                .map(repo -> new GitHubDeployRoleStack(app, stackName(settings, "github-deploy"), props, settings, repo))
                .orElse(null);
        return new Stacks(repository, registry, deployRole);
    }

    /** CloudFormation stack names, e.g. {@code trust-registry-service}. */
    static String stackName(DeploymentSettings settings, String part) {
        return settings.name() + "-" + part;
    }

    record Stacks(RepositoryStack repository, RegistryStack registry, GitHubDeployRoleStack deployRole) {
        /** Every stack made, the deploy role's only where there is one. */
        java.util.List<software.amazon.awscdk.Stack> all() {
            return deployRole == null ? java.util.List.of(repository, registry)
                    : java.util.List.of(repository, registry, deployRole);
        }
    }
}
