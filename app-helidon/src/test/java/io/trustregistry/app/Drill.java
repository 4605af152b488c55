package io.trustregistry.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A disaster drill's load and its verdicts: {@code clients} virtual threads send a mix of
 * requests in turn while the test takes a dependency away and brings it back, and every answer
 * is kept with the phase it started and ended in, so the drill can judge each one.
 */
final class Drill {

    /** Where the drill stands when a request starts or ends. */
    enum Phase { BEFORE, OUTAGE, RECOVERY, AFTER }

    /** One kind of request in the mix. */
    record Op(String name, Function<Api, Api.Reply> call) {
    }

    /** One answer: {@code status} -1 when the client itself gave up (no answer at all). */
    record Outcome(String op, Phase started, Phase ended, int status, long millis, String body) {

        boolean straddles() {
            return started != ended;
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }

        @Override
        public String toString() {
            return op + " " + started + (straddles() ? "->" + ended : "") + " " + status + " in " + millis + " ms: "
                    + (body.length() > 400 ? body.substring(0, 400) + "..." : body);
        }
    }

    /** What a request of one kind must answer while the dependency is away. */
    record Expect(Set<Integer> statuses, List<String> words) {

        /** It does not need the dependency: it succeeds as before. */
        static Expect unaffected() {
            return new Expect(Set.of(200, 201), List.of());
        }

        /** It succeeds, or fails with {@code status} and a message containing every one of {@code words}. */
        static Expect either(int status, String... words) {
            return new Expect(Set.of(200, 201, status), List.of(words));
        }

        /** It fails with {@code status} and a message containing every one of {@code words}. */
        static Expect failure(int status, String... words) {
            return new Expect(Set.of(status), List.of(words));
        }
    }

    private Drill() {
    }

    /** The running load. */
    static final class Load implements AutoCloseable {

        private final Api api;
        private final List<Op> mix;
        private final List<Thread> clients = new ArrayList<>();
        private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        private volatile Phase phase = Phase.BEFORE;
        private volatile boolean running = true;

        Load(Api api, int clients, List<Op> mix) {
            this.api = api;
            this.mix = List.copyOf(mix);
            for (int i = 0; i < clients; i++) {
                int first = i;
                this.clients.add(Thread.ofVirtual().name("drill-client-" + i).start(() -> run(first)));
            }
        }

        private void run(int first) {
            for (int n = first; running; n++) {
                Op op = mix.get(n % mix.size());
                Phase at = phase;
                long started = System.nanoTime();
                int status;
                String body;
                try {
                    Api.Reply reply = op.call().apply(api);
                    status = reply.status();
                    body = reply.text();
                } catch (RuntimeException e) {
                    status = -1;
                    body = e.toString();
                }
                outcomes.add(new Outcome(op.name(), at, phase, status, (System.nanoTime() - started) / 1_000_000, body));
                pause(20); // a client thinks between calls; two shared cores must also run the server
            }
        }

        /** Moves the drill on: requests started from now on belong to {@code next}. */
        void enter(Phase next) {
            phase = next;
        }

        /** Lets the load run for {@code time}. */
        void runFor(Duration time) {
            pause(time.toMillis());
        }

        /**
         * Waits (at most {@code deadline}) until {@code condition} holds, checking every 100 ms.
         *
         * @return how long it took
         */
        static Duration awaitTrue(Duration deadline, String what, BooleanSupplier condition) {
            long started = System.nanoTime();
            long end = started + deadline.toNanos();
            while (!condition.getAsBoolean()) {
                assertTrue(System.nanoTime() - end < 0, what + " did not happen within " + deadline);
                pause(100);
            }
            return Duration.ofNanos(System.nanoTime() - started);
        }

        /** Every answer so far. */
        List<Outcome> outcomes() {
            return List.copyOf(outcomes);
        }

