package io.trustregistry.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/**
 * cdk-nag's AwsSolutions rule pack over every stack, in the variants that add resources (HTTPS
 * with a zone, NAT, the sign-in rate limit, the GitHub deploy role): no error and no warning
 * unless suppressed where the resource is made, each suppression with its reason.
 */
class CdkNagTest {

    @Test
    void everyStackPassesTheAwsSolutionsPack() {
        Synth.assumeNode();
        for (Map<String, String> variant : List.of(Map.<String, String>of(), Map.of("DOMAIN_NAME",
                "registry.example.com", "HOSTED_ZONE_ID", "Z0123456789ABC", "NAT_GATEWAYS", "1", "AUTH_RATE_LIMIT",
                "300", "GITHUB_DEPLOY_REPOSITORY", "acme/registry"))) {
            Map<String, String> env = Synth.defaults();
            env.putAll(variant);
            App app = new App();
            RegistryInfraApp.Stacks stacks = RegistryInfraApp.build(app, DeploymentSettings.fromEnvironment(env),
                    Synth.ENV);
            Aspects.of(app).add(AwsSolutionsChecks.Builder.create().verbose(true).build());
            List<String> findings = new ArrayList<>();
            for (Stack stack : stacks.all()) {
                Annotations annotations = Annotations.fromStack(stack);
                for (SynthesisMessage m : annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))) {
                    findings.add("error " + m.getId() + ": " + m.getEntry().getData());
                }
                for (SynthesisMessage m : annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"))) {
                    findings.add("warning " + m.getId() + ": " + m.getEntry().getData());
                }
            }
            assertEquals(List.of(), findings, variant.toString());
        }
    }
}
