package io.trustregistry.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.applicationautoscaling.EnableScalingProps;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.certificatemanager.CertificateValidation;
import software.amazon.awscdk.services.ecr.IRepository;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.CapacityProviderStrategy;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.CpuArchitecture;
import software.amazon.awscdk.services.ecs.CpuUtilizationScalingProps;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.HealthCheck;
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.ecs.OperatingSystemFamily;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.ecs.RequestCountScalingProps;
import software.amazon.awscdk.services.ecs.RuntimePlatform;
import software.amazon.awscdk.services.ecs.ScalableTaskCount;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.elasticloadbalancingv2.AddApplicationActionProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.AddApplicationTargetsProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationListener;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.BaseApplicationListenerProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.FixedResponseOptions;
import software.amazon.awscdk.services.elasticloadbalancingv2.IListenerCertificate;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerAction;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCertificate;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCondition;
import software.amazon.awscdk.services.elasticloadbalancingv2.RedirectOptions;
import software.amazon.awscdk.services.elasticloadbalancingv2.SslPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.route53.ARecord;
import software.amazon.awscdk.services.route53.HostedZone;
import software.amazon.awscdk.services.route53.HostedZoneAttributes;
import software.amazon.awscdk.services.route53.IHostedZone;
import software.amazon.awscdk.services.route53.RecordTarget;
import software.amazon.awscdk.services.route53.targets.LoadBalancerTarget;
import software.amazon.awscdk.services.wafv2.CfnWebACL;
import software.amazon.awscdk.services.wafv2.CfnWebACLAssociation;
import software.constructs.Construct;

/**
 * The registry itself: an ECS cluster running the image on Fargate behind an Application Load
 * Balancer. Configuration reaches the container only as environment variables, the database
 * password and the token key only as Secrets Manager references resolved by ECS at start.
 * Deployments roll (a new task must pass its health checks before an old one stops) and the
 * circuit breaker rolls a failing deployment back by itself. Autoscaling follows CPU and the
 * request count per task.
 */
final class ApiService extends Construct {

    static final String CONTAINER_NAME = "registry";
    static final int CPU_TARGET_PERCENT = 60;
    static final int REQUESTS_PER_TASK_TARGET = 1000;

    final Cluster cluster;
    final FargateTaskDefinition taskDefinition;
    final FargateService service;
    final ApplicationLoadBalancer loadBalancer;
    final ApplicationTargetGroup targetGroup;
    final LogGroup logs;
    final String url;

