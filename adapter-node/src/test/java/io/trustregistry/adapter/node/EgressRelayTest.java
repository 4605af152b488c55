package io.trustregistry.adapter.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relay on its own, as a program past every in-process layer would use it: it writes its own
 * destination lines, opens as many connections as it likes, or opens one and says nothing.
 */
class EgressRelayTest {

    @TempDir
    Path temp;

    private NodeMonitorSettings allowing(String host) {
        return new NodeMonitorSettings(Path.of("node"), temp.resolve("work"), Duration.ofSeconds(5), 256L << 20, 4096, 1,
                List.of(NodeMonitorSettings.AllowedHost.parse(host)), NodeMonitorSettings.Isolation.SANDBOX);
    }

    /** Connects to the relay, writes {@code line} and returns all it answers until it closes. */
    private static String exchange(Path socket, String line) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            try {
                channel.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII)));
            } catch (IOException closedAlready) {
                return "";
            }
            return readToEnd(channel);
        }
    }

    private static String readToEnd(SocketChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        StringBuilder text = new StringBuilder();
        try {
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                text.append(StandardCharsets.US_ASCII.decode(buffer));
                buffer.clear();
            }
        } catch (IOException reset) {
            // a connection the relay cuts may end in a reset rather than an end of stream
        }
        return text.toString();
    }

    /** A run may open 16 connections, whatever became of them; the 17th is closed unread, even to an allowed host. */
    @Test
    void aRunOpensAtMostSixteenConnections() throws IOException {
        Path socket = temp.resolve("egress.sock");
        try (LoopbackListener target = target(); EgressRelay relay = EgressRelay.start(allowing("127.0.0.1:" + target.port()),
                socket)) {
            String allowed = "127.0.0.1:" + target.port() + "\n";
            // one that closes before naming a destination, and lines that name none the relay may reach
            try (SocketChannel early = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                early.connect(UnixDomainSocketAddress.of(socket));
            }
            for (String refused : List.of("127.0.0.2:" + target.port() + "\n", "127.0.0.1:99999\n", "127.0.0.1:http\n",
                    ":" + target.port() + "\n", "127.0.0.1\n")) {
                assertEquals("", exchange(socket, refused), refused);
            }
            for (int i = 0; i < 10; i++) {
                assertEquals(LoopbackListener.NO_CONTENT, exchange(socket, allowed), "connection " + (i + 7));
            }
            assertEquals("", exchange(socket, allowed), "the 17th");
            assertEquals(10, target.accepted());
        }
    }

    /** A connection that names no destination is cut after five seconds instead of holding a slot for the run. */
    @Test
    void aConnectionThatNamesNoDestinationIsCutAfterFiveSeconds() throws IOException {
        Path socket = temp.resolve("egress.sock");
        try (LoopbackListener target = target(); EgressRelay relay = EgressRelay.start(allowing("127.0.0.1:" + target.port()),
                socket)) {
            long started = System.nanoTime();
            assertEquals("", exchange(socket, "127.0.0.1:" + target.port()), "no newline: the line never ends");
            Duration waited = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(waited.compareTo(Duration.ofMillis(4_500)) >= 0 && waited.compareTo(Duration.ofSeconds(15)) < 0,
                    waited.toString());
            assertEquals(0, target.accepted());
        }
    }

    /** Closing the relay (the run ended) cuts a connection still relaying. */
    @Test
    void closingTheRelayCutsOpenConnections() throws Exception {
        Path socket = temp.resolve("egress.sock");
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            EgressRelay relay = EgressRelay.start(allowing("127.0.0.1:" + silent.getLocalPort()), socket);
            try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                channel.connect(UnixDomainSocketAddress.of(socket));
                channel.write(ByteBuffer.wrap(("127.0.0.1:" + silent.getLocalPort() + "\n").getBytes(StandardCharsets.US_ASCII)));
                try (Socket reached = silent.accept()) {
                    long started = System.nanoTime();
                    relay.close();
                    assertEquals("", readToEnd(channel));
                    assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(3)) < 0);
                    assertEquals(-1, reached.getInputStream().read(), "the outside end is closed too");
                }
            }
        }
    }

    /** An allowed host: answers {@link LoopbackListener#NO_CONTENT} to every connection and closes it. */
    private static LoopbackListener target() throws IOException {
        return LoopbackListener.on("127.0.0.1", LoopbackListener.NO_CONTENT);
    }
}
