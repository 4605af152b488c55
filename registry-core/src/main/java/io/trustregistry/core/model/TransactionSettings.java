package io.trustregistry.core.model;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of transactions.
 *
 * @param lifetime    how long a transaction lives: open, before it is abandoned; finished, before
 *                    its results are forgotten
 * @param lease       how long one execution may run before it counts as stalled (its server is
 *                    taken to have died) and the transaction is settled by whoever reads it next
 * @param maxCommands the most commands one transaction holds
 */
public record TransactionSettings(Duration lifetime, Duration lease, int maxCommands) {

    public TransactionSettings {
        Objects.requireNonNull(lifetime, "lifetime");
        Objects.requireNonNull(lease, "lease");
        if (lifetime.isNegative() || lifetime.isZero() || lease.isNegative() || lease.isZero() || maxCommands < 1) {
            throw new IllegalArgumentException("transaction lifetime and lease must be positive, and at least one"
                    + " command allowed");
        }
    }

    /** One hour to live, a 15-minute execution lease, 100 commands. */
    public static TransactionSettings defaults() {
        return new TransactionSettings(Duration.ofHours(1), Duration.ofMinutes(15), 100);
    }
}