        @Override
        public void close() {
            running = false;
            for (Thread client : clients) {
                try {
                    assertTrue(client.join(Duration.ofSeconds(40)), "a drill client is still waiting for an answer");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    /**
     * The verdict on a drill's answers: before the outage and after recovery everything
     * succeeds; during it, each request answers within {@code bound} as {@code expect} says for
     * its kind, and every kind was tried at least {@code minimumPerOp} times; a request that
     * straddles the cut or the return answers either way.
     */
    static void judge(List<Outcome> outcomes, Map<String, Expect> expect, Duration bound, int minimumPerOp) {
        List<String> wrong = new ArrayList<>();
        Map<String, Integer> tried = new TreeMap<>();
        for (Outcome o : outcomes) {
            Expect e = expect.get(o.op());
            if (o.started() == Phase.OUTAGE && !o.straddles()) {
                tried.merge(o.op(), 1, Integer::sum);
                if (o.millis() >= bound.toMillis()) {
                    wrong.add("too slow: " + o);
                } else if (!e.statuses().contains(o.status()) || !o.ok() && !mentionsAll(o.body(), e.words())) {
                    wrong.add("wrong answer: " + o);
                }
            } else if (o.started() == Phase.AFTER || o.started() == Phase.BEFORE && !o.straddles()) {
                if (!o.ok()) {
                    wrong.add("failed outside the outage: " + o);
                }
            } else if (!o.ok() && !e.statuses().contains(o.status()) && !cutShort(o)) {
                wrong.add("straddling the outage, neither success nor the outage's answer: " + o);
            }
        }
        assertTrue(wrong.isEmpty(), wrong.size() + " of " + outcomes.size() + " answers are wrong, first ones:\n"
                + wrong.stream().limit(8).collect(Collectors.joining("\n")));
        for (String op : expect.keySet()) {
            assertTrue(tried.getOrDefault(op, 0) >= minimumPerOp, "only " + tried.getOrDefault(op, 0) + " '" + op
                    + "' requests during the outage: " + tried);
        }
    }

    /** A summary for the test's output (and docs/operations.md): answers per phase, kind and status, slowest. */
    static String summary(Collection<Outcome> outcomes) {
        Map<String, List<Outcome>> groups = outcomes.stream().collect(Collectors.groupingBy(
                o -> o.started() + (o.straddles() ? "->" + o.ended() : "") + " " + o.op() + " " + o.status(),
                TreeMap::new, Collectors.toList()));
        StringBuilder text = new StringBuilder();
        groups.forEach((key, list) -> {
            long max = list.stream().mapToLong(Outcome::millis).max().orElse(0);
            List<Long> sorted = list.stream().map(Outcome::millis).sorted().toList();
            text.append(String.format(Locale.ROOT, "%-44s n=%4d median=%4d ms max=%5d ms%n", key, list.size(),
                    sorted.get(sorted.size() / 2), max));
        });
        return text.toString();
    }

    /** The first body of the outage with {@code status} for {@code op}, for the docs. */
    static String sampleMessage(List<Outcome> outcomes, String op, int status) {
        return outcomes.stream().filter(o -> o.started() == Phase.OUTAGE && o.op().equals(op) && o.status() == status)
                .map(Outcome::body).findFirst().orElse("(none)");
    }

    /**
     * Nothing half-written is visible: the artifacts listed are {@code seeds}, those whose
     * registration answered 201 (none lost), and at most as many more as registrations were cut
     * short by the outage (stored as their connection went); every one of them reads, and
     * downloads whole (its files are all there).
     */
    static void assertNothingHalfWritten(Api api, String token, List<Outcome> outcomes, Set<String> seeds) {
        Set<String> created = new java.util.HashSet<>(seeds);
        for (Outcome o : outcomes) {
            if (o.op().startsWith("register") && o.status() == 201) {
                created.add(idOf(o.body()));
            }
        }
        JsonNode listed = api.post("/artifacts", token, "[{\"name\":\"*\"}]").expect(200).json();
        Map<String, String> types = new TreeMap<>();
        for (JsonNode entry : listed) {
            types.put(entry.path("id").asText(), entry.path("type").asText());
        }
        // a registration whose commit reached the database just as its connection was cut is answered 503
        // yet stored, whole (the client cannot tell; the same holds for any database): at most those are extra
        long ambiguous = outcomes.stream().filter(o -> o.op().startsWith("register")
                && (o.status() >= 500 || o.status() <= 0)).count();
        Set<String> extra = new java.util.TreeSet<>(types.keySet());
        extra.removeAll(created);
        assertTrue(types.keySet().containsAll(created), "every registration that answered 201 is listed: " + created
                + " in " + types.keySet());
        assertTrue(extra.size() <= ambiguous, "listed but never answered 201, more than the " + ambiguous
                + " registrations cut short: " + extra);
        types.forEach((id, type) -> {
            api.get("/artifacts/" + type + "/" + id, token).expect(200);
            Api.Reply download = api.get("/artifacts/" + type + "/" + id + "/download", token).expect(200);
            assertTrue(download.response().body().length > 0, id);
        });
    }

    private static String idOf(String body) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).path("metadata").path("id").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError(body, e);
        }
    }

    /**
     * An answer under way when the dependency went, cut off: its status was sent, so the server
     * can only close the connection, and the client sees fewer bytes than Content-Length said
     * (never a shorter file passed off as whole).
     */
    private static boolean cutShort(Outcome o) {
        return o.status() == -1 && o.body().contains("fixed content-length") && o.body().contains("bytes received");
    }

    private static boolean mentionsAll(String body, List<String> words) {
        if (words.isEmpty()) {
            return true;
        }
        return words.stream().allMatch(body::contains);
    }

    /** The status of component {@code id} in a {@code /health/components} report. */
    static String component(JsonNode report, String id) {
        for (JsonNode c : report.path("components")) {
            if (c.path("id").asText().equals(id)) {
                return c.path("status").asText();
            }
        }
        throw new AssertionError("no component " + id + " in " + report);
    }

    /** Asserts that {@code /health/components} answers within {@code bound} and reports {@code id} as {@code status}. */
    static JsonNode assertHealth(Api api, String id, String status, Duration bound) {
        long started = System.nanoTime();
        JsonNode report = api.get("/health/components", null).expect(200).json();
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(millis < bound.toMillis(), "/health/components took " + millis + " ms");
        assertEquals(status, component(report, id), report.toString());
        return report;
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
