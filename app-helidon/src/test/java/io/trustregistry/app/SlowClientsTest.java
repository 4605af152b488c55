package io.trustregistry.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.trustregistry.testkit.HubFixtures;

/**
 * Slowloris and friends: clients that open connections and send their headers slowly, or stop
 * halfway, to hold the server's sockets. The server closes each within its header timeout
 * ({@code REGISTRY_HEADER_TIMEOUT}) and keeps answering everyone else meanwhile.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlowClientsTest {

    private static final long TIMEOUT_MS = 2_000;
    private TestServer t;

    @BeforeAll
    void start() {
        t = TestServer.start(Map.of("REGISTRY_HEADER_TIMEOUT", "PT2S", "REGISTRY_BODY_TIMEOUT", "PT2S",
                "REGISTRY_IDLE_TIMEOUT", "PT4S", "REGISTRY_WRITE_TIMEOUT", "PT5S"));
    }

    @AfterAll
    void stop() {
        t.close();
    }

    private Socket open() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", t.server.port()), 5_000);
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Whether the server closed the connection: a read ends (EOF or reset) within {@code waitMs}. */
    private static boolean closedByServer(Socket socket, long waitMs) throws IOException {
        socket.setSoTimeout((int) Math.max(1, waitMs));
        try {
            InputStream in = socket.getInputStream();
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    @Test
    void twoThousandConnectionsStalledMidHeadersAreClosedWhileOthersAreServed() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try {
            long started = System.nanoTime();
            for (int i = 0; i < 2_000; i++) {
                Socket socket = open();
                send(socket, "GET /health HTTP/1.1\r\nHost: localhost\r\nX-Slow: ");
                stalled.add(socket);
            }
            // everyone else is still served while the stalled connections are held
            for (int i = 0; i < 5; i++) {
                long before = System.nanoTime();
                assertEquals(200, t.api.get("/health", null).status());
                assertTrue(System.nanoTime() - before < 2_000_000_000L, "a health check took over 2 s");
            }
            long deadline = started + (TIMEOUT_MS + 3_000) * 1_000_000L;
            int closed = 0;
            for (Socket socket : stalled) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (closedByServer(socket, Math.max(1, left))) {
                    closed++;
                }
            }
            assertEquals(stalled.size(), closed, "stalled connections the server closed within its header timeout");
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
        assertEquals(200, t.api.get("/health", null).status());
    }

    @Test
    void aClientTricklingItsHeadersIsCutOffAtTheTimeout() throws Exception {
        try (Socket socket = open()) {
            long started = System.nanoTime();
            String request = "GET /health HTTP/1.1\r\nHost: localhost\r\nX-Slow: " + "a".repeat(200);
            boolean cut = false;
            for (char c : request.toCharArray()) {
                try {
                    send(socket, String.valueOf(c));
                } catch (IOException e) {
                    cut = true;
                    break;
                }
                if (closedByServer(socket, 100)) {
                    cut = true;
                    break;
                }
            }
            long tookMs = (System.nanoTime() - started) / 1_000_000L;
            assertTrue(cut, "the server never cut the trickling client off");
            assertTrue(tookMs >= TIMEOUT_MS - 200 && tookMs < TIMEOUT_MS + 2_000, "cut off after " + tookMs + " ms");
        }
    }

    @Test
    void aSecondRequestStalledOnAKeptAliveConnectionIsClosedToo() throws Exception {
        try (Socket socket = open()) {
            send(socket, "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");
            socket.setSoTimeout(5_000);
            InputStream in = socket.getInputStream();
            byte[] head = new byte[12];
            assertEquals(12, in.readNBytes(head, 0, 12));
            assertEquals("HTTP/1.1 200", new String(head, StandardCharsets.US_ASCII));
            send(socket, "GET /health HTTP/1.1\r\nHost: localhost\r\nX-Slow: ");
            long started = System.nanoTime();
            socket.setSoTimeout((int) (TIMEOUT_MS + 3_000));
            boolean closed;
            try {
                while (in.read() >= 0) {
                    // the first answer's body, then nothing until the server closes
                }
                closed = true;
            } catch (SocketTimeoutException e) {
                closed = false;
            } catch (IOException reset) {
                closed = true;
            }
            assertTrue(closed, "the stalled second request kept the connection open");
            assertTrue(System.nanoTime() - started < (TIMEOUT_MS + 2_000) * 1_000_000L);
        }
    }

    /** Connections that never send a byte, or stop inside the request line, go at the header timeout too. */
    @Test
    void silentConnectionsAreClosedToo() throws Exception {
        List<Socket> silent = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                Socket socket = open();
                if (i % 2 == 1) {
                    send(socket, "GET /hea");
                }
                silent.add(socket);
            }
            long started = System.nanoTime();
            int closed = 0;
            for (Socket socket : silent) {
                long left = TIMEOUT_MS + 2_000 - (System.nanoTime() - started) / 1_000_000L;
                if (closedByServer(socket, Math.max(1, left))) {
                    closed++;
                }
            }
            assertEquals(silent.size(), closed, "silent connections the server closed within its header timeout");
        } finally {
            for (Socket socket : silent) {
                socket.close();
            }
        }
    }

    /** Between requests a kept-alive connection may stay quiet up to the idle timeout, not just the header timeout. */
    @Test
    void aKeptAliveConnectionMayIdleUpToTheIdleTimeout() throws Exception {
        try (Socket socket = open()) {
            send(socket, "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");
            socket.setSoTimeout(5_000);
            InputStream in = socket.getInputStream();
            assertEquals("HTTP/1.1 200", new String(in.readNBytes(12), StandardCharsets.US_ASCII));
            assertFalse(closedByServer(socket, TIMEOUT_MS + 500), "closed at the header timeout while idle");
            assertTrue(closedByServer(socket, 4_000 + 2_000), "an idle connection outlived the idle timeout");
        }
    }

    /** A body sent halfway and then held back (the slow-body attack) loses its connection at the body timeout. */
    @Test
    void aBodyStalledHalfwayIsClosedAtTheBodyTimeout() throws Exception {
        try (Socket socket = open()) {
            send(socket, "POST /artifacts HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "X-Authorization: " + t.api.admin() + "\r\nContent-Length: 100\r\n\r\n[{\"name\":");
            long started = System.nanoTime();
            assertTrue(closedByServer(socket, TIMEOUT_MS + 2_000), "the stalled body kept the connection open");
            long tookMs = (System.nanoTime() - started) / 1_000_000L;
            assertTrue(tookMs >= TIMEOUT_MS - 600, "closed after " + tookMs + " ms, before the body timeout");
        }
    }

    /**
     * A refusal that never reads the body (no token here) does not let the client hold the
     * connection by never sending it: Helidon would drain the body without end.
     */
    @Test
    void aBodyNeverSentAfterARefusalIsClosedToo() throws Exception {
        try (Socket socket = open()) {
            send(socket, "POST /artifacts HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n");
            assertTrue(closedByServer(socket, TIMEOUT_MS + 2_000), "the unsent body kept the connection open");
        }
    }

    /** A malformed Content-Length is the client's error (400), not the server's. */
    @Test
    void aMalformedContentLengthIsA400() throws Exception {
        try (Socket socket = open()) {
            send(socket, "POST /artifacts HTTP/1.1\r\nHost: localhost\r\nContent-Length: abc\r\n\r\n");
            socket.setSoTimeout(5_000);
            String answer = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 400", answer);
        }
    }

    /** A body read whole stops the clock: the connection may then idle between requests as any other. */
    @Test
    void aRequestWhoseBodyWasReadKeepsItsConnection() throws Exception {
        try (Socket socket = open()) {
            String body = "[{\"name\":\"*\"}]";
            send(socket, "POST /artifacts HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "X-Authorization: " + t.api.admin() + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
            socket.setSoTimeout(5_000);
            assertEquals("HTTP/1.1 200", new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII));
            assertFalse(closedByServer(socket, TIMEOUT_MS + 1_000), "closed at the body timeout after the body was read");
        }
    }

    /** A client that asks for a large download and never reads it (slow read) loses its connection at the write timeout. */
    @Test
    void aDownloadNobodyReadsIsClosedAtTheWriteTimeout() throws Exception {
        long size = 48L << 20;
        t.hub.addModel(new HubFixtures.Model("acme/unread", "# unread\n", Optional.of("mit"),
                HubFixtures.withReadme(Map.of("model.safetensors", size), "# unread\n"), List.of(), List.of(), 1, 0,
                Optional.empty()));
        String token = t.api.admin();
        String id = t.api.register(token, "model", "https://huggingface.co/acme/unread");
        try (Socket socket = open()) {
            send(socket, "GET /artifacts/model/" + id + "/download HTTP/1.1\r\nHost: localhost\r\nX-Authorization: "
                    + token + "\r\n\r\n");
            Thread.sleep(5_000 + 2_000);
            // the server gave up: what it sent is readable, then the stream ends well short of the artifact
            socket.setSoTimeout(10_000);
            long received = 0;
            boolean ended = false;
            try {
                InputStream in = socket.getInputStream();
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    received += n;
                }
                ended = true;
            } catch (SocketTimeoutException stillOpen) {
                ended = false;
            } catch (IOException reset) {
                ended = true;
            }
            assertTrue(ended, "the connection stayed open after " + received + " bytes");
            assertTrue(received < size, "the whole download arrived (" + received + " bytes): nothing was cut off");
        }
    }

    @Test
    void aCompleteRequestWithConnectionCloseIsAnsweredAndClosed() throws Exception {
        try (Socket socket = open()) {
            send(socket, "GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            socket.setSoTimeout(3_000);
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        }
    }
}
