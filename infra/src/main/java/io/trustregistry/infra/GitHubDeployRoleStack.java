package io.trustregistry.infra;

import java.util.List;
import java.util.Map;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.iam.FederatedPrincipal;
import software.amazon.awscdk.services.iam.CfnOIDCProvider;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.constructs.Construct;

/**
 * The role GitHub Actions assumes to deploy, through GitHub's OpenID Connect provider: no
 * long-lived AWS keys exist anywhere. Only workflow runs of one repository in its
 * {@code production} environment can assume it, and it can do only what a deployment does:
 * hand CloudFormation work to the CDK bootstrap roles, push to the registry's repository, and
 * read the stacks and the service it waits on. Created once by an administrator
 * ({@code GITHUB_DEPLOY_REPOSITORY=owner/repo}); its ARN goes in the repository variable
 * {@code AWS_DEPLOY_ROLE_ARN}.
 */
public final class GitHubDeployRoleStack extends Stack {

    static final String ISSUER = "token.actions.githubusercontent.com";

    public GitHubDeployRoleStack(Construct scope, String id, StackProps props, DeploymentSettings settings,
                                 String gitHubRepository) {
        super(scope, id, props);
        // an account holds one provider per URL: trust the existing one where given, else create it
        // (the plain CloudFormation resource: the L2 construct would add a Lambda-backed custom resource)
        String providerArn = settings.gitHubOidcProviderArn().orElseGet(() -> CfnOIDCProvider.Builder
                .create(this, "GitHub")
                .url("https://" + ISSUER)
                .clientIdList(List.of("sts.amazonaws.com"))
                // AWS verifies GitHub's certificate itself; the list only satisfies older API versions
                .thumbprintList(List.of("6938fd4d98bab03faadb97b34396831e3780aea1"))
                .build().getAttrArn());
        Role role = Role.Builder.create(this, "DeployRole")
                .roleName(settings.name() + "-github-deploy")
                .description("GitHub Actions deployments of " + gitHubRepository)
                .maxSessionDuration(Duration.hours(1))
                .assumedBy(new FederatedPrincipal(providerArn, Map.of(
                        "StringEquals", Map.of(
                                ISSUER + ":aud", "sts.amazonaws.com",
                                ISSUER + ":sub", "repo:" + gitHubRepository + ":environment:production")),
                        "sts:AssumeRoleWithWebIdentity"))
                .build();
        String account = getAccount();
        String region = getRegion();
        role.addToPolicy(PolicyStatement.Builder.create().sid("UseCdkBootstrapRoles")
                .actions(List.of("sts:AssumeRole"))
                .resources(List.of("arn:aws:iam::" + account + ":role/cdk-hnb659fds-*-" + account + "-" + region))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create().sid("EcrLogin")
                .actions(List.of("ecr:GetAuthorizationToken"))
                .resources(List.of("*"))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create().sid("PushRegistryImages")
                .actions(List.of("ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart",
                        "ecr:CompleteLayerUpload", "ecr:PutImage", "ecr:BatchGetImage", "ecr:DescribeImages"))
                .resources(List.of("arn:aws:ecr:" + region + ":" + account + ":repository/" + settings.repositoryName()))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create().sid("ReadStacks")
                .actions(List.of("cloudformation:DescribeStacks"))
                .resources(List.of("arn:aws:cloudformation:" + region + ":" + account + ":stack/" + settings.name()
                        + "-*/*"))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create().sid("WaitForService")
                .actions(List.of("ecs:DescribeServices"))
                .resources(List.of("arn:aws:ecs:" + region + ":" + account + ":service/" + settings.name() + "/"
                        + settings.name()))
                .build());
        Nag.suppress(role, "AwsSolutions-IAM5", "each wildcard is the narrowest the action allows:"
                + " ecr:GetAuthorizationToken takes only *, the CDK bootstrap roles are named by qualifier and"
                + " purpose (cdk-hnb659fds-*-<account>-<region>), and the registry's stacks by their prefix");
        CfnOutput.Builder.create(this, "DeployRoleArn").value(role.getRoleArn())
                .description("set as the GitHub repository variable AWS_DEPLOY_ROLE_ARN").build();
    }
}
