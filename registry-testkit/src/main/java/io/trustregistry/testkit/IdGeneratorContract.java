package io.trustregistry.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;

import io.trustregistry.core.model.ArtifactId;
import io.trustregistry.core.port.out.IdGenerator;

/** What every {@link IdGenerator} must do. */
public abstract class IdGeneratorContract {

    /** The generator under test. */
    protected abstract IdGenerator generator();

    @Test
    void idsAreUniqueUnderABurstOfConcurrentCalls() throws Exception {
        IdGenerator ids = generator();
        Set<ArtifactId> seen = ConcurrentHashMap.newKeySet();
        Concurrently.run(8, () -> {
            for (int i = 0; i < 5_000; i++) {
                seen.add(ids.next());
            }
            return null;
        });
        assertEquals(40_000, seen.size());
    }

    @Test
    void idsHaveTheContractsShape() {
        IdGenerator ids = generator();
        for (int i = 0; i < 100; i++) {
            assertTrue(ArtifactId.isWellFormed(ids.next().value()));
        }
    }
}
