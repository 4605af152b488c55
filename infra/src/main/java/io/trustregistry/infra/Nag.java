package io.trustregistry.infra;

import java.util.List;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import software.constructs.IConstruct;

/**
 * Suppressions of cdk-nag's AwsSolutions rules (checked on every synthesis, see
 * {@link RegistryInfraApp}), each beside the resource it excuses and with the reason it is right
 * here. A rule that can be met is met instead.
 */
final class Nag {

    private Nag() {
    }

    /** Suppresses {@code rule} on {@code construct} and everything under it, for {@code reason}. */
    static void suppress(IConstruct construct, String rule, String reason) {
        NagSuppressions.addResourceSuppressions(construct, List.of(NagPackSuppression.builder().id(rule)
                .reason(reason).build()), true);
    }
}
