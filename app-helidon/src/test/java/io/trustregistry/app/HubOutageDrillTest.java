package io.trustregistry.app;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.trustregistry.app.Drill.Expect;
import io.trustregistry.app.Drill.Load;
import io.trustregistry.app.Drill.Op;
import io.trustregistry.app.Drill.Outcome;
import io.trustregistry.app.Drill.Phase;
import io.trustregistry.testkit.ChaosProxy;
import io.trustregistry.testkit.FakeHub;
import io.trustregistry.testkit.FakeKaggle;
import io.trustregistry.testkit.HubFixtures;

/**
 * Disaster drills for the upstream hubs: Hugging Face, GitHub and Kaggle each taken away (its
 * port refusing connections) or left hanging (a partition: connections accepted, nothing
 * answered) while ten clients read, search, download and register from all three. Registrations
 * from the lost hub answer 502 naming it (the contract's "upstream unreachable"), within the
 * registration's deadline; everything else, registrations from the other hubs included, is
 * unaffected and within a second; {@code /health/components} reports the hub while it is away;
 * registrations from it succeed again once it is back, without a restart.
 */
@Tag("e2e")
class HubOutageDrillTest {

    private static final int CLIENTS = 10;
    private static final Duration OUTAGE = Duration.ofSeconds(2);
    /** The drill's registration deadline: a hanging hub costs at most this (REGISTRY_HUB_RESOLVE_DEADLINE). */
    private static final String RESOLVE_DEADLINE = "PT2S";

    private static FakeHub hub;
    private static FakeKaggle kaggle;
    private static ChaosProxy huggingFace;
    private static ChaosProxy gitHub;
    private static ChaosProxy kaggleApi;
    private static TestServer t;
    private static String token;
    private static String seed;

    @BeforeAll
    static void start() {
        hub = FakeHub.serving(HubFixtures.standard());
        kaggle = FakeKaggle.start();
        kaggle.add(FakeKaggle.dataset("uciml", "iris").title("Iris Species").license("CC0: Public Domain")
                .description("# Iris\n\nThe classic flower measurements.").file("Iris.csv", 5_107).build());
        int hubPort = Integer.parseInt(hub.baseUrl().replaceAll(".*:", ""));
        huggingFace = ChaosProxy.to("127.0.0.1", hubPort);
        gitHub = ChaosProxy.to("127.0.0.1", hubPort);
        int kagglePort = Integer.parseInt(kaggle.baseUrl().replaceAll(".*:([0-9]+)/.*", "$1"));
        kaggleApi = ChaosProxy.to("127.0.0.1", kagglePort);
        Map<String, String> env = new HashMap<>(StorageOutageDrillTest.loadSettings());
        env.put("HF_ENDPOINT", "http://127.0.0.1:" + huggingFace.port());
        env.put("GITHUB_API_URL", "http://127.0.0.1:" + gitHub.port());
        env.put("KAGGLE_API_URL", "http://127.0.0.1:" + kaggleApi.port() + "/api/v1");
        env.put("KAGGLE_USERNAME", FakeKaggle.USERNAME);
        env.put("KAGGLE_KEY", FakeKaggle.KEY);
        // a hanging hub is given up on within these; the defaults (30 s a call, 60 s a registration) are for the internet
        env.put("REGISTRY_HUB_TIMEOUT", "PT0.5S");
        env.put("REGISTRY_HUB_RESOLVE_DEADLINE", RESOLVE_DEADLINE);
        t = TestServer.start(env);
        token = t.api.admin();
        seed = t.api.register(token, "model", "https://huggingface.co/acme/tiny-model");
    }

    @AfterEach
    void restoreAll() {
        huggingFace.restore();
        gitHub.restore();
        kaggleApi.restore();
    }

    @AfterAll
    static void stop() {
        t.close();
        huggingFace.close();
        gitHub.close();
        kaggleApi.close();
        kaggle.close();
        hub.close();
    }

