package io.trustregistry.infra;

import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.budgets.CfnBudget;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TextWidget;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.elasticloadbalancingv2.HttpCodeElb;
import software.amazon.awscdk.services.elasticloadbalancingv2.HttpCodeTarget;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * How operators learn that something is wrong or costly: alarms on CPU, the 5xx rate, p99
 * latency, database connections, unhealthy targets and database storage, all notifying one SNS
 * topic that e-mails the operator; a dashboard of the service, load balancer, database, bucket
 * and the registry's own Embedded Metric Format figures; and a monthly cost budget.
 */
final class Monitoring extends Construct {

    /** The namespace the server's EMF lines use (see EmfReporter); their Service is the stack's name. */
    static final String EMF_NAMESPACE = "TrustRegistry";

    static final double CPU_ALARM_PERCENT = 85;
    static final double SERVER_ERROR_ALARM_PERCENT = 5;
    static final double P99_LATENCY_ALARM_SECONDS = 2;
    static final double FREE_STORAGE_ALARM_BYTES = 2.0 * 1024 * 1024 * 1024;

    final Topic alarms;
    final Dashboard dashboard;
    final List<Alarm> allAlarms;

    /** The Service dimension of this deployment's EMF metrics (REGISTRY_EMF_SERVICE). */
    private final String emfService;

    Monitoring(Construct scope, String id, DeploymentSettings settings, ApiService api, DataStores stores) {
        super(scope, id);
        emfService = settings.name();
        // publishers must use TLS (AwsSolutions-SNS3)
        alarms = Topic.Builder.create(this, "Alarms").displayName(settings.name() + " alarms").enforceSsl(true).build();
        alarms.addSubscription(new EmailSubscription(settings.alertEmail()));
        Duration minute = Duration.minutes(1);
        var lb = api.loadBalancer.getMetrics();

        Metric cpu = api.service.metricCpuUtilization(MetricOptions.builder().period(minute).build());
        Metric requests = lb.requestCount(MetricOptions.builder().period(minute).statistic("Sum").build());
        Metric target5xx = lb.httpCodeTarget(HttpCodeTarget.TARGET_5XX_COUNT,
                MetricOptions.builder().period(minute).statistic("Sum").build());
        Metric elb5xx = lb.httpCodeElb(HttpCodeElb.ELB_5XX_COUNT,
                MetricOptions.builder().period(minute).statistic("Sum").build());
        MathExpression errorRate = MathExpression.Builder.create()
                .label("5xx rate (%)")
                .expression("IF(requests > 0, 100 * (FILL(t5xx, 0) + FILL(e5xx, 0)) / requests, 0)")
                .usingMetrics(Map.<String, IMetric>of("requests", requests, "t5xx", target5xx, "e5xx", elb5xx))
                .period(minute)
                .build();
        Metric p99 = lb.targetResponseTime(MetricOptions.builder().period(minute).statistic("p99").build());
        Metric connections = stores.database.metricDatabaseConnections(
                MetricOptions.builder().period(minute).statistic("Maximum").build());
        Metric freeStorage = stores.database.metricFreeStorageSpace(
                MetricOptions.builder().period(Duration.minutes(5)).statistic("Minimum").build());
        Metric unhealthy = api.targetGroup.getMetrics().unhealthyHostCount(
                MetricOptions.builder().period(minute).statistic("Maximum").build());

        int connectionLimit = (int) Math.round(settings.maxTasks() * DeploymentSettings.POOL_SIZE_PER_TASK * 0.9);
        allAlarms = List.of(
                alarm(cpu, "HighCpu", "Service CPU above " + CPU_ALARM_PERCENT + " % for 3 of 5 minutes",
                        CPU_ALARM_PERCENT, 5, 3),
                alarm(errorRate, "HighServerErrorRate", "More than " + SERVER_ERROR_ALARM_PERCENT
                        + " % of requests answered 5xx for 3 of 5 minutes", SERVER_ERROR_ALARM_PERCENT, 5, 3),
                alarm(p99, "HighP99Latency", "p99 response time above " + P99_LATENCY_ALARM_SECONDS
                        + " s for 3 of 5 minutes", P99_LATENCY_ALARM_SECONDS, 5, 3),
                alarm(connections, "HighDatabaseConnections", "Database connections near what "
                        + settings.maxTasks() + " tasks' pools can open (" + connectionLimit + ")",
                        connectionLimit, 5, 3),
                alarm(unhealthy, "UnhealthyTargets", "A registry task fails its load balancer health check",
                        0, 3, 3),
                Alarm.Builder.create(this, "LowDatabaseStorage")
                        .alarmDescription("Less than 2 GiB of database storage left")
                        .metric(freeStorage).threshold(FREE_STORAGE_ALARM_BYTES).evaluationPeriods(1)
                        .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD)
                        .treatMissingData(TreatMissingData.NOT_BREACHING).build());
        SnsAction notify = new SnsAction(alarms);
        allAlarms.forEach(alarm -> {
            alarm.addAlarmAction(notify);
            alarm.addOkAction(notify);
        });

