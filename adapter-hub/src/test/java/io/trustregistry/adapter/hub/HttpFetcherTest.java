package io.trustregistry.adapter.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.trustregistry.core.error.UpstreamException;

/** What the one HTTP client does when the network, not the upstream's answer, goes wrong. */
class HttpFetcherTest {

    private RawServer server;

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    private static HttpFetcher fetcher(int attempts) {
        return new HttpFetcher(HubSettings.defaults().pointedAt("http://127.0.0.1:9").withAttempts(attempts),
                new CredentialHealth());
    }

    /** An https URL served by a plain-HTTP server (a misconfigured mirror, a port mix-up): named, not a Java class. */
    @Test
    void anHttpsUrlOnAPlainHttpServerIsAFailedTlsHandshake() throws IOException {
        // what the client takes for the server's hello is plain text: no request head to wait for
        server = RawServer.answeringAtOnce(out -> write(out, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"));
        URI uri = URI.create("https://127.0.0.1:" + server.port() + "/api/models/acme/x");
        UpstreamException.Unavailable e = assertThrows(UpstreamException.Unavailable.class,
                () -> fetcher(2).get(uri, Map.of(), 1024, false));
        assertEquals("could not fetch " + uri + " after 2 attempts: the TLS handshake failed", e.getMessage());
        assertTrue(server.accepted() >= 2, "each attempt tried again: " + server.accepted());
    }

    /** A body cut short by the upstream (a crash, a proxy timeout) is retried like any dropped connection. */
    @Test
    void aConnectionDroppedInTheMiddleOfTheBodyIsRetriedThenReported() throws IOException {
        server = RawServer.answering(out -> write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                + "Content-Length: 1000\r\n\r\n{\"id\":"));
        URI uri = URI.create("http://127.0.0.1:" + server.port() + "/api/models/acme/x");
        UpstreamException.Unavailable e = assertThrows(UpstreamException.Unavailable.class,
                () -> fetcher(3).get(uri, Map.of(), 4096, false));
        assertEquals("could not fetch " + uri + " after 3 attempts: the connection was dropped", e.getMessage());
        assertEquals(3, server.accepted());
    }

    /** A reset (a crashing upstream, a load balancer cutting it) is a dropped connection. */
    @Test
    void aResetConnectionIsADroppedOne() throws IOException {
        server = RawServer.resetting();
        URI uri = URI.create("http://127.0.0.1:" + server.port() + "/api/models/acme/x");
        UpstreamException.Unavailable e = assertThrows(UpstreamException.Unavailable.class,
                () -> fetcher(2).get(uri, Map.of(), 4096, false));
        assertEquals("could not fetch " + uri + " after 2 attempts: the connection was dropped", e.getMessage());
    }

    /** A server shutting down interrupts its request threads: the fetch stops at once and keeps the interrupt. */
    @Test
    void anInterruptedFetchStopsAndKeepsTheInterrupt() throws IOException {
        server = RawServer.answering(out -> write(out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"));
        URI uri = URI.create("http://127.0.0.1:" + server.port() + "/api/models/acme/x");
        Thread.currentThread().interrupt();
        try {
            UpstreamException.Unavailable e = assertThrows(UpstreamException.Unavailable.class,
                    () -> fetcher(3).get(uri, Map.of(), 4096, false));
            assertEquals("interrupted while fetching " + uri, e.getMessage());
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is not swallowed");
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void anInterruptDuringTheBackoffBeforeARetryStopsTheRetries() throws Exception {
        server = RawServer.answering(out -> write(out, "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n"));
        HubSettings base = HubSettings.defaults().pointedAt("http://127.0.0.1:9");
        // a long backoff, so that the interrupt lands in it and not in a request
        HubSettings slowRetries = new HubSettings(base.huggingFaceEndpoint(), Optional.empty(), base.gitHubApiUrl(),
                Optional.empty(), base.connectTimeout(), base.requestTimeout(), 3, Duration.ofSeconds(30),
                base.allowedNetworks(), base.maxReadmeBytes(), base.maxJsonBytes(), Duration.ofMinutes(5),
                base.maxCallsPerResolve(), base.maxRateLimitWait(), base.minTransferRate(), base.maxPages());
        HttpFetcher http = new HttpFetcher(slowRetries, new CredentialHealth());
        URI uri = URI.create("http://127.0.0.1:" + server.port() + "/api/models/acme/x");
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                http.get(uri, Map.of(), 4096, false);
            } catch (RuntimeException e) {
                failure.set(e);
            }
        });
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (server.accepted() < 1 && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        Thread.sleep(300);
        caller.interrupt();
        caller.join(Duration.ofSeconds(10));
        assertTrue(failure.get() instanceof UpstreamException.Unavailable, String.valueOf(failure.get()));
        assertEquals("interrupted while waiting to retry", failure.get().getMessage());
        assertEquals(1, server.accepted(), "no retry after the interrupt");
    }

    private static HttpFetcher.Answer linked(List<String> links) {
        return new HttpFetcher.Answer(200, new byte[0], Map.of("Link", links),
                URI.create("https://api.github.com/repositories/1/contributors?page=1"), null);
    }

    @Test
    void theNextPageIsTheFirstLinkOnTheSameHostMarkedNext() {
        assertEquals(Optional.of(URI.create("https://api.github.com/repositories/1/contributors?page=2")),
                HttpFetcher.nextPage(linked(List.of("<https://api.github.com/repositories/1/contributors?page=9>;"
                        + " rel=\"last\"", "<https://evil.example/steal?page=2>; rel=\"next\"",
                        "</repositories/1/contributors?page=2>; rel=\"next\""))));
        assertEquals(Optional.empty(), HttpFetcher.nextPage(linked(List.of("<?page=1>; rel=\"prev\""))));
        assertEquals(Optional.empty(), HttpFetcher.nextPage(linked(List.of())));
    }

    /** A next link that is no URL ends the paging, as a last page does, instead of failing the ingest. */
    @Test
    void aNextLinkThatIsNoUrlEndsThePaging() {
        assertEquals(Optional.empty(), HttpFetcher.nextPage(linked(List.of("<http://[not a host/>; rel=\"next\""))));
        assertEquals(Optional.empty(), HttpFetcher.nextPage(linked(List.of("<a b c>; rel=next"))));
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Accepts connections, reads the request head, writes {@code answer}, and closes: a server as crude as needed. */
    private static final class RawServer implements AutoCloseable {
        private final ServerSocket socket;
        private final AtomicInteger accepted = new AtomicInteger();

        private RawServer(ServerSocket socket, boolean waitForHead, boolean reset, IoConsumer answer) {
            this.socket = socket;
            Thread.ofVirtual().start(() -> {
                while (!socket.isClosed()) {
                    try (Socket client = socket.accept()) {
                        accepted.incrementAndGet();
                        if (waitForHead) {
                            readHead(client.getInputStream());
                        }
                        if (reset) {
                            client.setSoLinger(true, 0);
                        } else {
                            answer.accept(client.getOutputStream());
                        }
                    } catch (IOException e) {
                        // the client hung up, or the server closed
                    }
                }
            });
        }

        static RawServer answering(IoConsumer answer) throws IOException {
            return new RawServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), true, false, answer);
        }

        static RawServer answeringAtOnce(IoConsumer answer) throws IOException {
            return new RawServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), false, false, answer);
        }

        /** Reads the request, then closes with a reset (RST) instead of answering. */
        static RawServer resetting() throws IOException {
            return new RawServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), true, true, out -> { });
        }

        int port() {
            return socket.getLocalPort();
        }

        int accepted() {
            return accepted.get();
        }

        private static void readHead(InputStream in) throws IOException {
            int matched = 0;
            for (int b; matched < 4 && (b = in.read()) >= 0; ) {
                matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** What the server writes back. */
    @FunctionalInterface
    private interface IoConsumer {
        void accept(OutputStream out) throws IOException;
    }
}
