package io.trustregistry.adapter.hub;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each hub last said of the credentials the registry sent it: accepted, or rejected and
 * why. Health reports it, so a revoked token shows up on {@code /health/components} as the
 * operator's problem rather than as a string of failed registrations.
 */
final class CredentialHealth {

    /** The last verdict on the credentials sent to one host. */
    record Verdict(boolean accepted, String detail, Instant at) {
    }

    private final Map<String, Verdict> byHost = new ConcurrentHashMap<>();

    void accepted(String host) {
        Verdict last = byHost.get(key(host));
        if (last == null || !last.accepted()) {
            byHost.put(key(host), new Verdict(true, "accepted", Instant.now()));
        }
    }

    void rejected(String host, String detail) {
        byHost.put(key(host), new Verdict(false, detail, Instant.now()));
    }

    Optional<Verdict> of(String host) {
        return host == null ? Optional.empty() : Optional.ofNullable(byHost.get(key(host)));
    }

    private static String key(String host) {
        return host.toLowerCase(Locale.ROOT);
    }
}
