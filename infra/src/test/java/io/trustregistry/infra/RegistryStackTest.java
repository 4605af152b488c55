package io.trustregistry.infra;

import static io.trustregistry.infra.Synth.list;
import static io.trustregistry.infra.Synth.map;
import static io.trustregistry.infra.Synth.properties;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import software.amazon.awscdk.assertions.Match;

/**
 * The synthesised stack with default settings, checked item by item against what the
 * deployment must provide: every resource, its security settings, and the scope of every IAM
 * policy. Runs offline: synthesis needs only the JDK and Node.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistryStackTest {

    private Synth.Templates t;

    @BeforeAll
    void synthesise() {
        t = Synth.of(Map.of());
    }

    @Test
    void theRepositoryScansEveryPushAndNeverRetagsAnImage() {
        t.repository().hasResourceProperties("AWS::ECR::Repository", Match.objectLike(Map.of(
                "RepositoryName", "trust-registry",
                "ImageScanningConfiguration", Map.of("ScanOnPush", true),
                "ImageTagMutability", "IMMUTABLE",
                "LifecyclePolicy", Match.objectLike(Map.of("LifecyclePolicyText", Match.stringLikeRegexp(
                        ".*\"countNumber\":20.*"))))));
        t.repository().hasOutput("RepositoryUri", Match.anyValue());
    }

    @Test
    void theTaskRunsTheTaggedImageWithLogsSecretsAndAHealthCheck() {
        Map<String, Object> task = t.only("AWS::ECS::TaskDefinition");
        assertEquals("256", task.get("Cpu"));
        assertEquals("512", task.get("Memory"));
        assertEquals(List.of("FARGATE"), task.get("RequiresCompatibilities"));
        Map<String, Object> container = map(list(task.get("ContainerDefinitions")).get(0));
        assertTrue(String.valueOf(container.get("Image")).contains("/trust-registry:0123abc"), container.toString());

        Map<String, Object> logging = map(container.get("LogConfiguration"));
        assertEquals("awslogs", logging.get("LogDriver"));
        assertEquals(Map.of("Ref", taskLogGroup()), map(logging.get("Options")).get("awslogs-group"));

        Map<String, Object> environment = new HashMap<>();
        list(container.get("Environment")).forEach(e -> environment.put(String.valueOf(map(e).get("Name")),
                map(e).get("Value")));
        assertEquals("postgres", environment.get("REGISTRY_CATALOG"));
        assertEquals("s3", environment.get("REGISTRY_BLOBS"));
        assertEquals(Map.of("Ref", logicalId("AWS::S3::Bucket")), environment.get("REGISTRY_S3_BUCKET"));
        assertTrue(String.valueOf(environment.get("REGISTRY_DB_URL")).contains("Endpoint.Address"));
        assertEquals("PT60S", environment.get("REGISTRY_EMF_INTERVAL"));
        // monitors run one at a time within the task's memory; no host is reachable unless configured
        assertEquals("1", environment.get("REGISTRY_MONITOR_CONCURRENCY"));
        assertEquals(Long.toString(96L << 20), environment.get("REGISTRY_MONITOR_MEMORY_BYTES"));
        assertFalse(environment.containsKey("REGISTRY_MONITOR_ALLOWED_HOSTS"));
        // secrets never travel as plain environment values
        assertFalse(environment.containsKey("REGISTRY_DB_PASSWORD"));
        assertFalse(environment.containsKey("REGISTRY_JWT_SECRET"));
        Map<String, String> secrets = new HashMap<>();
        list(container.get("Secrets")).forEach(s -> secrets.put(String.valueOf(map(s).get("Name")),
                String.valueOf(map(s).get("ValueFrom"))));
        assertEquals(Set.of("REGISTRY_DB_PASSWORD", "REGISTRY_JWT_SECRET"), secrets.keySet());
        assertTrue(secrets.get("REGISTRY_DB_PASSWORD").contains(":password::"));
        assertTrue(secrets.get("REGISTRY_JWT_SECRET").contains(logicalIdContaining("AWS::SecretsManager::Secret", "Jwt")));

        Map<String, Object> health = map(container.get("HealthCheck"));
        assertEquals(List.of("CMD", "bash", "/app/healthcheck.sh"), list(health.get("Command")),
                "the image's light check, never a JVM started every 30 s");
        assertEquals(List.of(Map.of("ContainerPort", 8080, "Protocol", "tcp")), container.get("PortMappings"));
    }

    @Test
    void theServiceRollsForwardSafelyAndRollsBackByItself() {
        t.registry().hasResourceProperties("AWS::ECS::Service", Match.objectLike(Map.of(
                "LaunchType", "FARGATE",
                "DesiredCount", Match.absent(),
                "DeploymentConfiguration", Match.objectLike(Map.of(
                        "DeploymentCircuitBreaker", Map.of("Enable", true, "Rollback", true),
                        "MinimumHealthyPercent", 100,
                        "MaximumPercent", 200)),
                "LoadBalancers", List.of(Match.objectLike(Map.of("ContainerName", "registry", "ContainerPort", 8080))))));
    }

    @Test
    void autoscalingFollowsCpuAndRequestsPerTask() {
        t.registry().hasResourceProperties("AWS::ApplicationAutoScaling::ScalableTarget", Match.objectLike(Map.of(
                "MinCapacity", 1, "MaxCapacity", 4, "ScalableDimension", "ecs:service:DesiredCount")));
        Set<String> metrics = new TreeSet<>();
        for (Map<String, Object> policy : t.resources("AWS::ApplicationAutoScaling::ScalingPolicy").values()) {
            Map<String, Object> config = map(properties(policy).get("TargetTrackingScalingPolicyConfiguration"));
            metrics.add(String.valueOf(map(config.get("PredefinedMetricSpecification")).get("PredefinedMetricType")));
        }
        assertEquals(Set.of("ALBRequestCountPerTarget", "ECSServiceAverageCPUUtilization"), metrics);
    }

    @Test
    void theDatabaseIsPrivateEncryptedAndBackedUp() {
        Map<String, Object> db = t.only("AWS::RDS::DBInstance");
        assertEquals("postgres", db.get("Engine"));
        assertEquals(true, db.get("StorageEncrypted"));
        assertEquals(false, db.get("PubliclyAccessible"));
        assertEquals(7, db.get("BackupRetentionPeriod"));
        assertTrue(String.valueOf(db.get("MasterUserPassword")).contains("resolve:secretsmanager"),
                "the password comes from Secrets Manager, not the template");
        t.registry().hasResource("AWS::RDS::DBInstance", Match.objectLike(Map.of("DeletionPolicy", "Snapshot")));
        // its subnets are the isolated ones: no route to the internet at all
        List<Object> subnets = list(t.only("AWS::RDS::DBSubnetGroup").get("SubnetIds"));
        assertEquals(2, subnets.size());
        for (Object subnet : subnets) {
            String id = String.valueOf(map(subnet).get("Ref"));
            assertEquals("Isolated", tag(properties(t.resources("AWS::EC2::Subnet").get(id)), "aws-cdk:subnet-type"));
            assertTrue(routesOf(id).isEmpty(), "isolated subnet " + id + " has routes " + routesOf(id));
        }
    }

    @Test
    void theBucketIsVersionedEncryptedPrivateAndTiered() {
        Map<String, Object> bucket = t.only("AWS::S3::Bucket");
        assertEquals(Map.of("Status", "Enabled"), bucket.get("VersioningConfiguration"));
        assertEquals("AES256", map(map(list(map(bucket.get("BucketEncryption")).get("ServerSideEncryptionConfiguration"))
                .get(0)).get("ServerSideEncryptionByDefault")).get("SSEAlgorithm"));
        assertEquals(Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true, "IgnorePublicAcls", true,
                "RestrictPublicBuckets", true), bucket.get("PublicAccessBlockConfiguration"));
        Map<String, Object> rule = map(list(map(bucket.get("LifecycleConfiguration")).get("Rules")).get(0));
        assertEquals(List.of(Map.of("StorageClass", "STANDARD_IA", "TransitionInDays", 30),
                Map.of("StorageClass", "GLACIER_IR", "TransitionInDays", 90)), rule.get("Transitions"));
        assertEquals(Map.of("DaysAfterInitiation", 7), rule.get("AbortIncompleteMultipartUpload"));
        // plain-HTTP access is denied by the bucket policy
        Object denyPlainHttp = Match.objectLike(Map.of("Effect", "Deny",
                "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false"))));
        Object document = Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(denyPlainHttp))));
        t.registry().hasResourceProperties("AWS::S3::BucketPolicy",
                Match.objectLike(Map.of("PolicyDocument", document)));
    }

    @Test
    void theLoadBalancerServesHttpAndChecksHealthOnSlashHealth() {
        t.registry().hasResourceProperties("AWS::ElasticLoadBalancingV2::LoadBalancer",
                Match.objectLike(Map.of("Scheme", "internet-facing", "Type", "application")));
        Map<String, Object> listener = t.only("AWS::ElasticLoadBalancingV2::Listener");
        assertEquals(80, listener.get("Port"));
        assertEquals("HTTP", listener.get("Protocol"));
        assertEquals("forward", map(list(listener.get("DefaultActions")).get(0)).get("Type"));
        Map<String, Object> group = t.only("AWS::ElasticLoadBalancingV2::TargetGroup");
        assertEquals("/health", group.get("HealthCheckPath"));
        assertEquals(Map.of("HttpCode", "200"), group.get("Matcher"));
        assertEquals(8080, group.get("Port"));
        assertEquals("ip", group.get("TargetType"));
    }

    @Test
    void theMetricsEndpointIsNotServedToTheInternet() {
        Map<String, Object> rule = t.only("AWS::ElasticLoadBalancingV2::ListenerRule");
        assertEquals(List.of(Map.of("Field", "path-pattern", "PathPatternConfig", Map.of("Values", List.of("/metrics")))),
                rule.get("Conditions"));
        Map<String, Object> action = map(list(rule.get("Actions")).get(0));
        assertEquals("fixed-response", action.get("Type"));
        assertEquals("404", map(action.get("FixedResponseConfig")).get("StatusCode"));
    }

    @Test
    void trafficFlowsInternetToLoadBalancerToTasksToDatabaseOnly() {
        String lb = logicalIdContaining("AWS::EC2::SecurityGroup", "LoadBalancer");
        String tasks = logicalIdContaining("AWS::EC2::SecurityGroup", "Task");
        String db = logicalIdContaining("AWS::EC2::SecurityGroup", "Database");
        List<String> ingress = new ArrayList<>();
        for (var entry : t.resources("AWS::EC2::SecurityGroup").entrySet()) {
            Object inline = properties(entry.getValue()).get("SecurityGroupIngress");
            if (inline != null) {
                for (Object rule : list(inline)) {
                    ingress.add(entry.getKey() + " <- " + map(rule).get("CidrIp") + ":" + map(rule).get("FromPort"));
                }
            }
        }
        for (Map<String, Object> rule : t.resources("AWS::EC2::SecurityGroupIngress").values()) {
            Map<String, Object> p = properties(rule);
            ingress.add(groupOf(p.get("GroupId")) + " <- " + groupOf(p.get("SourceSecurityGroupId")) + ":"
                    + p.get("FromPort"));
        }
        assertEquals(new TreeSet<>(List.of(lb + " <- 0.0.0.0/0:80", tasks + " <- " + lb + ":8080",
                db + " <- " + tasks + ":5432")), new TreeSet<>(ingress));
        // the database group may not open connections anywhere
        assertTrue(String.valueOf(properties(t.resources("AWS::EC2::SecurityGroup").get(db))
                .get("SecurityGroupEgress")).contains("Disallow all traffic"));
    }

    @Test
    void theTaskRoleReachesOnlyItsBucket() {
        String bucket = logicalId("AWS::S3::Bucket");
        List<Map<String, Object>> statements = statementsOfRole("TaskRole");
        assertFalse(statements.isEmpty());
        Set<String> actions = new TreeSet<>();
        for (Map<String, Object> statement : statements) {
            assertEquals("Allow", statement.get("Effect"));
            for (Object resource : asList(statement.get("Resource"))) {
                String text = String.valueOf(resource);
                assertTrue(text.contains(bucket) && !text.equals("*"), "task role reaches " + text);
            }
            asList(statement.get("Action")).forEach(a -> actions.add(String.valueOf(a)));
        }
        assertEquals(new TreeSet<>(List.of("s3:AbortMultipartUpload", "s3:DeleteObject", "s3:GetObject",
                "s3:ListBucket", "s3:ListBucketMultipartUploads", "s3:ListMultipartUploadParts", "s3:PutObject")),
                actions);
        assertTrue(actions.stream().noneMatch(a -> a.contains("*")), "wildcard action in " + actions);
    }

    @Test
    void theExecutionRoleReadsOnlyItsImageLogsAndSecrets() {
        List<Map<String, Object>> statements = statementsOfRole("ExecutionRole");
        String jwt = logicalIdContaining("AWS::SecretsManager::Secret", "Jwt");
        for (Map<String, Object> statement : statements) {
            List<Object> actions = asList(statement.get("Action"));
            String resources = String.valueOf(statement.get("Resource"));
            if (actions.equals(List.of("ecr:GetAuthorizationToken"))) {
                // the one action AWS offers only account-wide
                assertEquals("*", resources);
            } else if (actions.get(0).toString().startsWith("ecr:")) {
                assertTrue(resources.contains(":repository/trust-registry"), resources);
            } else if (actions.get(0).toString().startsWith("logs:")) {
                assertTrue(resources.contains(taskLogGroup()), resources);
            } else if (actions.get(0).toString().startsWith("secretsmanager:")) {
                assertTrue(resources.contains(jwt) || resources.contains("DatabaseSecretAttachment"), resources);
                assertEquals(Set.of("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"),
                        Set.copyOf(actions.stream().map(String::valueOf).toList()));
            } else {
                throw new AssertionError("unexpected statement " + statement);
            }
            assertFalse(resources.equals("*") && !actions.equals(List.of("ecr:GetAuthorizationToken")));
        }
    }

    @Test
    void logsAreKeptAMonth() {
        t.registry().hasResourceProperties("AWS::Logs::LogGroup",
                Map.of("LogGroupName", "/ecs/trust-registry", "RetentionInDays", 30));
    }

    @Test
    void alarmsCoverCpuErrorsLatencyAndConnectionsAndNotifyTheOperator() {
        Map<String, Map<String, Object>> alarms = t.resources("AWS::CloudWatch::Alarm");
        Map<String, Map<String, Object>> byName = new HashMap<>();
        alarms.forEach((id, alarm) -> byName.put(id.replaceAll("^Monitoring|[0-9A-F]{8}$", ""), properties(alarm)));
        assertEquals(Set.of("HighCpu", "HighServerErrorRate", "HighP99Latency", "HighDatabaseConnections",
                "UnhealthyTargets", "LowDatabaseStorage"), byName.keySet());
        assertEquals("CPUUtilization", byName.get("HighCpu").get("MetricName"));
        assertEquals("AWS/ECS", byName.get("HighCpu").get("Namespace"));
        assertEquals("p99", byName.get("HighP99Latency").get("ExtendedStatistic"));
        assertEquals("TargetResponseTime", byName.get("HighP99Latency").get("MetricName"));
        assertEquals("DatabaseConnections", byName.get("HighDatabaseConnections").get("MetricName"));
        String errorMath = String.valueOf(byName.get("HighServerErrorRate").get("Metrics"));
        assertTrue(errorMath.contains("HTTPCode_Target_5XX_Count") && errorMath.contains("HTTPCode_ELB_5XX_Count")
                && errorMath.contains("RequestCount"), errorMath);
        String topic = logicalId("AWS::SNS::Topic");
        byName.forEach((name, alarm) -> assertEquals(List.of(Map.of("Ref", topic)), alarm.get("AlarmActions"), name));
        t.registry().hasResourceProperties("AWS::SNS::Subscription",
                Map.of("Protocol", "email", "Endpoint", "ops@example.com", "TopicArn", Map.of("Ref", topic)));
    }

    @Test
    void theDashboardShowsServiceLoadBalancerDatabaseAndTheRegistrysOwnMetrics() {
        String body = String.valueOf(t.only("AWS::CloudWatch::Dashboard").get("DashboardBody"));
        for (String metric : List.of("CPUUtilization", "MemoryUtilization", "RequestCount", "TargetResponseTime",
                "DatabaseConnections", "HealthyHostCount", "BucketSizeBytes", "TrustRegistry", "LatencyP99")) {
            assertTrue(body.contains(metric), metric + " missing from the dashboard");
        }
    }

    @Test
    void aMonthlyBudgetAlertsBeforeTheMoneyIsSpent() {
        Map<String, Object> budget = t.only("AWS::Budgets::Budget");
        Map<String, Object> data = map(budget.get("Budget"));
        assertEquals("COST", data.get("BudgetType"));
        assertEquals("MONTHLY", data.get("TimeUnit"));
        assertEquals(Map.of("Amount", 50, "Unit", "USD"), data.get("BudgetLimit"));
        List<String> notifications = new ArrayList<>();
        for (Object n : list(budget.get("NotificationsWithSubscribers"))) {
            Map<String, Object> notification = map(map(n).get("Notification"));
            notifications.add(notification.get("NotificationType") + "@" + notification.get("Threshold"));
            assertEquals(List.of(Map.of("Address", "ops@example.com", "SubscriptionType", "EMAIL")),
                    map(n).get("Subscribers"));
        }
        assertEquals(List.of("ACTUAL@80", "FORECASTED@100"), notifications);
    }

    @Test
    void theOutputsNameWhatTheDeployScriptNeeds() {
        for (String output : List.of("ServiceUrl", "ClusterName", "ServiceName", "BucketName", "LogGroup",
                "Dashboard", "DatabaseInstance")) {
            t.registry().hasOutput(output, Match.anyValue());
        }
    }

    /** The tasks' log group (the VPC's flow log has one too). */
    private String taskLogGroup() {
        List<String> ids = t.resources("AWS::Logs::LogGroup").keySet().stream().filter(id -> id.startsWith("ApiLogs"))
                .toList();
        assertEquals(1, ids.size(), ids.toString());
        return ids.get(0);
    }

    @Test
    void theVpcLogsTheConnectionsItRejectsForAMonth() {
        Map<String, Object> flowLog = t.only("AWS::EC2::FlowLog");
        assertEquals("REJECT", flowLog.get("TrafficType"));
        assertEquals("VPC", flowLog.get("ResourceType"));
        String group = String.valueOf(map(flowLog.get("LogGroupName")).get("Ref"));
        assertEquals(30, properties(t.resources("AWS::Logs::LogGroup").get(group)).get("RetentionInDays"));
    }

    private String logicalId(String type) {
        Map<String, Map<String, Object>> found = t.resources(type);
        assertEquals(1, found.size(), type + ": " + found.keySet());
        return found.keySet().iterator().next();
    }

    private String logicalIdContaining(String type, String part) {
        return t.resources(type).keySet().stream().filter(id -> id.contains(part)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " named like " + part));
    }

    private static String groupOf(Object ref) {
        return String.valueOf(list(map(ref).get("Fn::GetAtt")).get(0));
    }

    private List<String> routesOf(String subnetId) {
        List<String> tables = new ArrayList<>();
        for (Map<String, Object> association : t.resources("AWS::EC2::SubnetRouteTableAssociation").values()) {
            if (map(properties(association).get("SubnetId")).get("Ref").equals(subnetId)) {
                tables.add(String.valueOf(map(properties(association).get("RouteTableId")).get("Ref")));
            }
        }
        List<String> routes = new ArrayList<>();
        for (var route : t.resources("AWS::EC2::Route").entrySet()) {
            if (tables.contains(String.valueOf(map(properties(route.getValue()).get("RouteTableId")).get("Ref")))) {
                routes.add(route.getKey());
            }
        }
        return routes;
    }

    private List<Map<String, Object>> statementsOfRole(String rolePart) {
        String role = logicalIdContaining("AWS::IAM::Role", rolePart);
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Map<String, Object> policy : t.resources("AWS::IAM::Policy").values()) {
            Map<String, Object> p = properties(policy);
            if (list(p.get("Roles")).contains(Map.of("Ref", role))) {
                list(map(p.get("PolicyDocument")).get("Statement")).forEach(s -> statements.add(map(s)));
            }
        }
        return statements;
    }

    private static String tag(Map<String, Object> properties, String key) {
        for (Object tag : list(properties.get("Tags"))) {
            if (key.equals(map(tag).get("Key"))) {
                return String.valueOf(map(tag).get("Value"));
            }
        }
        return null;
    }

    private static List<Object> asList(Object value) {
        return value instanceof List<?> l ? new ArrayList<>(l) : List.of(value);
    }
}
