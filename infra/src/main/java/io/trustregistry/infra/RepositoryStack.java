package io.trustregistry.infra;

import java.util.List;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ecr.LifecycleRule;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecr.TagMutability;
import software.constructs.Construct;

/**
 * The image repository, in a stack of its own: the deploy script creates it first, pushes the
 * image, and only then deploys {@link RegistryStack}, whose service needs the image to exist.
 * Tags are immutable (a tag names one build forever) and every push is scanned.
 */
public final class RepositoryStack extends Stack {

    public RepositoryStack(Construct scope, String id, StackProps props, DeploymentSettings settings) {
        super(scope, id, props);
        Repository repository = Repository.Builder.create(this, "Repository")
                .repositoryName(settings.repositoryName())
                .imageScanOnPush(true)
                .imageTagMutability(TagMutability.IMMUTABLE)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .description("keep the 20 newest images; older ones cannot be rolled back to anyway")
                        .maxImageCount(20)
                        .build()))
                // the teardown script deletes the images first; the stack then removes the repository
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        CfnOutput.Builder.create(this, "RepositoryUri").value(repository.getRepositoryUri()).build();
    }
}
