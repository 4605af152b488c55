package io.trustregistry.adapter.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.trustregistry.core.error.UpstreamException;

/** SSRF refusal: which addresses are internal, which ranges an operator may allow, and what a dead DNS means. */
class AddressPolicyTest {

    /** A hub the registry is configured for not resolving is an outage (502), not the client's bad URL (4xx). */
    @Test
    void aConfiguredHubThatDoesNotResolveIsUnavailable() {
        AddressPolicy policy = new AddressPolicy(List.of(), Set.of("Hub.Mirror.invalid"));
        UpstreamException.Unavailable down = assertThrows(UpstreamException.Unavailable.class,
                () -> policy.check(URI.create("https://hub.mirror.invalid/api/models/acme/x")));
        assertEquals("cannot resolve hub.mirror.invalid (DNS or network failure)", down.getMessage());
        UpstreamException.SourceNotFound typo = assertThrows(UpstreamException.SourceNotFound.class,
                () -> policy.check(URI.create("https://weights.example/model.bin")));
        assertEquals("the host weights.example does not resolve", typo.getMessage());
    }

    @Test
    void loopbackIsRefusedUnlessAllowed() {
        UpstreamException.ForbiddenAddress e = assertThrows(UpstreamException.ForbiddenAddress.class,
                () -> new AddressPolicy(List.of(), Set.of()).check(URI.create("http://127.0.0.1:8080/admin")));
        assertEquals("127.0.0.1 resolves to the internal address 127.0.0.1 (an operator may allow a trusted internal"
                + " mirror with REGISTRY_HUB_ALLOWED_NETWORKS)", e.getMessage());
        new AddressPolicy(List.of("127.0.0.0/8"), Set.of()).check(URI.create("http://127.0.0.1:8080/admin"));
    }

    private static Inet6Address v4Mapped(int a, int b, int c, int d) throws UnknownHostException {
        byte[] bytes = new byte[16];
        bytes[10] = (byte) 0xFF;
        bytes[11] = (byte) 0xFF;
        bytes[12] = (byte) a;
        bytes[13] = (byte) b;
        bytes[14] = (byte) c;
        bytes[15] = (byte) d;
        // built as IPv6 on purpose: InetAddress.getByAddress would hand back the IPv4 address
        return Inet6Address.getByAddress(null, bytes, -1);
    }

    /**
     * A resolver can answer an AAAA record {@code ::ffff:10.0.0.1}: the IPv4 address inside
     * decides, so a private address cannot hide in IPv6 form.
     */
    @Test
    void anIpv4AddressMappedIntoIpv6IsJudgedAsTheIpv4AddressInside() throws UnknownHostException {
        assertTrue(AddressPolicy.isInternal(v4Mapped(10, 0, 0, 1)));
        assertTrue(AddressPolicy.isInternal(v4Mapped(169, 254, 169, 254)), "the cloud metadata address");
        assertTrue(AddressPolicy.isInternal(v4Mapped(100, 64, 0, 1)), "carrier-grade NAT");
        assertFalse(AddressPolicy.isInternal(v4Mapped(93, 184, 216, 34)));
    }

    @ParameterizedTest
    @CsvSource({"0.1.2.3, true", "100.127.255.255, true", "100.128.0.0, false", "198.19.0.1, true", "240.0.0.1, true",
            "fd12::1, true", "64:ff9b::a00:1, true", "fe80::1, true", "2606:4700::1111, false", "8.8.8.8, false"})
    void internalRangesBeyondTheJdksOwnChecks(String address, boolean internal) throws UnknownHostException {
        assertEquals(internal, AddressPolicy.isInternal(InetAddress.getByName(address)), address);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "10.0.0.0/33 | bad prefix length in 10.0.0.0/33",
            "::1/129 | bad prefix length in ::1/129",
            "10.0.0.0/-1 | bad prefix length in 10.0.0.0/-1",
            "10.0.0.0/eight | not a CIDR range: 10.0.0.0/eight",
            "10.0.0.0 | not a CIDR range: 10.0.0.0",
            "10.0.0.0/8/8 | not a CIDR range: 10.0.0.0/8/8",
            "mirror.example/8 | CIDR ranges need a literal address: mirror.example/8",
            "1:2:3:4:5:6:7:8:9/64 | not a CIDR range: 1:2:3:4:5:6:7:8:9/64"})
    void aBadAllowedNetworkIsRefusedNamingIt(String text, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CidrRange.parse(text));
        assertEquals(message, e.getMessage());
    }

    @Test
    void aRangeMatchesOnItsPrefixBitsOnly() throws UnknownHostException {
        CidrRange range = CidrRange.parse("172.16.0.0/12");
        assertTrue(range.contains(InetAddress.getByName("172.31.255.255")));
        assertFalse(range.contains(InetAddress.getByName("172.32.0.0")));
        assertFalse(range.contains(InetAddress.getByName("::1")), "another family never matches");
        assertTrue(CidrRange.parse("0.0.0.0/0").contains(InetAddress.getByName("8.8.8.8")));
    }
}
