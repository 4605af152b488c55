package io.trustregistry.core.service;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.trustregistry.core.error.TooManyRequestsException;

/**
 * Slows password guessing: after {@code maxFailures} failed logins for one user name, or ten
 * times as many from one client address (many users share an address behind a NAT or a
 * proxy), further attempts are refused (429) for a wait that doubles with every further
 * failure, up to {@code maxLockout}. A success clears the user's record. Checked before
 * the password is hashed, so a locked-out guesser costs no Argon2 time either. Memory is
 * bounded: the least recently failed entries are forgotten beyond {@value #MAX_ENTRIES}.
 */
final class LoginThrottle {

    static final int MAX_ENTRIES = 50_000;
    /** How many more failures an address may have than a user name. */
    static final int ADDRESS_FACTOR = 10;

    private record Failures(int count, Instant last) {
    }

    private final int maxFailures;
    private final Duration maxLockout;
    private final InstantSource clock;
    private final Map<String, Failures> failures = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    LoginThrottle(int maxFailures, Duration maxLockout, InstantSource clock) {
        this.maxFailures = maxFailures;
        this.maxLockout = maxLockout;
        this.clock = clock;
    }

    /** @throws TooManyRequestsException while the user or the client is locked out */
    synchronized void check(String userName, String client) {
        Instant now = clock.instant();
        for (String key : keys(userName, client)) {
            Failures f = failures.get(key);
            int allowed = key.startsWith("user:") ? maxFailures : maxFailures * ADDRESS_FACTOR;
            if (f != null && f.count() >= allowed) {
                Instant until = f.last().plus(lockout(f.count() - allowed));
                if (now.isBefore(until)) {
                    Duration wait = Duration.between(now, until);
                    throw new TooManyRequestsException("too many failed logins " + (key.startsWith("user:")
                            ? "for this user" : "from this address") + "; try again in " + Math.max(1,
                            wait.toSeconds()) + " s", wait);
                }
            }
        }
    }

    synchronized void failed(String userName, String client) {
        Instant now = clock.instant();
        for (String key : keys(userName, client)) {
            Failures f = failures.get(key);
            // a record older than the longest lockout starts over
            boolean stale = f == null || f.last().plus(maxLockout).isBefore(now);
            failures.put(key, new Failures(stale ? 1 : f.count() + 1, now));
        }
    }

    synchronized void succeeded(String userName) {
        failures.remove(userKey(userName));
    }

    private Duration lockout(int beyond) {
        int excess = Math.min(30, beyond);
        Duration wait = Duration.ofSeconds(1L << excess);
        return wait.compareTo(maxLockout) > 0 ? maxLockout : wait;
    }

    private static String[] keys(String userName, String client) {
        return client == null ? new String[] {userKey(userName)} : new String[] {userKey(userName), "client:" + client};
    }

    private static String userKey(String userName) {
        return "user:" + userName.toLowerCase(Locale.ROOT);
    }
}
