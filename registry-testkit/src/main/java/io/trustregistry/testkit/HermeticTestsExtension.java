package io.trustregistry.testkit;

import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test that tried to resolve a name outside this machine (see {@link LoopbackOnlyResolver}).
 * Registered for every test through JUnit's extension auto-detection (the build turns it on).
 */
public final class HermeticTestsExtension implements BeforeEachCallback, AfterEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) {
        // what a class's setup or an earlier test did is not this test's doing
        LoopbackOnlyResolver.takeEscapes();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<String> escapes = LoopbackOnlyResolver.takeEscapes();
        if (!escapes.isEmpty()) {
            throw new AssertionError(context.getDisplayName() + " looked up " + escapes
                    + ": tests must stay on this machine (fake hubs on loopback; docs/testing.md)");
        }
    }
}
