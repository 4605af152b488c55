package io.trustregistry.adapter.hub;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.trustregistry.core.error.UpstreamException;

/**
 * Runs the secondary calls of one ingest at the same time, each on its own virtual thread, so
 * gathering evidence costs a few round trips rather than the sum of all calls. A call that
 * fails leaves its piece of evidence empty and records why, for the rating's notes, and does
 * not fail the ingest, unless it failed for a reason that concerns every call (a rate limit,
 * refused credentials): that one is rethrown, so the registration answers 503 saying why.
 */
final class Gatherer implements AutoCloseable {

    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final List<String> degradations = Collections.synchronizedList(new ArrayList<>());

    /** A call started in the background. */
    final class Pending<T> {
        private final String what;
        private final Future<Optional<T>> future;

        private Pending(String what, Future<Optional<T>> future) {
            this.what = what;
            this.future = future;
        }

        /** The result, or empty if the call failed (recorded) or found nothing. */
        Optional<T> get() {
            try {
                return future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                degradations.add(what + ": interrupted");
                return Optional.empty();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UpstreamException.RateLimited
                        || e.getCause() instanceof UpstreamException.CredentialsRejected) {
                    // not a gap in one piece of evidence: the whole registration must stop and say why
                    throw (UpstreamException) e.getCause();
                }
                degradations.add(what + ": " + e.getCause().getMessage());
                return Optional.empty();
            }
        }
    }

    /** Starts {@code call}; an upstream failure becomes a degradation note named {@code what}. */
    <T> Pending<T> start(String what, Callable<Optional<T>> call) {
        return new Pending<>(what, threads.submit(() -> {
            try {
                return call.call();
            } catch (UpstreamException.RateLimited | UpstreamException.CredentialsRejected stop) {
                throw stop;
            } catch (UpstreamException e) {
                degradations.add(what + " unavailable: " + e.getMessage());
                return Optional.empty();
            }
        }));
    }

    /** What failed so far. */
    List<String> degradations() {
        return List.copyOf(degradations);
    }

    @Override
    public void close() {
        threads.close();
    }
}