    private static List<Op> mix() {
        return List.of(
                new Op("read", api -> api.get("/artifacts/model/" + seed, token)),
                new Op("search", api -> api.post("/artifacts", token, "[{\"name\":\"*\"}]")),
                new Op("download", api -> api.get("/artifacts/model/" + seed + "/download", token)),
                new Op("register-huggingface", api -> api.post("/artifact/model", token,
                        "{\"url\":\"https://huggingface.co/acme/tiny-model\"}")),
                new Op("register-github", api -> api.post("/artifact/code", token,
                        "{\"url\":\"https://github.com/acme/tiny-code\"}")),
                new Op("register-kaggle", api -> api.post("/artifact/dataset", token,
                        "{\"url\":\"https://www.kaggle.com/datasets/uciml/iris\"}")));
    }

    @Test
    void huggingFaceDown() {
        drill(huggingFace, false, "hub-huggingface", "register-huggingface", "Hugging Face", "HF_ENDPOINT");
    }

    @Test
    void huggingFaceHanging() {
        drill(huggingFace, true, "hub-huggingface", "register-huggingface", "Hugging Face", "HF_ENDPOINT");
    }

    @Test
    void gitHubHanging() {
        drill(gitHub, true, "hub-github", "register-github", "GitHub", "GITHUB_API_URL");
    }

    @Test
    void kaggleDown() {
        drill(kaggleApi, false, "hub-kaggle", "register-kaggle", "Kaggle", "KAGGLE_API_URL");
    }

    private void drill(ChaosProxy upstream, boolean hang, String component, String affected, String... words) {
        Map<String, Expect> expect = new HashMap<>();
        for (Op op : mix()) {
            expect.put(op.name(), op.name().equals(affected) ? Expect.failure(502, words) : Expect.unaffected());
        }
        Load.awaitTrue(Duration.ofSeconds(10), component + " healthy", () -> Drill.component(t.api.get(
                "/health/components", null).expect(200).json(), component).equals("ok"));
        Set<String> before = new HashSet<>();
        t.api.post("/artifacts", token, "[{\"name\":\"*\"}]").expect(200).json().forEach(a -> before.add(a.path("id")
                .asText()));
        Duration noticed;
        Duration recovery;
        Load load = new Load(t.api, CLIENTS, mix());
        try {
            load.runFor(Duration.ofMillis(500));
            if (hang) {
                upstream.blackhole();
            } else {
                upstream.cut();
            }
            load.enter(Phase.OUTAGE);
            long end = System.nanoTime() + OUTAGE.toNanos();
            // health names the hub as soon as a probe or a registration has found it gone
            noticed = Load.awaitTrue(Duration.ofSeconds(5), component + " reported", () -> !Drill.component(
                    t.api.get("/health/components", null).expect(200).json(), component).equals("ok"));
            do {
                Drill.assertHealth(t.api, component, "critical", Duration.ofSeconds(3));
                Drill.pause(300);
            } while (System.nanoTime() < end);
            load.enter(Phase.RECOVERY);
            upstream.restore();
            recovery = Load.awaitTrue(Duration.ofSeconds(15), "recovery", () -> load.outcomes().stream()
                    .anyMatch(o -> o.started() == Phase.RECOVERY && o.op().equals(affected) && o.ok()));
            Load.awaitTrue(Duration.ofSeconds(10), component + " healthy again", () -> Drill.component(
                    t.api.get("/health/components", null).expect(200).json(), component).equals("ok"));
            load.enter(Phase.AFTER);
            load.runFor(Duration.ofMillis(500));
        } finally {
            load.close();
        }
        List<Outcome> outcomes = load.outcomes();
        System.out.println("drill " + component + (hang ? " hanging" : " down") + ": health reported it "
                + noticed.toMillis() + " ms after the cut; a registration succeeded " + recovery.toMillis()
                + " ms after the return\n" + Drill.summary(outcomes) + "sample " + affected + ": "
                + Drill.sampleMessage(outcomes, affected, 502));
        // registrations from the lost hub end within its deadline (a hang) or its retries (refused); the rest within 1 s
        Map<String, Expect> fast = new HashMap<>(expect);
        fast.remove(affected);
        Drill.judge(outcomes.stream().filter(o -> !o.op().equals(affected)).toList(), fast, Duration.ofSeconds(1), 3);
        Duration bound = hang ? Duration.parse(RESOLVE_DEADLINE).plusMillis(1_000) : Duration.ofMillis(2_000);
        Drill.judge(outcomes.stream().filter(o -> o.op().equals(affected)).toList(), Map.of(affected,
                expect.get(affected)), bound, 2);
        Drill.assertNothingHalfWritten(t.api, token, outcomes, before);
    }
}