    ApiService(Construct scope, String id, DeploymentSettings settings, Network network, DataStores stores,
               IRepository repository, String region) {
        super(scope, id);
        logs = LogGroup.Builder.create(this, "Logs")
                .logGroupName(settings.logGroupName())
                .retention(RetentionDays.ONE_MONTH)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        cluster = Cluster.Builder.create(this, "Cluster").vpc(network.vpc).clusterName(settings.name()).build();
        if (settings.fargateSpot()) {
            cluster.enableFargateCapacityProviders();
        }
        taskDefinition = FargateTaskDefinition.Builder.create(this, "Task")
                .family(settings.name())
                .cpu(settings.taskCpu())
                .memoryLimitMiB(settings.taskMemoryMib())
                .runtimePlatform(RuntimePlatform.builder()
                        .cpuArchitecture(CpuArchitecture.X86_64)
                        .operatingSystemFamily(OperatingSystemFamily.LINUX).build())
                .build();
        taskDefinition.addContainer(CONTAINER_NAME, ContainerDefinitionOptions.builder()
                .image(ContainerImage.fromEcrRepository(repository, settings.imageTag()))
                .essential(true)
                .environment(environment(settings, stores, region))
                .secrets(Map.of(
                        "REGISTRY_DB_PASSWORD", Secret.fromSecretsManager(Objects.requireNonNull(
                                stores.database.getSecret(), "a generated database secret"), "password"),
                        "REGISTRY_JWT_SECRET", Secret.fromSecretsManager(stores.jwtSecret)))
                .portMappings(List.of(PortMapping.builder().containerPort(Network.APP_PORT).build()))
                .logging(LogDriver.awsLogs(AwsLogDriverProps.builder()
                        .logGroup(logs).streamPrefix(CONTAINER_NAME).build()))
                .healthCheck(HealthCheck.builder()
                        // the image's own check (scripts/healthcheck.sh): no JVM start per check
                        .command(List.of("CMD", "bash", "/app/healthcheck.sh"))
                        .interval(Duration.seconds(30))
                        .timeout(Duration.seconds(5))
                        .retries(3)
                        .startPeriod(Duration.seconds(60))
                        .build())
                .build());
        grantArtifactAccess(stores);
        Nag.suppress(cluster, "AwsSolutions-ECS4", "Container Insights would bill custom metrics per task; the"
                + " registry's own EMF figures, the ECS and ALB metrics and the dashboard cover what it shows");
        Nag.suppress(taskDefinition, "AwsSolutions-ECS2", "the environment holds only non-secret settings (names,"
                + " endpoints, intervals); the database password and the JWT key come from Secrets Manager");
        Nag.suppress(taskDefinition, "AwsSolutions-IAM5", "the task role may read and write objects of the artifact"
                + " bucket only (bucket/*: blobs are named by their digest); the execution role's log-stream and"
                + " ECR wildcards are the ones ECS needs, as CDK grants them");

        FargateService.Builder serviceBuilder = FargateService.Builder.create(this, "Service")
                .serviceName(settings.name())
                .cluster(cluster)
                .taskDefinition(taskDefinition)
                // no DesiredCount: autoscaling owns it (its minimum is DESIRED_TASKS), and a count in the
                // template would scale a scaled-out service back on every deploy; CloudFormation
                // starts a new service with one task, and the scaling target raises it to the minimum
                .minHealthyPercent(100)
                .maxHealthyPercent(200)
                .circuitBreaker(DeploymentCircuitBreaker.builder().enable(true).rollback(true).build())
                .healthCheckGracePeriod(Duration.seconds(90))
                .assignPublicIp(network.tasksNeedPublicIp)
                .vpcSubnets(network.taskSubnets)
                .securityGroups(List.of(network.tasks));
        if (settings.fargateSpot()) {
            serviceBuilder.capacityProviderStrategies(List.of(
                    CapacityProviderStrategy.builder().capacityProvider("FARGATE_SPOT").weight(4).build(),
                    // one on-demand task keeps the registry up when Spot capacity is reclaimed
                    CapacityProviderStrategy.builder().capacityProvider("FARGATE").base(1).weight(1).build()));
        }
        service = serviceBuilder.build();

        loadBalancer = ApplicationLoadBalancer.Builder.create(this, "LoadBalancer")
                .vpc(network.vpc)
                .internetFacing(true)
                .securityGroup(network.loadBalancer)
                // registration streams large files from upstream before answering
                .idleTimeout(Duration.seconds(300))
                .build();
        if (settings.authRateLimit() > 0) {
            limitSignIns(settings);
        }
        Nag.suppress(loadBalancer, "AwsSolutions-ELB2", "the registry writes an access log line per request"
                + " (request id, route, status, latency, user) to CloudWatch; ALB logs would add a bucket for the same");
        ApplicationListener listener;
        if (settings.https()) {
            String domain = settings.domainName().orElseThrow();
            Optional<IHostedZone> zone = settings.hostedZoneId().map(zoneId -> HostedZone.fromHostedZoneAttributes(this,
                    "Zone", HostedZoneAttributes.builder().hostedZoneId(zoneId).zoneName(parentOf(domain)).build()));
            IListenerCertificate certificate = settings.certificateArn().<IListenerCertificate>map(
                    ListenerCertificate::fromArn).orElseGet(() -> ListenerCertificate.fromCertificateManager(
                    Certificate.Builder.create(this, "Certificate").domainName(domain)
                            .validation(CertificateValidation.fromDns(zone.orElseThrow())).build()));
            listener = loadBalancer.addListener("Https", BaseApplicationListenerProps.builder()
                    .port(443).protocol(ApplicationProtocol.HTTPS).open(false)
                    .certificates(List.of(certificate))
                    .sslPolicy(SslPolicy.RECOMMENDED_TLS)
                    .build());
            loadBalancer.addListener("Http", BaseApplicationListenerProps.builder()
                    .port(80).protocol(ApplicationProtocol.HTTP).open(false)
                    .defaultAction(ListenerAction.redirect(RedirectOptions.builder()
                            .protocol("HTTPS").port("443").permanent(true).build()))
                    .build());
            zone.ifPresent(z -> ARecord.Builder.create(this, "Alias").zone(z).recordName(domain + ".")
                    .target(RecordTarget.fromAlias(new LoadBalancerTarget(loadBalancer))).build());
            url = settings.publicUrl().orElseThrow();
        } else {
            listener = loadBalancer.addListener("Http", BaseApplicationListenerProps.builder()
                    .port(80).protocol(ApplicationProtocol.HTTP).open(false).build());
            url = "http://" + loadBalancer.getLoadBalancerDnsName();
        }
        targetGroup = listener.addTargets("Registry", AddApplicationTargetsProps.builder()
                .port(Network.APP_PORT)
                .protocol(ApplicationProtocol.HTTP)
                .targets(List.of(service.loadBalancerTarget(
                        software.amazon.awscdk.services.ecs.LoadBalancerTargetOptions.builder()
                                .containerName(CONTAINER_NAME).containerPort(Network.APP_PORT).build())))
                .healthCheck(software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck.builder()
                        .path("/health")
                        .healthyHttpCodes("200")
                        .interval(Duration.seconds(15))
                        .timeout(Duration.seconds(5))
                        .healthyThresholdCount(2)
                        .unhealthyThresholdCount(3)
                        .build())
                .deregistrationDelay(Duration.seconds(30))
                .build());

        // Prometheus scraping is for private networks; on AWS the figures go to CloudWatch as EMF
        listener.addAction("HideMetrics", AddApplicationActionProps.builder()
                .priority(10)
                .conditions(List.of(ListenerCondition.pathPatterns(List.of("/metrics"))))
                .action(ListenerAction.fixedResponse(404, FixedResponseOptions.builder()
                        .contentType("application/json")
                        .messageBody("{\"status\":404,\"error\":\"Not Found\",\"message\":\"not served publicly\"}")
                        .build()))
                .build());

        ScalableTaskCount scaling = service.autoScaleTaskCount(EnableScalingProps.builder()
                .minCapacity(settings.desiredTasks()).maxCapacity(settings.maxTasks()).build());
        scaling.scaleOnCpuUtilization("Cpu", CpuUtilizationScalingProps.builder()
                .targetUtilizationPercent(CPU_TARGET_PERCENT)
                .scaleInCooldown(Duration.minutes(5)).scaleOutCooldown(Duration.minutes(1)).build());
        scaling.scaleOnRequestCount("Requests", RequestCountScalingProps.builder()
                .requestsPerTarget(REQUESTS_PER_TASK_TARGET).targetGroup(targetGroup)
                .scaleInCooldown(Duration.minutes(5)).scaleOutCooldown(Duration.minutes(1)).build());
    }

