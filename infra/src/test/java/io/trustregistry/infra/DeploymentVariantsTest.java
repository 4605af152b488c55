package io.trustregistry.infra;

import static io.trustregistry.infra.Synth.list;
import static io.trustregistry.infra.Synth.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import software.amazon.awscdk.assertions.Match;

/** What the deployment settings change: HTTPS, NAT and private tasks, Spot, sizes; and what they refuse. */
class DeploymentVariantsTest {

    @Test
    void withACertificateHttpsServesAndHttpRedirects() {
        Synth.Templates t = Synth.of(Map.of("CERTIFICATE_ARN",
                "arn:aws:acm:eu-west-1:123456789012:certificate/abc", "DOMAIN_NAME", "registry.example.com"));
        Map<Integer, Map<String, Object>> listeners = new HashMap<>();
        t.resources("AWS::ElasticLoadBalancingV2::Listener").values()
                .forEach(l -> listeners.put((Integer) Synth.properties(l).get("Port"), Synth.properties(l)));
        assertEquals(2, listeners.size());
        Map<String, Object> https = listeners.get(443);
        assertEquals("HTTPS", https.get("Protocol"));
        assertEquals(List.of(Map.of("CertificateArn", "arn:aws:acm:eu-west-1:123456789012:certificate/abc")),
                https.get("Certificates"));
        Map<String, Object> redirect = map(list(listeners.get(80).get("DefaultActions")).get(0));
        assertEquals("redirect", redirect.get("Type"));
        assertEquals("HTTPS", map(redirect.get("RedirectConfig")).get("Protocol"));
        // the name the certificate covers, never the balancer's *.elb.amazonaws.com
        t.registry().hasOutput("ServiceUrl", Match.objectLike(Map.of("Value", "https://registry.example.com")));
        assertEquals("https://registry.example.com", environment(t).get("REGISTRY_PUBLIC_URL"));
        assertEquals(0, t.resources("AWS::Route53::RecordSet").size(), "without a zone the operator points the name");
        String groups = String.valueOf(t.resources("AWS::EC2::SecurityGroup"));
        assertTrue(groups.contains("FromPort=443"), groups);
    }

    @Test
    void withADomainAndAZoneTheStackMakesItsCertificateAndItsName() {
        Synth.Templates t = Synth.of(Map.of("DOMAIN_NAME", "registry.example.com", "HOSTED_ZONE_ID", "Z0123456789ABC"));
        Map<String, Object> certificate = t.only("AWS::CertificateManager::Certificate");
        assertEquals("registry.example.com", certificate.get("DomainName"));
        assertEquals("DNS", certificate.get("ValidationMethod"));
        assertEquals(List.of(Map.of("DomainName", "registry.example.com", "HostedZoneId", "Z0123456789ABC")),
                certificate.get("DomainValidationOptions"), "validated by a record in the zone, no e-mail");
        Map<String, Object> alias = t.only("AWS::Route53::RecordSet");
        assertEquals("registry.example.com.", alias.get("Name"));
        assertEquals("A", alias.get("Type"));
        assertEquals("Z0123456789ABC", alias.get("HostedZoneId"));
        assertTrue(alias.containsKey("AliasTarget"), alias.toString());
        t.registry().hasOutput("ServiceUrl", Match.objectLike(Map.of("Value", "https://registry.example.com")));
        assertEquals("https://registry.example.com", environment(t).get("REGISTRY_PUBLIC_URL"));
        Set<Integer> ports = new java.util.TreeSet<>();
        t.resources("AWS::ElasticLoadBalancingV2::Listener").values()
                .forEach(l -> ports.add((Integer) Synth.properties(l).get("Port")));
        assertEquals(Set.of(80, 443), ports);
    }

    @Test
    void withoutADomainItIsPlainHttpOnTheBalancersName() {
        Synth.Templates t = Synth.of(Map.of());
        assertEquals(0, t.resources("AWS::CertificateManager::Certificate").size());
        assertTrue(!environment(t).containsKey("REGISTRY_PUBLIC_URL"), "links follow the request's host");
        t.registry().hasOutput("ServiceUrl", Match.objectLike(Map.of("Value", Match.objectLike(Map.of(
                "Fn::Join", Match.arrayWith(List.of(Match.arrayWith(List.of("http://")))))))));
    }

    @Test
    void twoDeploymentsInOneAccountKeepTheirMetricsAndBudgetsApart() {
        for (String name : List.of("registry-a", "registry-b")) {
            Synth.Templates t = Synth.of(Map.of("REGISTRY_STACK_NAME", name));
            assertEquals(name, environment(t).get("REGISTRY_EMF_SERVICE"), "the tasks' metrics carry the stack's name");
            String dashboard = String.valueOf(t.only("AWS::CloudWatch::Dashboard").get("DashboardBody"));
            assertTrue(dashboard.contains("\\\"Service\\\",\\\"" + name + "\\\"")
                    || dashboard.contains("\"Service\",\"" + name + "\""), dashboard);
            assertFalse(dashboard.contains("trust-registry"), "no other deployment's figures: " + dashboard);
            assertEquals(name + "-monthly", map(t.only("AWS::Budgets::Budget").get("Budget")).get("BudgetName"));
        }
    }

