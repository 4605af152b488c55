package io.trustregistry.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;


import io.trustregistry.app.Drill.Expect;
import io.trustregistry.app.Drill.Load;
import io.trustregistry.app.Drill.Op;
import io.trustregistry.app.Drill.Outcome;
import io.trustregistry.app.Drill.Phase;
import io.trustregistry.testkit.ChaosProxy;

/**
 * Disaster drills for the storage of the AWS deployment: PostgreSQL (catalog, users, tokens,
 * audit, the generated signing key) and S3 (artifact files) each taken away while twelve
 * clients read, search, rate, register and download, then brought back. Every answer during the
 * outage must come within a second, as a success when the request does not need the lost
 * dependency, else as a 503 naming it and what to check; {@code /health/components} reports it
 * throughout; service resumes without a restart; nothing half-written is visible afterwards.
 * The figures in docs/operations.md ("Disaster drills") come from this test's output.
 */
@Tag("e2e")
class StorageOutageDrillTest {

    private static final Pattern HOST_PORT = Pattern.compile("//([^/:?]+):(\\d+)");
    private static final int CLIENTS = 12;
    /** Long enough for every kind of request to be tried a few times: during a PostgreSQL outage each takes 0.5 s. */
    private static final Duration OUTAGE = Duration.ofSeconds(3);
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(1);

    private Backends.Shared shared;
    private ChaosProxy database;
    private ChaosProxy storage;
    private TestServer t;
    private String token;
    private String seed;

    @BeforeEach
    void start() {
        shared = Backends.Shared.fresh();
        Map<String, String> env = new HashMap<>(shared.env());
        Matcher db = HOST_PORT.matcher(env.get("REGISTRY_DB_URL"));
        assertTrue(db.find(), env.get("REGISTRY_DB_URL"));
        database = ChaosProxy.to(db.group(1), Integer.parseInt(db.group(2)));
        env.put("REGISTRY_DB_URL", db.replaceFirst("//127.0.0.1:" + database.port()));
        Matcher s3 = HOST_PORT.matcher(env.get("REGISTRY_S3_ENDPOINT"));
        assertTrue(s3.find());
        storage = ChaosProxy.to(s3.group(1), Integer.parseInt(s3.group(2)));
        env.put("REGISTRY_S3_ENDPOINT", "http://127.0.0.1:" + storage.port());
        env.putAll(loadSettings());
        t = TestServer.start(env);
        token = t.api.admin();
        seed = t.api.register(token, "model", "https://huggingface.co/acme/tiny-model");
    }

    /** Settings that let one user drive the load: its token's use count and rate are not what a drill tests. */
    static Map<String, String> loadSettings() {
        return Map.of("REGISTRY_TOKEN_MAX_USES", "1000000", "REGISTRY_USER_RATE", "100000",
                "REGISTRY_USER_BURST", "100000", "REGISTRY_PAGE_SIZE", "1000");
    }

    @AfterEach
    void stop() {
        database.restore();
        storage.restore();
        t.close();
        database.close();
        storage.close();
        shared.drop();
    }

    /** The mix every drill runs: reads, searches, a rating, registrations through the fake hub, downloads. */
    static List<Op> mix(String token, String id) {
        return List.of(
                new Op("read", api -> api.get("/artifacts/model/" + id, token)),
                new Op("search", api -> api.post("/artifacts", token, "[{\"name\":\"*\"}]")),
                new Op("regex", api -> api.post("/artifact/byRegEx", token, "{\"regex\":\"tiny\"}")),
                new Op("rate", api -> api.get("/artifact/model/" + id + "/rate", token)),
                new Op("register", api -> api.post("/artifact/model", token,
                        "{\"url\":\"https://huggingface.co/acme/tiny-model\"}")),
                new Op("download", api -> api.get("/artifacts/model/" + id + "/download", token)));
    }

    @Test
    void postgresLostUnderLoad() {
        Map<String, Expect> expect = new HashMap<>();
        // every request but /health needs PostgreSQL: the token is checked there first
        for (Op op : mix(token, seed)) {
            expect.put(op.name(), Expect.failure(503, "PostgreSQL at 127.0.0.1:" + database.port(), "REGISTRY_DB_URL"));
        }
        List<Outcome> outcomes = drill(database, "catalog", expect);
        Drill.assertNothingHalfWritten(t.api, token, outcomes, Set.of(seed));
    }

    @Test
    void s3LostUnderLoad() {
        Map<String, Expect> expect = new HashMap<>();
        for (String op : List.of("read", "search", "regex", "rate")) {
            expect.put(op, Expect.unaffected());
        }
        expect.put("register", Expect.failure(503, "S3 bucket", "REGISTRY_S3_BUCKET"));
        expect.put("download", Expect.failure(503, "S3 bucket", "REGISTRY_S3_BUCKET"));
        List<Outcome> outcomes = drill(storage, "blob-store", expect);
        Drill.assertNothingHalfWritten(t.api, token, outcomes, Set.of(seed));
    }

    private List<Outcome> drill(ChaosProxy dependency, String component, Map<String, Expect> expect) {
        Drill.assertHealth(t.api, component, "ok", Duration.ofSeconds(3));
        Duration noticed;
        Duration recovery;
        Load load = new Load(t.api, CLIENTS, mix(token, seed));
        try {
            load.runFor(Duration.ofSeconds(1));
            dependency.cut();
            load.enter(Phase.OUTAGE);
            long end = System.nanoTime() + OUTAGE.toNanos();
            noticed = Load.awaitTrue(Duration.ofSeconds(2), component + " reported", () -> Drill.component(
                    t.api.get("/health/components", null).expect(200).json(), component).equals("critical"));
            while (System.nanoTime() < end) {
                // health reports the outage throughout, and answers promptly while it lasts
                Drill.assertHealth(t.api, component, "critical", Duration.ofSeconds(2));
                Drill.pause(300);
            }
            load.enter(Phase.RECOVERY);
            dependency.restore();
            recovery = Load.awaitTrue(Duration.ofSeconds(15), "recovery", () -> t.api.get("/artifacts/model/" + seed,
                    token).status() == 200 && t.api.get("/artifacts/model/" + seed + "/download", token).status() == 200);
            Drill.assertHealth(t.api, component, "ok", Duration.ofSeconds(3));
            load.enter(Phase.AFTER);
            load.runFor(Duration.ofSeconds(1));
        } finally {
            load.close();
        }
        List<Outcome> outcomes = load.outcomes();
        System.out.println("drill " + component + ": reported " + noticed.toMillis() + " ms after the cut, recovered "
                + recovery.toMillis() + " ms after the return\n"
                + Drill.summary(outcomes));
        expect.forEach((op, e) -> {
            if (!e.words().isEmpty()) {
                System.out.println("sample " + op + ": " + Drill.sampleMessage(outcomes, op, 503));
            }
        });
        // at least one of each kind during the outage: on a loaded machine a slow kind may manage only one
        Drill.judge(outcomes, expect, ANSWER_BOUND, 1);
        return outcomes;
    }
}
