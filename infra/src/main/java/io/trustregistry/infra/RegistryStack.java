package io.trustregistry.infra;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.ecr.Repository;
import software.constructs.Construct;

/**
 * Everything the registry runs on, but its image repository ({@link RepositoryStack}): network,
 * data stores, the service behind its load balancer, and monitoring. Its outputs are what the
 * deploy script prints and smoke-tests.
 */
public final class RegistryStack extends Stack {

    final Network network;
    final DataStores stores;
    final ApiService api;
    final Monitoring monitoring;

    public RegistryStack(Construct scope, String id, StackProps props, DeploymentSettings settings) {
        super(scope, id, props);
        Tags.of(this).add("project", settings.name());
        network = new Network(this, "Network", settings);
        stores = new DataStores(this, "Data", settings, network);
        // by name, not by cross-stack reference, so either stack can be updated or removed alone
        var repository = Repository.fromRepositoryName(this, "Repository", settings.repositoryName());
        api = new ApiService(this, "Api", settings, network, stores, repository, getRegion());
        monitoring = new Monitoring(this, "Monitoring", settings, api, stores);

        output("ServiceUrl", api.url, "the registry's base URL");
        output("LoadBalancerDns", api.loadBalancer.getLoadBalancerDnsName(),
                "the load balancer's own name: point DOMAIN_NAME at it where the stack has no hosted zone");
        output("ClusterName", api.cluster.getClusterName(), "ECS cluster");
        output("ServiceName", api.service.getServiceName(), "ECS service");
        output("BucketName", stores.artifacts.getBucketName(), "artifact bucket");
        output("DatabaseEndpoint", stores.database.getDbInstanceEndpointAddress(), "PostgreSQL endpoint");
        output("DatabaseInstance", stores.database.getInstanceIdentifier(), "RDS instance identifier");
        output("LogGroup", api.logs.getLogGroupName(), "CloudWatch log group");
        output("Dashboard", monitoring.dashboard.getDashboardName(), "CloudWatch dashboard");
        output("AlarmTopic", monitoring.alarms.getTopicArn(), "SNS topic for alarms");
    }

    private void output(String id, String value, String description) {
        CfnOutput.Builder.create(this, id).value(value).description(description).build();
    }
}
