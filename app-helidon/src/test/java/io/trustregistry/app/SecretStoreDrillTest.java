package io.trustregistry.app;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.trustregistry.adapter.filesystem.AtomicFiles;
import io.trustregistry.app.Drill.Expect;
import io.trustregistry.app.Drill.Load;
import io.trustregistry.app.Drill.Op;
import io.trustregistry.app.Drill.Outcome;
import io.trustregistry.app.Drill.Phase;
import io.trustregistry.core.DefaultAdmin;
import io.trustregistry.core.error.DependencyUnavailableException;

/**
 * The disaster drill for the secret store. What it holds is the token signing key when none is
 * configured (on AWS, REGISTRY_JWT_SECRET and REGISTRY_DB_PASSWORD come from Secrets Manager,
 * resolved by ECS into the task's environment before the registry starts). Every backend's key
 * is read once, at start: losing the store mid-load must change nothing for the running server
 * (logins sign, tokens verify, everything else goes on), and a server started while it is gone
 * must refuse to start with a message naming it, never make a new key that would sign everyone
 * out. Once the key is back, a server starts and the tokens signed before still verify.
 */
@Tag("e2e")
class SecretStoreDrillTest {

    private Path data;
    private final List<TestServer> servers = new ArrayList<>();

    @BeforeEach
    void createDataDirectory() throws Exception {
        data = Files.createTempDirectory("registry-secret-drill-");
    }

    @AfterEach
    void stop() {
        servers.forEach(TestServer::close);
        AtomicFiles.deleteRecursively(data);
    }

    private TestServer start() {
        Map<String, String> env = new HashMap<>(StorageOutageDrillTest.loadSettings());
        env.put("REGISTRY_DATA_DIR", data.toString());
        TestServer server = TestServer.start(env);
        servers.add(server);
        return server;
    }

    @Test
    void losingTheSecretStoreMidLoadChangesNothingAndARestartRefusesToGuess() throws Exception {
        TestServer t = start();
        String token = t.api.admin();
        String seed = t.api.register(token, "model", "https://huggingface.co/acme/tiny-model");
        List<Op> mix = new ArrayList<>(StorageOutageDrillTest.mix(token, seed));
        // a login signs a new token with the key, and the next call verifies it
        mix.add(new Op("login", api -> api.get("/artifacts/model/" + seed, api.admin())));
        Map<String, Expect> expect = new HashMap<>();
        mix.forEach(op -> expect.put(op.name(), Expect.unaffected()));
        Path secret = data.resolve("jwt-secret");
        Path kept = data.getParent().resolve(data.getFileName() + "-jwt-secret.kept");
        assertTrue(Files.exists(secret), "the server generated its key into the data directory");
        Load load = new Load(t.api, 8, mix);
        try {
            load.runFor(Duration.ofSeconds(1));
            // the store is gone: the key moved away and its place taken by something unreadable as a key
            Files.move(secret, kept);
            Files.createDirectory(secret);
            load.enter(Phase.OUTAGE);
            load.runFor(Duration.ofSeconds(2));
            load.enter(Phase.AFTER);
        } finally {
            load.close();
        }
        List<Outcome> outcomes = load.outcomes();
        System.out.println("drill secret store: \n" + Drill.summary(outcomes));
        Drill.judge(outcomes, expect, Duration.ofSeconds(1), 3);
        Drill.assertNothingHalfWritten(t.api, token, outcomes, Set.of(seed));
        t.close();
        servers.remove(t);

        long started = System.nanoTime();
        DependencyUnavailableException refused = assertThrows(DependencyUnavailableException.class, this::start);
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("start without the secret store refused in " + millis + " ms: " + refused.getMessage());
        assertTrue(refused.getMessage().contains("jwt-secret") && refused.getMessage().contains("restore it"),
                refused.getMessage());
        assertTrue(Files.isDirectory(secret), "no new key was made in the old one's place");

        Files.delete(secret);
        Files.move(kept, secret);
        TestServer again = start();
        again.api.get("/artifacts/model/" + seed, token).expect(200);
        again.api.login(DefaultAdmin.NAME, DefaultAdmin.PASSWORDS.get(0));
    }
}