        dashboard = Dashboard.Builder.create(this, "Dashboard").dashboardName(settings.name()).build();
        dashboard.addWidgets(TextWidget.Builder.create()
                .markdown("# " + settings.name() + "\nAPI: " + api.url + " · alarms notify " + settings.alertEmail())
                .width(24).height(2).build());
        dashboard.addWidgets(
                graph("Requests per minute", List.of(requests)),
                graph("5xx rate (%)", List.of(errorRate)),
                graph("Response time p50 / p99 (s)", List.of(
                        lb.targetResponseTime(MetricOptions.builder().period(minute).statistic("p50").build()), p99)));
        dashboard.addWidgets(
                graph("Service CPU / memory (%)", List.of(cpu,
                        api.service.metricMemoryUtilization(MetricOptions.builder().period(minute).build()))),
                graph("Healthy / unhealthy tasks", List.of(
                        api.targetGroup.getMetrics().healthyHostCount(
                                MetricOptions.builder().period(minute).statistic("Minimum").build()), unhealthy)),
                graph("Database connections / CPU (%)", List.of(connections,
                        stores.database.metricCPUUtilization(MetricOptions.builder().period(minute).build()))));
        dashboard.addWidgets(
                graph("Registry: requests and errors (EMF)", List.of(emf("Requests", "Sum"),
                        emf("ClientErrors", "Sum"), emf("ServerErrors", "Sum"))),
                graph("Registry: latency p95 / p99 (ms, EMF)", List.of(emf("LatencyP95", "Maximum"),
                        emf("LatencyP99", "Maximum"))),
                graph("Registry: heap and resident memory (MB, EMF)", List.of(emf("HeapUsed", "Maximum"),
                        emf("ResidentMemory", "Maximum"))),
                graph("Artifact bucket size (bytes, daily)", List.of(Metric.Builder.create()
                        .namespace("AWS/S3").metricName("BucketSizeBytes")
                        .dimensionsMap(Map.of("BucketName", stores.artifacts.getBucketName(),
                                "StorageType", "StandardStorage"))
                        .statistic("Average").period(Duration.days(1)).build())));

        CfnBudget.Builder.create(this, "Budget")
                .budget(CfnBudget.BudgetDataProperty.builder()
                        .budgetName(settings.name() + "-monthly")
                        .budgetType("COST")
                        .timeUnit("MONTHLY")
                        .budgetLimit(CfnBudget.SpendProperty.builder()
                                .amount(settings.monthlyBudgetUsd()).unit("USD").build())
                        .build())
                .notificationsWithSubscribers(List.of(
                        budgetAlert("ACTUAL", 80, settings.alertEmail()),
                        budgetAlert("FORECASTED", 100, settings.alertEmail())))
                .build();
    }

    private Alarm alarm(IMetric metric, String id, String description, double threshold, int periods, int breaching) {
        return Alarm.Builder.create(this, id)
                .metric(metric)
                .alarmDescription(description)
                .threshold(threshold)
                .evaluationPeriods(periods)
                .datapointsToAlarm(breaching)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
    }

    private static GraphWidget graph(String title, List<IMetric> metrics) {
        return GraphWidget.Builder.create().title(title).left(metrics).width(8).height(6).build();
    }

    private Metric emf(String name, String statistic) {
        return Metric.Builder.create().namespace(EMF_NAMESPACE).metricName(name)
                .dimensionsMap(Map.of("Service", emfService)).statistic(statistic)
                .period(Duration.minutes(1)).build();
    }

    private static CfnBudget.NotificationWithSubscribersProperty budgetAlert(String type, double percent,
                                                                             String email) {
        return CfnBudget.NotificationWithSubscribersProperty.builder()
                .notification(CfnBudget.NotificationProperty.builder()
                        .notificationType(type).comparisonOperator("GREATER_THAN")
                        .threshold(percent).thresholdType("PERCENTAGE").build())
                .subscribers(List.of(CfnBudget.SubscriberProperty.builder()
                        .subscriptionType("EMAIL").address(email).build()))
                .build();
    }
}
