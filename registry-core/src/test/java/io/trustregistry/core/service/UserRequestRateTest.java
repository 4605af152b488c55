package io.trustregistry.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class UserRequestRateTest {

    private final AtomicLong millis = new AtomicLong(1_000_000);
    private final InstantSource clock = () -> Instant.ofEpochMilli(millis.get());

    @Test
    void aBurstIsAllowedThenTheRateApplies() {
        UserRequestRate rate = new UserRequestRate(10, 3, clock);
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), rate.take("alice"));
        }
        assertEquals(Optional.of(Duration.ofMillis(100)), rate.take("alice"), "one call per 100 ms once the burst is spent");
        millis.addAndGet(100);
        assertEquals(Optional.empty(), rate.take("alice"));
        assertTrue(rate.take("alice").isPresent());
    }

    @Test
    void usersHaveBucketsOfTheirOwn() {
        UserRequestRate rate = new UserRequestRate(1, 1, clock);
        assertEquals(Optional.empty(), rate.take("alice"));
        assertTrue(rate.take("alice").isPresent());
        assertEquals(Optional.empty(), rate.take("bob"), "alice's calls do not slow bob down");
    }

    @Test
    void anIdleUserRefillsOnlyUpToTheBurst() {
        UserRequestRate rate = new UserRequestRate(100, 2, clock);
        millis.addAndGet(3_600_000);
        assertEquals(Optional.empty(), rate.take("alice"));
        assertEquals(Optional.empty(), rate.take("alice"));
        assertTrue(rate.take("alice").isPresent(), "an hour of silence does not buy more than the burst");
    }

    @Test
    void zeroMeansNoLimit() {
        UserRequestRate rate = new UserRequestRate(0, 1, clock);
        for (int i = 0; i < 10_000; i++) {
            assertEquals(Optional.empty(), rate.take("alice"));
        }
    }
}
