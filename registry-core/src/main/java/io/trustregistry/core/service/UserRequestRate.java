package io.trustregistry.core.service;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fair use per user: a token bucket for each account that holds {@code burst} calls and refills
 * at {@code perSecond}. A user past it waits (429 with the time until the next call is allowed);
 * other users are not affected. Thread-safe. Memory is bounded: only accounts with a live token
 * get a bucket, and full buckets (idle users) are dropped once there are many.
 */
final class UserRequestRate {

    /** Above this many buckets, full ones are dropped: they hold nothing a new bucket would not. */
    static final int PRUNE_ABOVE = 10_000;

    private final double perMilli;
    private final double burst;
    private final InstantSource clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** @param perSecond calls per second, sustained; 0 means no limit */
    UserRequestRate(int perSecond, int burst, InstantSource clock) {
        this.perMilli = perSecond / 1000.0;
        this.burst = burst;
        this.clock = clock;
    }

    /** Takes one call for the account {@code user} (its uid); empty if allowed, else how long until one would be. */
    Optional<Duration> take(String user) {
        if (perMilli == 0) {
            return Optional.empty();
        }
        long now = clock.millis();
        if (buckets.size() > PRUNE_ABOVE) {
            buckets.values().removeIf(b -> b.fullAt(now));
        }
        return buckets.computeIfAbsent(user, u -> new Bucket(now)).take(now);
    }

    private final class Bucket {
        private double tokens = burst;
        private long last;

        Bucket(long now) {
            this.last = now;
        }

        synchronized Optional<Duration> take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return Optional.empty();
            }
            return Optional.of(Duration.ofMillis((long) Math.ceil((1 - tokens) / perMilli)));
        }

        synchronized boolean fullAt(long now) {
            refill(now);
            return tokens >= burst;
        }

        private void refill(long now) {
            if (now > last) {
                tokens = Math.min(burst, tokens + (now - last) * perMilli);
                last = now;
            }
        }
    }
}