    @Test
    void anAllowListAdmitsOnlyItsRangesAndTheDefaultAdmitsTheInternet() {
        Synth.Templates open = Synth.of(Map.of());
        assertEquals(List.of("0.0.0.0/0:80"), loadBalancerIngress(open));
        Synth.Templates closed = Synth.of(Map.of("ALLOWED_CIDRS", "203.0.113.0/24, 198.51.100.7/32",
                "DOMAIN_NAME", "registry.example.com", "HOSTED_ZONE_ID", "Z0123456789ABC"));
        assertEquals(List.of("198.51.100.7/32:443", "198.51.100.7/32:80", "203.0.113.0/24:443", "203.0.113.0/24:80"),
                loadBalancerIngress(closed));
        Map<String, String> env = Synth.defaults();
        env.put("ALLOWED_CIDRS", "example.com");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DeploymentSettings.fromEnvironment(env))
                .getMessage().startsWith("ALLOWED_CIDRS must be IPv4 ranges"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> loadBalancerIngress(Synth.Templates t) {
        List<String> rules = new java.util.ArrayList<>();
        t.resources("AWS::EC2::SecurityGroup").forEach((id, group) -> {
            if (id.contains("LoadBalancer")) {
                for (Object rule : (List<Object>) Synth.properties(group).getOrDefault("SecurityGroupIngress", List.of())) {
                    rules.add(map(rule).get("CidrIp") + ":" + map(rule).get("FromPort"));
                }
            }
        });
        java.util.Collections.sort(rules);
        return rules;
    }

    @Test
    void aSignInRateLimitPutsAWebAclBeforeTheBalancerOnlyWhenAsked() {
        assertEquals(0, Synth.of(Map.of()).resources("AWS::WAFv2::WebACL").size(), "off by default (it costs)");
        Synth.Templates t = Synth.of(Map.of("AUTH_RATE_LIMIT", "300"));
        Map<String, Object> acl = t.only("AWS::WAFv2::WebACL");
        assertEquals("REGIONAL", acl.get("Scope"));
        Map<String, Object> rule = map(list(acl.get("Rules")).get(0));
        assertTrue(map(rule.get("Action")).containsKey("Block"), rule.toString());
        Map<String, Object> rate = map(map(rule.get("Statement")).get("RateBasedStatement"));
        assertEquals(300, rate.get("Limit"));
        assertEquals("IP", rate.get("AggregateKeyType"));
        Map<String, Object> match = map(map(rate.get("ScopeDownStatement")).get("ByteMatchStatement"));
        assertEquals("/authenticate", match.get("SearchString"));
        assertEquals("STARTS_WITH", match.get("PositionalConstraint"));
        assertEquals(1, t.resources("AWS::WAFv2::WebACLAssociation").size());
        Map<String, String> env = Synth.defaults();
        env.put("AUTH_RATE_LIMIT", "10");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DeploymentSettings.fromEnvironment(env))
                .getMessage().startsWith("AUTH_RATE_LIMIT must be 0"));
    }

    private static Map<String, Object> environment(Synth.Templates t) {
        Map<String, Object> task = t.only("AWS::ECS::TaskDefinition");
        Map<String, Object> env = new HashMap<>();
        for (Object pair : list(map(list(task.get("ContainerDefinitions")).get(0)).get("Environment"))) {
            env.put(String.valueOf(map(pair).get("Name")), map(pair).get("Value"));
        }
        return env;
    }

    @Test
    void withANatGatewayTasksRunInPrivateSubnetsWithoutPublicIps() {
        Synth.Templates t = Synth.of(Map.of("NAT_GATEWAYS", "1"));
        assertEquals(1, t.resources("AWS::EC2::NatGateway").size());
        Map<String, Object> network = map(map(t.only("AWS::ECS::Service").get("NetworkConfiguration"))
                .get("AwsvpcConfiguration"));
        assertEquals("DISABLED", network.get("AssignPublicIp"));
        assertTrue(String.valueOf(network.get("Subnets")).contains("app"), network.toString());
    }

    @Test
    void turningNatOnOrOffKeepsEverySubnetAndTheDatabaseWhereTheyAre() {
        Map<String, Object> without = subnetRanges(Synth.of(Map.of()));
        Map<String, Object> with = subnetRanges(Synth.of(Map.of("NAT_GATEWAYS", "1")));
        // NAT adds the two app subnets, in ranges kept free for them, and changes no other subnet
        assertEquals(4, without.size(), without.toString());
        assertEquals(6, with.size(), with.toString());
        Map<String, Object> kept = new java.util.TreeMap<>(with);
        kept.keySet().retainAll(without.keySet());
        assertEquals(without, kept,
                "a NAT change must not renumber or replace subnets");
        assertTrue(with.keySet().stream().filter(id -> !without.containsKey(id)).allMatch(id -> id.contains("app")),
                with.toString());
        // the layout deployments made before kept (NAT_GATEWAYS=0): public 10.0.0-1, database 10.0.2-3
        assertEquals(List.of("10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/24"),
                without.values().stream().map(String::valueOf).sorted().toList());
        assertEquals(Synth.of(Map.of()).only("AWS::RDS::DBSubnetGroup").get("SubnetIds"),
                Synth.of(Map.of("NAT_GATEWAYS", "1")).only("AWS::RDS::DBSubnetGroup").get("SubnetIds"));
    }

    private static Map<String, Object> subnetRanges(Synth.Templates t) {
        Map<String, Object> ranges = new java.util.TreeMap<>();
        t.resources("AWS::EC2::Subnet").forEach((id, subnet) -> ranges.put(id, Synth.properties(subnet).get("CidrBlock")));
        return ranges;
    }

    @Test
    void withoutNatTasksGetPublicIpsButStillOnlyTheLoadBalancerReachesThem() {
        Synth.Templates t = Synth.of(Map.of());
        assertEquals(0, t.resources("AWS::EC2::NatGateway").size());
        Map<String, Object> network = map(map(t.only("AWS::ECS::Service").get("NetworkConfiguration"))
                .get("AwsvpcConfiguration"));
        assertEquals("ENABLED", network.get("AssignPublicIp"));
    }

    @Test
    void onSpotOneOnDemandTaskStaysAsABase() {
        Synth.Templates t = Synth.of(Map.of("FARGATE_SPOT", "true", "MAX_TASKS", "6", "MONTHLY_BUDGET_USD", "20"));
        Map<String, Object> service = t.only("AWS::ECS::Service");
        assertEquals(List.of(Map.of("CapacityProvider", "FARGATE_SPOT", "Weight", 4),
                Map.of("Base", 1, "CapacityProvider", "FARGATE", "Weight", 1)), service.get("CapacityProviderStrategy"));
        t.registry().hasResourceProperties("AWS::ApplicationAutoScaling::ScalableTarget",
                Match.objectLike(Map.of("MaxCapacity", 6)));
        t.registry().hasResourceProperties("AWS::Budgets::Budget", Match.objectLike(Map.of("Budget",
                Match.objectLike(Map.of("BudgetLimit", Map.of("Amount", 20, "Unit", "USD"))))));
    }

    @Test
    void settingsThatCannotWorkAreRefusedWithTheirName() {
        Map<String, String> noEmail = Synth.defaults();
        noEmail.remove("ALERT_EMAIL");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DeploymentSettings.fromEnvironment(noEmail))
                .getMessage().contains("ALERT_EMAIL"));
        Map<String, String> noTag = Synth.defaults();
        noTag.remove("REGISTRY_IMAGE_TAG");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DeploymentSettings.fromEnvironment(noTag))
                .getMessage().contains("REGISTRY_IMAGE_TAG"));
        Map<String, String> badCount = Synth.defaults();
        badCount.put("MAX_TASKS", "many");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DeploymentSettings.fromEnvironment(badCount))
                .getMessage().contains("MAX_TASKS"));
        Map<String, String> badName = Synth.defaults();
        badName.put("REGISTRY_STACK_NAME", "Trust Registry");
        assertThrows(IllegalArgumentException.class, () -> DeploymentSettings.fromEnvironment(badName));
        for (Map.Entry<Map<String, String>, String> bad : Map.of(
                Map.of("CERTIFICATE_ARN", "arn:aws:acm:eu-west-1:123456789012:certificate/abc"),
                "CERTIFICATE_ARN needs DOMAIN_NAME",
                Map.of("HOSTED_ZONE_ID", "Z0123456789ABC"), "HOSTED_ZONE_ID needs DOMAIN_NAME",
                Map.of("DOMAIN_NAME", "registry.example.com"), "DOMAIN_NAME needs HOSTED_ZONE_ID",
                Map.of("DOMAIN_NAME", "Registry Example", "HOSTED_ZONE_ID", "Z1"), "DOMAIN_NAME must be").entrySet()) {
            Map<String, String> env = Synth.defaults();
            env.putAll(bad.getKey());
            String message = assertThrows(IllegalArgumentException.class, () -> DeploymentSettings.fromEnvironment(env))
                    .getMessage();
            assertTrue(message.startsWith(bad.getValue()), message);
        }
    }
}
