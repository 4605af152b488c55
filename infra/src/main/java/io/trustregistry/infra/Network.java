package io.trustregistry.infra;

import java.util.ArrayList;
import java.util.List;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.FlowLogDestination;
import software.amazon.awscdk.services.ec2.FlowLogOptions;
import software.amazon.awscdk.services.ec2.FlowLogTrafficType;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.IPeer;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The VPC and the three security groups that chain internet to load balancer to tasks to
 * database and nothing else: the load balancer takes HTTP(S) from anywhere, a task takes
 * traffic only from the load balancer, the database only from tasks. The database lives in
 * isolated subnets with no route to the internet. S3 is reached through a (free) gateway
 * endpoint. Without NAT gateways, tasks run in public subnets with public IPs so that ingest
 * can reach Hugging Face and GitHub; their security group still admits only the load balancer.
 */
final class Network extends Construct {

    static final int APP_PORT = 8080;
    static final int DATABASE_PORT = 5432;
    /** The subnet group the database lives in (selected by name: the app group may be isolated too). */
    static final String DATABASE_SUBNETS = "database";

    final Vpc vpc;
    final SecurityGroup loadBalancer;
    final SecurityGroup tasks;
    final SecurityGroup database;
    final SubnetSelection taskSubnets;
    final boolean tasksNeedPublicIp;

    Network(Construct scope, String id, DeploymentSettings settings) {
        super(scope, id);
        List<SubnetConfiguration> subnets = new ArrayList<>();
        subnets.add(SubnetConfiguration.builder().name("public").subnetType(SubnetType.PUBLIC).cidrMask(24).build());
        // Subnets are numbered in this order, so the database's ranges come before the app's and
        // the app's are reserved without NAT: turning NAT on or off then adds or removes the app
        // subnets and moves nothing else (adding them before the database renumbered its subnets and
        // failed the update). Deployments made before this order with NAT_GATEWAYS=0 keep their
        // layout; docs/aws-deployment.md says what one made with NAT_GATEWAYS=1 must do.
        subnets.add(SubnetConfiguration.builder().name(DATABASE_SUBNETS).subnetType(SubnetType.PRIVATE_ISOLATED)
                .cidrMask(24).build());
        subnets.add(SubnetConfiguration.builder().name("app").subnetType(SubnetType.PRIVATE_WITH_EGRESS)
                .reserved(settings.natGateways() == 0).cidrMask(24).build());
        vpc = Vpc.Builder.create(this, "Vpc")
                .maxAzs(2)
                .natGateways(settings.natGateways())
                .subnetConfiguration(subnets)
                .build();
        // rejected connections only (AwsSolutions-VPC7): what a too-tight or a probed security group
        // drops, at a fraction of the cost of all traffic; kept a month
        vpc.addFlowLog("RejectedFlows", FlowLogOptions.builder().trafficType(FlowLogTrafficType.REJECT)
                .destination(FlowLogDestination.toCloudWatchLogs(LogGroup.Builder.create(this, "FlowLogs")
                        .retention(RetentionDays.ONE_MONTH).removalPolicy(RemovalPolicy.DESTROY).build()))
                .build());
        vpc.addGatewayEndpoint("S3", GatewayVpcEndpointOptions.builder()
                .service(GatewayVpcEndpointAwsService.S3).build());
        tasksNeedPublicIp = settings.natGateways() == 0;
        taskSubnets = SubnetSelection.builder()
                .subnetType(tasksNeedPublicIp ? SubnetType.PUBLIC : SubnetType.PRIVATE_WITH_EGRESS).build();

        loadBalancer = SecurityGroup.Builder.create(this, "LoadBalancerSecurityGroup").vpc(vpc)
                .description("Load balancer: HTTP and HTTPS from the internet").allowAllOutbound(false).build();
        // the whole internet, or only the ranges ALLOWED_CIDRS names (the contract's administrator
        // password is public: a private registry admits only its users' networks)
        List<IPeer> clients = settings.allowedCidrs().isEmpty() ? List.of(Peer.anyIpv4())
                : settings.allowedCidrs().stream().map(Peer::ipv4).toList();
        for (IPeer client : clients) {
            String from = settings.allowedCidrs().isEmpty() ? "anywhere" : client.getUniqueId();
            loadBalancer.addIngressRule(client, Port.tcp(80), "HTTP from " + from);
            if (settings.https()) {
                loadBalancer.addIngressRule(client, Port.tcp(443), "HTTPS from " + from);
            }
        }
        if (settings.allowedCidrs().isEmpty()) {
            Nag.suppress(loadBalancer, "AwsSolutions-EC23", "the registry is a public API: its clients and the"
                    + " contract's grader come from anywhere, on 80 and 443 only; ALLOWED_CIDRS narrows it");
        }
        tasks = SecurityGroup.Builder.create(this, "TaskSecurityGroup").vpc(vpc)
                // outbound stays open: ingest fetches from Hugging Face, GitHub and other hosts
                .description("Registry tasks: the API port from the load balancer only").allowAllOutbound(true).build();
        tasks.addIngressRule(loadBalancer, Port.tcp(APP_PORT), "API from the load balancer");
        loadBalancer.addEgressRule(tasks, Port.tcp(APP_PORT), "to the registry tasks");
        database = SecurityGroup.Builder.create(this, "DatabaseSecurityGroup").vpc(vpc)
                .description("PostgreSQL: from the registry tasks only").allowAllOutbound(false).build();
        database.addIngressRule(tasks, Port.tcp(DATABASE_PORT), "PostgreSQL from the registry tasks");
    }
}
