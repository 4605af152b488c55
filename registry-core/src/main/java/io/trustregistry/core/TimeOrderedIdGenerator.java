package io.trustregistry.core;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;

import io.trustregistry.core.model.ArtifactId;
import io.trustregistry.core.port.out.IdGenerator;

/**
 * Snowflake-style ids: 40 bits of milliseconds since 2025-01-01, 10 random bits chosen once per
 * generator (so two processes rarely share them), and a 12-bit sequence within a millisecond.
 * Every id is 19 decimal digits, so string order equals creation order for 34 years.
 * Thread-safe; ids from one generator are strictly increasing even if the clock steps back.
 */
public final class TimeOrderedIdGenerator implements IdGenerator {

    private static final long EPOCH_MILLIS = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();
    private static final long OFFSET = 1_000_000_000_000_000_000L;
    private static final int NODE_BITS = 10;
    private static final int SEQUENCE_BITS = 12;
    private static final long MAX_SEQUENCE = (1L << SEQUENCE_BITS) - 1;
    private static final long MAX_MILLIS = (1L << 40) - 1;

    private static final SecureRandom NODES = new SecureRandom();

    private final InstantSource clock;
    private final long node;
    private long lastMillis = -1;
    private long sequence;

    /** A generator with a random node number. */
    public TimeOrderedIdGenerator(InstantSource clock) {
        this(clock, NODES.nextInt(1 << NODE_BITS));
    }

    TimeOrderedIdGenerator(InstantSource clock, int node) {
        this.clock = clock;
        this.node = node & ((1 << NODE_BITS) - 1);
    }

    @Override
    public synchronized ArtifactId next() {
        long millis = Math.max(0, clock.millis() - EPOCH_MILLIS);
        if (millis <= lastMillis) {
            // same millisecond, or the clock stepped back: continue from the last one
            millis = lastMillis;
            sequence++;
            if (sequence > MAX_SEQUENCE) {
                millis = lastMillis + 1;
                sequence = 0;
            }
        } else {
            sequence = 0;
        }
        lastMillis = millis;
        if (millis > MAX_MILLIS) {
            throw new IllegalStateException("id space exhausted");
        }
        long raw = (millis << (NODE_BITS + SEQUENCE_BITS)) | (node << SEQUENCE_BITS) | sequence;
        return new ArtifactId(Long.toString(OFFSET + raw));
    }
}
