package io.trustregistry.infra;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one deployment of the registry is told: names, the image to run, sizes, and the
 * operator's contact for alarms and the budget. Read from the environment by
 * {@link #fromEnvironment(Map)} (the deploy script exports {@code .env.aws}); every value has a
 * default suited to a small production registry except the image tag and the alert e-mail.
 *
 * @param name              prefix of every resource name, e.g. {@code trust-registry}
 * @param imageTag          the tag in the ECR repository to run (the deploy script uses the git commit)
 * @param alertEmail        receives alarm notifications and budget alerts
 * @param certificateArn    an ACM certificate for HTTPS on the load balancer, covering {@code domainName}
 * @param domainName        the registry's public name: with it the load balancer serves HTTPS (with
 *                          {@code certificateArn}, or a DNS-validated certificate made in
 *                          {@code hostedZoneId}), redirects HTTP, and the registry's links use it
 *                          ({@code REGISTRY_PUBLIC_URL}); without it, plain HTTP on the balancer's name
 * @param hostedZoneId      a Route 53 hosted zone for {@code domainName}'s parent: the stack adds the
 *                          alias record (and the certificate's validation records) there; without it,
 *                          point the name at the balancer yourself
 * @param monthlyBudgetUsd  the monthly cost budget that alerts at 80 % actual and 100 % forecast
 * @param natGateways       0 runs tasks in public subnets with public IPs (cheapest; inbound still
 *                          only from the load balancer); 1 or more puts them in private subnets
 * @param fargateSpot       run tasks on Fargate Spot (about 70 % cheaper, may be interrupted)
 * @param desiredTasks      tasks at start and the autoscaling minimum
 * @param maxTasks          the autoscaling maximum
 * @param taskCpu           Fargate CPU units (256 = 0.25 vCPU)
 * @param taskMemoryMib     Fargate memory (512 fits the measured footprint, see docs/performance.md)
 * @param multiAzDatabase   a standby database in a second availability zone
 * @param deletionProtection protect the database from deletion (on unless turned off; the teardown lifts it)
 * @param gitHubDeployRepository {@code owner/repo} whose GitHub Actions may deploy (adds the
 *                          OIDC deploy-role stack); empty for none
 * @param gitHubOidcProviderArn the account's existing GitHub OIDC provider (an account holds one
 *                          per URL): the deploy role trusts it instead of creating another; empty
 *                          to create it
 * @param monitorAllowedHosts the hosts sensitive models' monitor programs may reach (the
 *                          organisation's audit servers, {@code REGISTRY_MONITOR_ALLOWED_HOSTS});
 *                          empty for none
 * @param allowedCidrs      the IPv4 ranges the load balancer admits; empty admits the whole internet
 * @param authRateLimit     requests to {@code /authenticate} one address may make in 5 minutes before
 *                          AWS WAF blocks it (at least 100, WAF's minimum); 0 for no web ACL
 * @param monitorIsolation  {@code REGISTRY_MONITOR_ISOLATION} for the tasks; empty for the image's
 *                          default ({@code sandbox}, which Fargate cannot provide: monitors then answer 503)
 */
public record DeploymentSettings(
        String name,
        String imageTag,
        String alertEmail,
        Optional<String> certificateArn,
        Optional<String> domainName,
        Optional<String> hostedZoneId,
        int monthlyBudgetUsd,
        int natGateways,
        boolean fargateSpot,
        int desiredTasks,
        int maxTasks,
        int taskCpu,
        int taskMemoryMib,
        boolean multiAzDatabase,
        boolean deletionProtection,
        Optional<String> gitHubDeployRepository,
        Optional<String> gitHubOidcProviderArn,
        Optional<String> monitorAllowedHosts,
        List<String> allowedCidrs,
        int authRateLimit,
        Optional<String> monitorIsolation) {

    /** A lower-case DNS name of two or more labels, such as {@code registry.example.com}. */
    static boolean isDnsName(String name) {
        String[] labels = name.split("\\.", -1);
        if (name.length() < 4 || name.length() > 253 || labels.length < 2
                || !labels[labels.length - 1].matches("[a-z]{2,63}")) {
            return false;
        }
        for (String label : labels) {
            if (!label.matches("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")) {
                return false;
            }
        }
        return true;
    }

    /** Whether the load balancer serves HTTPS: a domain is given, with or without a certificate. */
    public boolean https() {
        return domainName.isPresent();
    }

    /** The registry's public base URL: its domain over HTTPS, or empty for the balancer's own name. */
    public Optional<String> publicUrl() {
        return domainName.map(domain -> "https://" + domain);
    }

    /** Connections each task's pool opens (REGISTRY_DB_POOL_SIZE). */
    public static final int POOL_SIZE_PER_TASK = 10;

    public DeploymentSettings {
        if (!name.matches("[a-z][a-z0-9-]{2,30}")) {
            throw new IllegalArgumentException("REGISTRY_STACK_NAME must be 3-31 lower-case letters, digits or"
                    + " hyphens, starting with a letter: " + name);
        }
        if (imageTag.isBlank()) {
            throw new IllegalArgumentException("REGISTRY_IMAGE_TAG is required (the deploy script sets it)");
        }
        if (!alertEmail.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new IllegalArgumentException("ALERT_EMAIL must be an e-mail address for alarms and budget alerts");
        }
        if (domainName.isPresent() && !isDnsName(domainName.get())) {
            throw new IllegalArgumentException("DOMAIN_NAME must be a lower-case DNS name such as registry.example.com: "
                    + domainName.get());
        }
        if (certificateArn.isPresent() && domainName.isEmpty()) {
            // the balancer's own name is *.elb.amazonaws.com, which no certificate of yours covers
            throw new IllegalArgumentException("CERTIFICATE_ARN needs DOMAIN_NAME, the name the certificate covers");
        }
        if (hostedZoneId.isPresent() && domainName.isEmpty()) {
            throw new IllegalArgumentException("HOSTED_ZONE_ID needs DOMAIN_NAME, the name to create in it");
        }
        if (domainName.isPresent() && certificateArn.isEmpty() && hostedZoneId.isEmpty()) {
            throw new IllegalArgumentException("DOMAIN_NAME needs HOSTED_ZONE_ID (a DNS-validated certificate is made"
                    + " there) or CERTIFICATE_ARN (your certificate for it)");
        }
        if (desiredTasks < 1 || maxTasks < desiredTasks) {
            throw new IllegalArgumentException("need 1 <= DESIRED_TASKS <= MAX_TASKS");
        }
        if (gitHubOidcProviderArn.isPresent()
                && !gitHubOidcProviderArn.get().matches("arn:aws[a-z-]*:iam::\\d{12}:oidc-provider/" + "token\\.actions"
                        + "\\.githubusercontent\\.com")) {
            throw new IllegalArgumentException("GITHUB_OIDC_PROVIDER_ARN must be the ARN of the account's provider for"
                    + " token.actions.githubusercontent.com (aws iam list-open-id-connect-providers): "
                    + gitHubOidcProviderArn.get());
        }
        if (gitHubDeployRepository.isPresent()
                && !gitHubDeployRepository.get().matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("GITHUB_DEPLOY_REPOSITORY must be owner/repository");
        }
        allowedCidrs = List.copyOf(allowedCidrs);
        for (String cidr : allowedCidrs) {
            if (!cidr.matches("(\\d{1,3}\\.){3}\\d{1,3}/\\d{1,2}")) {
                throw new IllegalArgumentException("ALLOWED_CIDRS must be IPv4 ranges such as 203.0.113.0/24,"
                        + " separated by commas: " + cidr);
            }
        }
        if (authRateLimit != 0 && (authRateLimit < 100 || authRateLimit > 2_000_000_000)) {
            throw new IllegalArgumentException("AUTH_RATE_LIMIT must be 0 (off) or at least 100 (AWS WAF's minimum"
                    + " per 5 minutes): " + authRateLimit);
        }
        if (monitorIsolation.isPresent() && !monitorIsolation.get().matches("sandbox|permission-model")) {
            throw new IllegalArgumentException("MONITOR_ISOLATION must be sandbox or permission-model");
        }
        if (natGateways < 0 || natGateways > 2) {
            throw new IllegalArgumentException("NAT_GATEWAYS must be 0, 1 or 2");
        }
    }

    /** Reads the settings from environment variables (names as in {@code .env.aws.template}). */
    public static DeploymentSettings fromEnvironment(Map<String, String> env) {
        return new DeploymentSettings(
                env.getOrDefault("REGISTRY_STACK_NAME", "trust-registry"),
                env.getOrDefault("REGISTRY_IMAGE_TAG", ""),
                env.getOrDefault("ALERT_EMAIL", ""),
                Optional.ofNullable(env.get("CERTIFICATE_ARN")).filter(arn -> !arn.isBlank()),
                Optional.ofNullable(env.get("DOMAIN_NAME")).map(String::strip).filter(d -> !d.isEmpty()),
                Optional.ofNullable(env.get("HOSTED_ZONE_ID")).map(String::strip).filter(z -> !z.isEmpty()),
                integer(env, "MONTHLY_BUDGET_USD", 50),
                integer(env, "NAT_GATEWAYS", 0),
                Boolean.parseBoolean(env.getOrDefault("FARGATE_SPOT", "false")),
                integer(env, "DESIRED_TASKS", 1),
                integer(env, "MAX_TASKS", 4),
                integer(env, "TASK_CPU", 256),
                integer(env, "TASK_MEMORY_MIB", 512),
                Boolean.parseBoolean(env.getOrDefault("DB_MULTI_AZ", "false")),
                Boolean.parseBoolean(env.getOrDefault("DB_DELETION_PROTECTION", "true")),
                Optional.ofNullable(env.get("GITHUB_DEPLOY_REPOSITORY")).filter(r -> !r.isBlank()),
                Optional.ofNullable(env.get("GITHUB_OIDC_PROVIDER_ARN")).map(String::strip).filter(a -> !a.isEmpty()),
                Optional.ofNullable(env.get("MONITOR_ALLOWED_HOSTS")).map(String::strip).filter(h -> !h.isEmpty()),
                java.util.Arrays.stream(env.getOrDefault("ALLOWED_CIDRS", "").split(",")).map(String::strip)
                        .filter(c -> !c.isEmpty()).toList(),
                integer(env, "AUTH_RATE_LIMIT", 0),
                Optional.ofNullable(env.get("MONITOR_ISOLATION")).map(String::strip).filter(h -> !h.isEmpty()));
    }

    /** The ECR repository's name. */
    public String repositoryName() {
        return name;
    }

    /** The CloudWatch log group of the tasks. */
    public String logGroupName() {
        return "/ecs/" + name;
    }

    private static int integer(Map<String, String> env, String key, int defaultValue) {
        String value = env.get(key);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, not '" + value + "'");
        }
    }
}
