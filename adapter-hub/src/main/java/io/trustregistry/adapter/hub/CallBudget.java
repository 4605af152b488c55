package io.trustregistry.adapter.hub;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.trustregistry.core.error.UpstreamException;

/**
 * What one registration may spend upstream: a deadline for all its metadata calls together and
 * a number of requests (pages and retries included). Shared by the calls it runs in parallel.
 * Past either bound the next request fails with {@link UpstreamException.Unavailable} naming
 * the host it was about to call, so a slow or huge upstream cannot hold a registration open.
 */
final class CallBudget {

    private static final long UNLIMITED = Long.MAX_VALUE;

    private final long deadlineNanos;
    private final Duration allowed;
    private final int maxCalls;
    private final AtomicInteger calls = new AtomicInteger();

    private CallBudget(Duration allowed, int maxCalls) {
        this.allowed = allowed;
        this.maxCalls = maxCalls;
        this.deadlineNanos = allowed == null ? UNLIMITED : System.nanoTime() + allowed.toNanos();
    }

    /** No bound: single requests (file transfers, probes) still have their own timeouts. */
    static CallBudget unlimited() {
        return new CallBudget(null, Integer.MAX_VALUE);
    }

    /** A budget starting now. */
    static CallBudget of(Duration deadline, int maxCalls) {
        return new CallBudget(deadline, maxCalls);
    }

    /**
     * Takes one request from the budget.
     *
     * @throws UpstreamException.Unavailable when the deadline passed or the calls are spent
     */
    void spend(URI about) {
        if (remaining().isZero()) {
            throw deadlinePassed(about);
        }
        if (calls.incrementAndGet() > maxCalls) {
            throw new UpstreamException.Unavailable("gave up on " + about.getHost() + ": the registration needed more"
                    + " than " + maxCalls + " upstream requests (REGISTRY_HUB_MAX_CALLS)", null);
        }
    }

    /** Time left, zero when none; very long when unlimited. */
    Duration remaining() {
        if (deadlineNanos == UNLIMITED) {
            return Duration.ofDays(1);
        }
        long left = deadlineNanos - System.nanoTime();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    /** The shorter of {@code timeout} and the time left. */
    Duration cap(Duration timeout) {
        Duration left = remaining();
        return left.compareTo(timeout) < 0 ? left : timeout;
    }

    /** Whether waiting {@code wait} still leaves time for a request. */
    boolean allowsWait(Duration wait) {
        return wait.compareTo(remaining()) < 0;
    }

    /** Requests made so far. */
    int used() {
        return calls.get();
    }

    UpstreamException.Unavailable deadlinePassed(URI about) {
        return new UpstreamException.Unavailable("gave up on " + about.getHost() + " (" + about.getPath() + "): the"
                + " registration's upstream deadline of " + (allowed == null ? "?" : allowed.toSeconds()) + " s passed"
                + " (REGISTRY_HUB_RESOLVE_DEADLINE); the source answers too slowly", null);
    }
}
