package io.trustregistry.infra;

import static io.trustregistry.infra.Synth.list;
import static io.trustregistry.infra.Synth.map;
import static io.trustregistry.infra.Synth.properties;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Template;

/** The OIDC role for GitHub deployments: who may assume it, and that it can do no more than deploy. */
class GitHubDeployRoleStackTest {

    @Test
    void onlyTheRepositorysProductionEnvironmentCanAssumeItAndOnlyToDeploy() {
        Template template = Template.fromStack(stacks(Map.of("GITHUB_DEPLOY_REPOSITORY", "acme/registry"))
                .deployRole());
        Map<String, Object> role = properties(only(template, "AWS::IAM::Role"));
        Map<String, Object> trust = map(list(map(role.get("AssumeRolePolicyDocument")).get("Statement")).get(0));
        assertEquals("sts:AssumeRoleWithWebIdentity", trust.get("Action"));
        assertEquals(Map.of("token.actions.githubusercontent.com:aud", "sts.amazonaws.com",
                "token.actions.githubusercontent.com:sub", "repo:acme/registry:environment:production"),
                map(map(trust.get("Condition")).get("StringEquals")));
        assertEquals(3600, role.get("MaxSessionDuration"));

        Map<String, String> scopeBySid = new HashMap<>();
        for (Object statement : list(map(properties(only(template, "AWS::IAM::Policy")).get("PolicyDocument"))
                .get("Statement"))) {
            scopeBySid.put(String.valueOf(map(statement).get("Sid")), String.valueOf(map(statement).get("Resource")));
        }
        assertEquals("*", scopeBySid.get("EcrLogin"));
        assertTrue(scopeBySid.get("UseCdkBootstrapRoles").contains(":role/cdk-hnb659fds-*-123456789012-eu-west-1"));
        assertTrue(scopeBySid.get("PushRegistryImages").endsWith(":repository/trust-registry"));
        assertTrue(scopeBySid.get("ReadStacks").contains(":stack/trust-registry-*/*"));
        assertTrue(scopeBySid.get("WaitForService").endsWith(":service/trust-registry/trust-registry"));
        assertEquals(5, scopeBySid.size(), scopeBySid.toString());
        template.hasOutput("DeployRoleArn", software.amazon.awscdk.assertions.Match.anyValue());
    }

    @Test
    void anAccountsExistingGitHubProviderIsTrustedInsteadOfASecondOne() {
        String existing = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
        Template created = Template.fromStack(stacks(Map.of("GITHUB_DEPLOY_REPOSITORY", "acme/registry")).deployRole());
        created.resourceCountIs("AWS::IAM::OIDCProvider", 1);
        Template imported = Template.fromStack(stacks(Map.of("GITHUB_DEPLOY_REPOSITORY", "acme/registry",
                "GITHUB_OIDC_PROVIDER_ARN", existing)).deployRole());
        imported.resourceCountIs("AWS::IAM::OIDCProvider", 0);
        Map<String, Object> trust = map(list(map(properties(only(imported, "AWS::IAM::Role"))
                .get("AssumeRolePolicyDocument")).get("Statement")).get(0));
        assertEquals(Map.of("Federated", existing), trust.get("Principal"));
        IllegalArgumentException wrong = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> DeploymentSettings.fromEnvironment(withDefaults(Map.of("GITHUB_OIDC_PROVIDER_ARN",
                        "arn:aws:iam::123456789012:oidc-provider/accounts.google.com"))));
        assertTrue(wrong.getMessage().startsWith("GITHUB_OIDC_PROVIDER_ARN must be"), wrong.getMessage());
    }

    private static Map<String, String> withDefaults(Map<String, String> overrides) {
        Map<String, String> env = Synth.defaults();
        env.putAll(overrides);
        return env;
    }

    @Test
    void withoutARepositoryThereIsNoDeployRole() {
        assertNull(stacks(Map.of()).deployRole());
    }

    private static RegistryInfraApp.Stacks stacks(Map<String, String> overrides) {
        Synth.assumeNode();
        Map<String, String> env = Synth.defaults();
        env.putAll(overrides);
        return RegistryInfraApp.build(new App(), DeploymentSettings.fromEnvironment(env), Synth.ENV);
    }

    private static Map<String, Object> only(Template template, String type) {
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> found = (Map<String, Map<String, Object>>) (Map<?, ?>)
                template.findResources(type);
        assertEquals(1, found.size(), type + " " + found.keySet());
        return found.values().iterator().next();
    }
}
