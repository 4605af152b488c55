package io.trustregistry.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The domain's values refuse what they cannot stand for, with a message saying what is allowed:
 * adapters decode stored documents into them, so a damaged document fails here, never later.
 */
class ValueInvariantsTest {

    private static final Digest DIGEST = new Digest("a".repeat(64));
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static Stream<Arguments> refusals() {
        return Stream.of(
                refused("a SHA-256 digest is 64 lower-case hex characters", () -> new Digest("A".repeat(64))),
                refused("a SHA-256 digest is 64 lower-case hex characters", () -> new Digest("abc")),
                refused("size score out of range: 1.5", () -> new SizeScore(0, 0, 1.5, 0, 0)),
                refused("size score out of range: NaN", () -> new SizeScore(Double.NaN, 0, 0, 0, 0)),
                refused("latency must be a non-negative number of seconds", () -> new SizeScore(0, 0, 0, 0, -1)),
                refused("score out of range: -2.0", () -> new Score(-2, 0)),
                refused("latency must be a non-negative number of seconds", () -> new Score(0.5, Double.NaN)),
                refused("inconsistent review sample", () -> new ReviewSample(1, 2, 0, 0)),
                refused("inconsistent review sample", () -> new ReviewSample(1, 1, 10, 11)),
                refused("bad size or CRC-32", () -> new BundleFile("a.bin", DIGEST, -1, 0, FileRole.WEIGHTS)),
                refused("bad size or CRC-32", () -> new BundleFile("a.bin", DIGEST, 1, 1L << 32, FileRole.WEIGHTS)),
                refused("maxUses must be positive", () -> new TokenRecord("t", "alice", "uid", T0, T0, 0)),
                refused("contributions must not be negative", () -> new Contributor("alice", -1)),
                refused("size must not be negative", () -> new BlobInfo(DIGEST, -1, T0)),
                refused("artifact name must not be empty", () -> new ArtifactName(" ")));
    }

    private static Arguments refused(String message, Executable construction) {
        return Arguments.of(message, construction);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesWhatItCannotStandFor(String message, Executable construction) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, construction).getMessage());
    }

    @Test
    void idsNameTheirGrammar() {
        String id = assertThrows(IllegalArgumentException.class, () -> new ArtifactId("a/b")).getMessage();
        assertEquals("artifact id must match ^[a-zA-Z0-9-]+$ and be at most " + ArtifactId.MAX_LENGTH + " characters", id);
        String tx = assertThrows(IllegalArgumentException.class, () -> new TransactionId("tx 1")).getMessage();
        assertEquals("transaction id must match ^[a-zA-Z0-9-]+$ and be at most " + ArtifactId.MAX_LENGTH + " characters",
                tx);
    }

    @Test
    void theWorstHealthWins() {
        assertEquals(HealthStatus.CRITICAL, HealthStatus.OK.worst(HealthStatus.CRITICAL));
        assertEquals(HealthStatus.DEGRADED, HealthStatus.DEGRADED.worst(HealthStatus.UNKNOWN));
        assertEquals(HealthStatus.UNKNOWN, HealthStatus.UNKNOWN.worst(HealthStatus.OK));
        assertEquals(HealthStatus.CRITICAL, HealthStatus.CRITICAL.worst(HealthStatus.DEGRADED));
    }
}
