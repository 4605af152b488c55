package io.trustregistry.testkit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The name resolver of every JVM with the testkit on its class path (registered in
 * {@code META-INF/services/java.net.spi.InetAddressResolverProvider}): it resolves loopback
 * names only, so a test cannot reach past this machine by name. Any other lookup fails as an
 * unknown host, as it would offline, and is recorded; {@link HermeticTestsExtension} then fails
 * the test that made it, naming the host (docs/testing.md). Names under the reserved
 * {@code .invalid}, {@code .test}, {@code .example} and {@code .localhost} never resolve and are
 * not recorded: tests use them on purpose.
 */
public final class LoopbackOnlyResolver extends InetAddressResolverProvider {

    private static final List<String> ESCAPES = new ArrayList<>();

    @Override
    public InetAddressResolver get(Configuration configuration) {
        InetAddressResolver builtin = configuration.builtinResolver();
        String machine = configuration.lookupLocalHostName().toLowerCase(Locale.ROOT);
        return new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
                String name = host.toLowerCase(Locale.ROOT);
                if (name.equals("localhost") || name.equals(machine)) {
                    return builtin.lookupByName(host, policy).filter(InetAddress::isLoopbackAddress);
                }
                if (!name.matches(".*\\.(invalid|test|example|localhost)\\.?")) {
                    synchronized (ESCAPES) {
                        ESCAPES.add(host);
                    }
                }
                throw new UnknownHostException(host + ": tests resolve loopback names only (docs/testing.md)");
            }

            @Override
            public String lookupByAddress(byte[] address) throws UnknownHostException {
                InetAddress ip = InetAddress.getByAddress(address);
                if (ip.isLoopbackAddress()) {
                    return "localhost";
                }
                throw new UnknownHostException(ip.getHostAddress() + ": tests resolve loopback addresses only");
            }
        };
    }

    @Override
    public String name() {
        return "loopback only (registry-testkit)";
    }

    /** The names looked up since the last call, which would have left this machine; clears them. */
    static List<String> takeEscapes() {
        synchronized (ESCAPES) {
            List<String> taken = List.copyOf(ESCAPES);
            ESCAPES.clear();
            return taken;
        }
    }
}
