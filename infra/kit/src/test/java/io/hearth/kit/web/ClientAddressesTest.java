package io.hearth.kit.web;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientAddressesTest {

    static InetAddress ip(String text) {
        return ClientAddresses.literal(text).orElseThrow();
    }

    static String client(String trusted, String peer, String... forwardedFor) {
        return new ClientAddresses(trusted).resolve(ip(peer), List.of(forwardedFor)).getHostAddress();
    }

    @Test
    void withNoTrustedProxyTheHeaderChangesNothing() {
        assertThat(client("", "198.51.100.4", "203.0.113.7")).isEqualTo("198.51.100.4");
        assertThat(client("", "127.0.0.1", "10.0.0.1, 203.0.113.7")).isEqualTo("127.0.0.1");
    }

    @Test
    void aSpoofedHeaderFromAPeerThatIsNotATrustedProxyIsIgnored() {
        assertThat(client("10.0.0.0/8", "198.51.100.4", "203.0.113.7")).isEqualTo("198.51.100.4");
    }

    @Test
    void behindATrustedProxyTheClientIsTheRightmostHopThatIsNotOne() {
        // The client wrote "1.2.3.4" himself; the load balancer appended his real address.
        assertThat(client("10.0.0.0/8", "10.1.2.3", "1.2.3.4, 203.0.113.7")).isEqualTo("203.0.113.7");
        // Two trusted hops (an ingress behind the load balancer) are skipped.
        assertThat(client("10.0.0.0/8", "10.1.2.3", "1.2.3.4, 203.0.113.7, 10.0.0.9")).isEqualTo("203.0.113.7");
        // Several headers count as one list, in order.
        assertThat(client("10.0.0.0/8", "10.1.2.3", "1.2.3.4", "203.0.113.7, 10.0.0.9")).isEqualTo("203.0.113.7");
    }

    @Test
    void whenEveryHopIsTrustedTheLeftmostIsTheClientAndWithNoHeaderThePeerIs() {
        assertThat(client("10.0.0.0/8", "10.1.2.3", "10.9.9.9, 10.0.0.9")).isEqualTo("10.9.9.9");
        assertThat(client("10.0.0.0/8", "10.1.2.3")).isEqualTo("10.1.2.3");
    }

    @Test
    void aHopThatIsNotAnAddressStopsTheWalkAtTheLastOneKnown() {
        assertThat(client("10.0.0.0/8", "10.1.2.3", "203.0.113.7, evil.example")).isEqualTo("10.1.2.3");
        assertThat(client("10.0.0.0/8", "10.1.2.3", "203.0.113.7, 999.1.1.1")).isEqualTo("10.1.2.3");
        assertThat(client("10.0.0.0/8", "10.1.2.3", "")).isEqualTo("10.1.2.3");
    }

    @Test
    void ipv6ProxiesAndClientsAreRead() {
        assertThat(client("2001:db8::/32", "2001:db8::1", "2001:0db8:ffff::9, [2a00:1450::5]")).isEqualTo("2a00:1450:0:0:0:0:0:5");
        assertThat(client("2001:db8::/32, 127.0.0.1", "127.0.0.1", "203.0.113.7")).isEqualTo("203.0.113.7");
    }

    @Test
    void blocksMatchByTheirPrefixOnly() {
        ClientAddresses.Cidr block = ClientAddresses.Cidr.of("192.168.4.0/22");
        assertThat(block.contains(ip("192.168.7.255"))).isTrue();
        assertThat(block.contains(ip("192.168.8.0"))).isFalse();
        assertThat(block.contains(ip("2001:db8::1"))).isFalse();
        assertThat(ClientAddresses.Cidr.of("0.0.0.0/0").contains(ip("8.8.8.8"))).isTrue();
        assertThat(ClientAddresses.Cidr.of("10.0.0.1").contains(ip("10.0.0.2"))).isFalse();
    }

    @Test
    void aListWithAMistakeIsRefusedAtStart() {
        assertThatThrownBy(() -> ClientAddresses.parse("10.0.0.0/8, lb.internal")).hasMessageContaining("lb.internal");
        assertThatThrownBy(() -> ClientAddresses.parse("10.0.0.0/33")).hasMessageContaining("prefix length");
        assertThatThrownBy(() -> ClientAddresses.parse("10.0.0.0/x")).hasMessageContaining("prefix length");
        assertThat(ClientAddresses.parse(" , ")).isEmpty();
    }
}
