package io.trustregistry.adapter.hub;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.trustregistry.core.error.UpstreamException;

/**
 * Keeps ingest from being turned against the registry's own network (SSRF): a URL may be
 * fetched only if every address its host resolves to is public, or lies in a range the
 * operator explicitly allowed. Checked again at every redirect hop.
 */
final class AddressPolicy {

    private static final List<CidrRange> ALWAYS_INTERNAL = List.of(
            CidrRange.parse("0.0.0.0/8"), CidrRange.parse("100.64.0.0/10"), CidrRange.parse("192.0.0.0/24"),
            CidrRange.parse("198.18.0.0/15"), CidrRange.parse("240.0.0.0/4"), CidrRange.parse("fc00::/7"),
            CidrRange.parse("64:ff9b::/96"));

    private final List<CidrRange> allowed;
    private final Set<String> infrastructureHosts;

    /**
     * @param allowedNetworks     internal ranges that may be fetched anyway
     * @param infrastructureHosts the configured hub API hosts: if one of them does not
     *                            resolve, the hub is unreachable (DNS or network), which is
     *                            not the client's fault
     */
    AddressPolicy(List<String> allowedNetworks, Set<String> infrastructureHosts) {
        this.allowed = allowedNetworks.stream().map(CidrRange::parse).toList();
        this.infrastructureHosts = infrastructureHosts.stream().map(h -> h.toLowerCase(Locale.ROOT))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /**
     * @throws UpstreamException.ForbiddenAddress if the host is internal and not allowed
     * @throws UpstreamException.SourceNotFound   if a client-named host does not resolve
     * @throws UpstreamException.Unavailable      if a hub's own host does not resolve
     */
    void check(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new UpstreamException.Unsupported("only http and https URLs can be fetched, not " + uri);
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new UpstreamException.Unsupported("the URL has no host: " + uri);
        }
        if (uri.getPort() == 0) {
            throw new UpstreamException.Unsupported("port 0 names no server: " + uri);
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            if (infrastructureHosts.contains(host.toLowerCase(Locale.ROOT))) {
                throw new UpstreamException.Unavailable("cannot resolve " + host + " (DNS or network failure)", e);
            }
            throw new UpstreamException.SourceNotFound("the host " + host + " does not resolve");
        }
        for (InetAddress address : addresses) {
            if (isInternal(address) && allowed.stream().noneMatch(range -> range.contains(address))) {
                throw new UpstreamException.ForbiddenAddress(host + " resolves to the internal address "
                        + address.getHostAddress() + " (an operator may allow a trusted internal mirror with"
                        + " REGISTRY_HUB_ALLOWED_NETWORKS)");
            }
        }
    }

    static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        if (address instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            boolean v4Mapped = true;
            for (int i = 0; i < 10; i++) {
                v4Mapped &= b[i] == 0;
            }
            if (v4Mapped && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF) {
                try {
                    return isInternal(Inet4Address.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException impossible) {
                    return true;
                }
            }
        }
        return ALWAYS_INTERNAL.stream().anyMatch(range -> range.contains(address));
    }
}