    /**
     * Exactly what the S3 blob store calls, on the artifact bucket only: no bucket
     * configuration, no ACLs, no object lock, nothing elsewhere.
     */
    private void grantArtifactAccess(DataStores stores) {
        taskDefinition.addToTaskRolePolicy(PolicyStatement.Builder.create()
                .sid("ArtifactBucket")
                .actions(List.of("s3:ListBucket", "s3:ListBucketMultipartUploads"))
                .resources(List.of(stores.artifacts.getBucketArn()))
                .build());
        taskDefinition.addToTaskRolePolicy(PolicyStatement.Builder.create()
                .sid("ArtifactObjects")
                .actions(List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload",
                        "s3:ListMultipartUploadParts"))
                .resources(List.of(stores.artifacts.arnForObjects("*")))
                .build());
    }

    /**
     * An AWS WAF web ACL on the load balancer that blocks, for 5 minutes, an address sending more
     * than {@code AUTH_RATE_LIMIT} requests to {@code /authenticate} in 5 minutes: a guessing
     * attack on passwords stops at the edge (the registry's own throttle, REGISTRY_LOGIN_MAX_FAILURES,
     * stays behind it).
     */
    private void limitSignIns(DeploymentSettings settings) {
        CfnWebACL acl = CfnWebACL.Builder.create(this, "SignInLimit")
                .name(settings.name() + "-sign-in-limit")
                .scope("REGIONAL")
                .defaultAction(CfnWebACL.DefaultActionProperty.builder()
                        .allow(CfnWebACL.AllowActionProperty.builder().build()).build())
                .visibilityConfig(visibility(settings.name() + "-web-acl"))
                .rules(List.of(CfnWebACL.RuleProperty.builder()
                        .name("authenticate-rate").priority(0)
                        .action(CfnWebACL.RuleActionProperty.builder()
                                .block(CfnWebACL.BlockActionProperty.builder().build()).build())
                        .statement(CfnWebACL.StatementProperty.builder()
                                .rateBasedStatement(CfnWebACL.RateBasedStatementProperty.builder()
                                        .limit(settings.authRateLimit()).aggregateKeyType("IP")
                                        .scopeDownStatement(CfnWebACL.StatementProperty.builder()
                                                .byteMatchStatement(CfnWebACL.ByteMatchStatementProperty.builder()
                                                        .searchString("/authenticate")
                                                        .positionalConstraint("STARTS_WITH")
                                                        .fieldToMatch(CfnWebACL.FieldToMatchProperty.builder()
                                                                .uriPath(Map.of()).build())
                                                        .textTransformations(List.of(
                                                                CfnWebACL.TextTransformationProperty.builder()
                                                                        .priority(0).type("NONE").build()))
                                                        .build())
                                                .build())
                                        .build())
                                .build())
                        .visibilityConfig(visibility(settings.name() + "-authenticate-rate"))
                        .build()))
                .build();
        CfnWebACLAssociation.Builder.create(this, "SignInLimitAssociation")
                .resourceArn(loadBalancer.getLoadBalancerArn()).webAclArn(acl.getAttrArn()).build();
    }

    private static CfnWebACL.VisibilityConfigProperty visibility(String metric) {
        return CfnWebACL.VisibilityConfigProperty.builder().metricName(metric)
                .cloudWatchMetricsEnabled(true).sampledRequestsEnabled(true).build();
    }

    /** The zone a name is created in: its parent ({@code registry.example.com} in {@code example.com}). */
    static String parentOf(String domain) {
        return domain.substring(domain.indexOf('.') + 1);
    }

    /** Resident memory of one monitor run in a task (Node.js itself needs about 45 MiB). */
    static final long MONITOR_MEMORY_BYTES = 96L * 1024 * 1024;

    private Map<String, String> environment(DeploymentSettings settings, DataStores stores, String region) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PORT", Integer.toString(Network.APP_PORT));
        env.put("REGISTRY_CATALOG", "postgres");
        // the links the registry writes (download_url, Location) name the public domain, not the balancer
        settings.publicUrl().ifPresent(publicUrl -> env.put("REGISTRY_PUBLIC_URL", publicUrl));
        env.put("REGISTRY_BLOBS", "s3");
        env.put("REGISTRY_DB_URL", "jdbc:postgresql://" + stores.database.getDbInstanceEndpointAddress() + ":"
                + stores.database.getDbInstanceEndpointPort() + "/" + DataStores.DATABASE_NAME + "?sslmode=require");
        env.put("REGISTRY_DB_USER", DataStores.DATABASE_USER);
        env.put("REGISTRY_DB_POOL_SIZE", Integer.toString(DeploymentSettings.POOL_SIZE_PER_TASK));
        env.put("REGISTRY_S3_BUCKET", stores.artifacts.getBucketName());
        env.put("REGISTRY_S3_REGION", region);
        env.put("REGISTRY_DOWNLOAD_REDIRECT", "true");
        env.put("REGISTRY_EMF_INTERVAL", "PT60S");
        // the metrics' Service dimension: each deployment's alarms and dashboard read only its own
        env.put("REGISTRY_EMF_SERVICE", settings.name());
        // monitor programs of sensitive models run beside the JVM, under the image's Node.js (/opt/node):
        // one at a time, small enough to fit the task's memory next to the heap
        env.put("REGISTRY_MONITOR_CONCURRENCY", "1");
        env.put("REGISTRY_MONITOR_MEMORY_BYTES", Long.toString(MONITOR_MEMORY_BYTES));
        settings.monitorAllowedHosts().ifPresent(hosts -> env.put("REGISTRY_MONITOR_ALLOWED_HOSTS", hosts));
        // Fargate cannot make the namespaces of the default sandbox, so monitors answer 503 there unless
        // the operator accepts the weaker isolation (MONITOR_ISOLATION=permission-model; docs/aws-deployment.md)
        settings.monitorIsolation().ifPresent(isolation -> env.put("REGISTRY_MONITOR_ISOLATION", isolation));
        // heap within the task's memory, leaving room for metaspace, threads and buffers
        env.put("JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=60 -XX:+ExitOnOutOfMemoryError");
        return env;
    }
}
