package io.trustregistry.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Input that storage cannot hold (a NUL byte) and bodies cut short are the client's mistakes,
 * answered 400 on the filesystem and on PostgreSQL + S3 alike, never 500.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputOnEveryBackendTest {

    private EveryBackend backends;

    @BeforeAll
    void start() {
        backends = EveryBackend.start();
    }

    @AfterAll
    void stop() {
        backends.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET /artifact/byName/a%00b", "DELETE /users/a%00b",
            "POST /artifacts [{\"name\":\"a\\u0000b\"}]",
            "PUT /authenticate {\"user\":{\"name\":\"a\\u0000b\",\"is_admin\":false},\"secret\":{\"password\":\"x\"}}",
            "POST /users {\"user\":{\"name\":\"a\\u0000b\",\"is_admin\":false},\"secret\":{\"password\":\"long-enough\"}}",
            "POST /artifact/model {\"url\":\"https://huggingface.co/acme/tiny-model\",\"name\":\"a\\u0000b\"}"})
    void aNulByteIsRefusedWith400(String request) {
        String[] parts = request.split(" ", 3);
        for (TestServer t : backends.servers()) {
            String token = parts[1].equals("/authenticate") ? null : t.api.admin();
            Api.Reply reply = t.api.send(parts[0], parts[1], token, parts.length > 2 ? parts[2] : null);
            assertEquals(400, reply.status(), request + " -> " + reply.text());
            reply.expectError(400);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/authenticate", "/artifacts"})
    void aBodyShorterThanItsContentLengthIsA400(String path) throws Exception {
        for (TestServer t : backends.servers()) {
            int port = Integer.parseInt(t.baseUrl().replaceAll(".*:", ""));
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                String method = path.equals("/authenticate") ? "PUT" : "POST";
                out.write((method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 100\r\nConnection: close\r\n\r\n{\"user\":").getBytes(StandardCharsets.UTF_8));
                out.flush();
                socket.shutdownOutput();
                InputStream in = socket.getInputStream();
                String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                String status = answer.isEmpty() ? "(connection closed)" : answer.substring(0, answer.indexOf('\r'));
                assertTrue(status.equals("(connection closed)") || status.matches("HTTP/1.1 4\\d\\d.*"),
                        path + " -> " + status);
            }
        }
        // and the server is still well
        for (TestServer t : backends.servers()) {
            t.api.get("/health", null).expect(200);
        }
    }
}
