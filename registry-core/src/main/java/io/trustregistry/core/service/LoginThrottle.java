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
public final class LoginThrottle {

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

    public LoginThrottle(int maxFailures, Duration maxLockout, InstantSource clock) {
        this.maxFailures = maxFailures;
        this.maxLockout = maxLockout;
        this.clock = clock;
    }

    /**
     * Before the password is checked: refuses a locked-out user name at once (no hashing spent).
     *
     * @throws TooManyRequestsException while the user is locked out
     */
    synchronized void checkUser(String userName) {
        check(userKey(userName));
    }

    /**
     * After a wrong password: a locked-out address gets 429 instead of 401. An address is never
     * refused a correct password (many people share one behind a NAT or a load balancer).
     *
     * @throws TooManyRequestsException while the client's address is locked out
     */
    synchronized void checkClient(String client) {
        if (client != null) {
            check(clientKey(client));
        }
    }

    /** Forgets every record (a registry reset). */
    public synchronized void clear() {
        failures.clear();
    }

    private void check(String key) {
        Instant now = clock.instant();
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
        return client == null ? new String[] {userKey(userName)} : new String[] {userKey(userName), clientKey(client)};
    }

    private static String clientKey(String client) {
        return "client:" + client;
    }

    private static String userKey(String userName) {
        return "user:" + userName.toLowerCase(Locale.ROOT);
    }
}
