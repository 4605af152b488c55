package io.trustregistry.adapter.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.trustregistry.core.error.UpstreamException;

/** The secondary calls of one ingest: a failure thins the evidence, unless it concerns every call. */
class GathererTest {

    @Test
    void anUpstreamFailureBecomesANoteAndAnEmptyPiece() {
        try (Gatherer gatherer = new Gatherer()) {
            Gatherer.Pending<String> readme = gatherer.start("README", () -> {
                throw new UpstreamException.Unavailable("HTTP 502 from hub", null);
            });
            Gatherer.Pending<String> config = gatherer.start("config", () -> Optional.of("{}"));
            assertEquals(Optional.empty(), readme.get());
            assertEquals(Optional.of("{}"), config.get());
            assertEquals(List.of("README unavailable: HTTP 502 from hub"), gatherer.degradations());
        }
    }

    /** A rate limit stops the whole registration (503 with the wait), whichever call met it. */
    @Test
    void aRateLimitInAnyCallIsRethrownAsItIs() {
        UpstreamException.RateLimited limit = new UpstreamException.RateLimited("hub is rate-limiting the registry",
                Optional.of(Duration.ofSeconds(30)));
        try (Gatherer gatherer = new Gatherer()) {
            Gatherer.Pending<String> commits = gatherer.start("commits", () -> {
                throw limit;
            });
            assertSame(limit, assertThrows(UpstreamException.RateLimited.class, commits::get));
            assertEquals(List.of(), gatherer.degradations(), "not a gap in the evidence");
        }
    }

    @Test
    void refusedCredentialsAreRethrownToo() {
        UpstreamException.CredentialsRejected refused = new UpstreamException.CredentialsRejected("token refused");
        try (Gatherer gatherer = new Gatherer()) {
            Gatherer.Pending<String> call = gatherer.start("contributors", () -> {
                throw refused;
            });
            assertSame(refused, assertThrows(UpstreamException.CredentialsRejected.class, call::get));
        }
    }

    /** A bug in reading one piece (an unexpected exception) costs that piece, not the registration. */
    @Test
    void anUnexpectedExceptionInACallCostsOnlyItsPiece() {
        try (Gatherer gatherer = new Gatherer()) {
            Gatherer.Pending<Integer> size = gatherer.start("file sizes", () -> {
                throw new IllegalStateException("no size in the answer");
            });
            assertEquals(Optional.empty(), size.get());
            assertEquals(List.of("file sizes: no size in the answer"), gatherer.degradations());
        }
    }

    /** The request thread interrupted (a server shutting down): the piece is missing, and the interrupt stays. */
    @Test
    void anInterruptWhileWaitingLeavesThePieceEmptyAndKeepsTheInterrupt() throws InterruptedException {
        CountDownLatch never = new CountDownLatch(1);
        try (Gatherer gatherer = new Gatherer()) {
            Gatherer.Pending<String> slow = gatherer.start("discussions", () -> {
                never.await(10, TimeUnit.SECONDS);
                return Optional.of("late");
            });
            Thread.currentThread().interrupt();
            try {
                assertEquals(Optional.empty(), slow.get());
                assertTrue(Thread.currentThread().isInterrupted());
            } finally {
                Thread.interrupted();
            }
            assertEquals(List.of("discussions: interrupted"), gatherer.degradations());
            never.countDown();
        }
    }
}
