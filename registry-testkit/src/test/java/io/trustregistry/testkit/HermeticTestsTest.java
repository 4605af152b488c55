package io.trustregistry.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The suite stays on this machine: names resolve to loopback or not at all, and a test that tried is failed. */
class HermeticTestsTest {

    @Test
    void loopbackNamesResolveAndOthersAreUnknownAndRecorded() throws Exception {
        assertTrue(InetAddress.getByName("localhost").isLoopbackAddress());
        assertEquals("127.0.0.2", InetAddress.getByName("127.0.0.2").getHostAddress(), "literals need no resolver");
        UnknownHostException outside = assertThrows(UnknownHostException.class,
                () -> InetAddress.getByName("huggingface.co"));
        assertTrue(outside.getMessage().contains("tests resolve loopback names only"), outside.getMessage());
        assertThrows(UnknownHostException.class, () -> InetAddress.getByName("no-such-host.invalid"));
        assertEquals(List.of("huggingface.co"), LoopbackOnlyResolver.takeEscapes(), "reserved names are not escapes");
    }

    @Test
    void theExtensionFailsATestThatLookedOutside() throws Exception {
        ExtensionContext context = (ExtensionContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ExtensionContext.class}, (proxy, method, args) ->
                        method.getName().equals("getDisplayName") ? "leaky()" : null);
        HermeticTestsExtension extension = new HermeticTestsExtension();
        extension.beforeEach(context);
        assertThrows(UnknownHostException.class, () -> InetAddress.getAllByName("api.github.com"));
        AssertionError failed = assertThrows(AssertionError.class, () -> extension.afterEach(context));
        assertTrue(failed.getMessage().contains("leaky() looked up [api.github.com]"), failed.getMessage());
        extension.afterEach(context);
    }
}
